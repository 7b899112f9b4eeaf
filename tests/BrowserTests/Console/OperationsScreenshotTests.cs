using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// The operations screens (API keys, jobs) render for an admin with their heading and no unlabelled control. With
/// <c>CATALOG_SCREENSHOTS</c> set to a folder (docs/images), each is saved there as <c>backoffice-*.png</c>.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OperationsScreenshotTests(ConsoleApp app)
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("CATALOG_SCREENSHOTS");

    [Fact]
    public async Task OperationsScreens_RenderTheirHeading_WithEveryControlLabelled()
    {
        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/admin/api-keys");
        await page.GetByLabel("Name").FillAsync("Nightly feed export");
        await page.GetByLabel("products:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("New API key", new() { Exact = true })).ToBeVisibleAsync();
        await ScreenAsync(page, "API keys", "api-keys");

        await page.GotoAsync("/admin/jobs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run token-cleanup now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await ScreenAsync(page, "Jobs", "jobs");

        await page.GotoAsync("/admin/hangfire");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Catalog jobs"));
        await SaveAsync(page, "hangfire");
    }

    private static async Task ScreenAsync(IPage page, string heading, string name)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await SaveAsync(page, name);
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        if (Folder is not null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"backoffice-{name}.png"), FullPage = true });
        }
    }
}
