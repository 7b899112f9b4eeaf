using Microsoft.Playwright;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>
/// A post a page's form would send for a control it did not show, with the user's own cookie and antiforgery token:
/// what a user without the right could forge. The command must refuse it.
/// </summary>
public static class ForgedPost
{
    public static async Task<IAPIResponse> SendAsync(IPage page, string path, string handler, params (string Name, string Value)[] fields)
    {
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = page.APIRequest.CreateFormData();
        form.Append("_handler", handler);
        form.Append("__RequestVerificationToken", token!);
        foreach (var (name, value) in fields)
        {
            form.Append(name, value);
        }

        return await page.APIRequest.PostAsync(path, new() { Form = form });
    }
}
