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

    [Fact]
    public async Task OperationsScreens_RenderTheirHeading_WithEveryControlLabelled()
    {
        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/admin/api-keys");
        await page.GetByLabel("Name").FillAsync("Nightly feed export");
        await page.GetByLabel("products:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("New API key", new() { Exact = true })).ToBeVisibleAsync();
        await Screenshots.AssertScreenAsync(page, "API keys", "api-keys");

        await page.GotoAsync("/admin/jobs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run token-cleanup now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Screenshots.AssertScreenAsync(page, "Jobs", "jobs");

        await page.GotoAsync("/admin/hangfire");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Catalog jobs"));
        await Screenshots.SaveAsync(page, "hangfire");
    }
}
