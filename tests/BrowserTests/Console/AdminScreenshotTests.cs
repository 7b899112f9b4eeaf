using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// The users, user (with sessions) and roles screens render for an admin with their heading and no unlabelled control.
/// With <c>CATALOG_SCREENSHOTS</c> set to a folder (docs/images), each is saved there as <c>backoffice-*.png</c>.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdminScreenshotTests(ConsoleApp app)
{

    [Fact]
    public async Task UserAndRoleScreens_RenderTheirHeading_WithEveryControlLabelled()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var editor = await app.CreateUserAsync($"ada.{tag}@example.com", ConsoleApp.Password, "editor");
        await app.CreateUserAsync($"grace.{tag}@example.com", ConsoleApp.Password, "moderator");
        foreach (var agent in new[] { "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0", "Mozilla/5.0 (Macintosh) Safari/605.1.15" })
        {
            var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, UserAgent = agent });
            await ConsoleApp.SignInAsync(await context.NewPageAsync(), editor.Email, ConsoleApp.Password);
        }

        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync($"/admin/users?q={tag}");
        await Screenshots.AssertScreenAsync(page, "Users", "users");

        await page.GotoAsync($"/admin/users/{editor.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "End all sessions" })).ToBeVisibleAsync();
        await Screenshots.AssertScreenAsync(page, editor.Email, "user");

        await page.GotoAsync("/admin/roles");
        await Screenshots.AssertScreenAsync(page, "Roles", "roles");
    }
}
