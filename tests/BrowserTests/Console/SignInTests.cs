using Catalog.BrowserTests.Infrastructure;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>Sign-in and sign-out of the console over the API's login use case, in a real browser.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleApp app)
{
    [Fact]
    public async Task SignIn_ShowsTheDashboard_AndSignOut_EndsTheSession()
    {
        var user = await app.CreateUserAsync(null, ConsoleApp.Password, "catalog_manager");
        var page = await app.NewPageAsync();
        await page.GotoAsync("/admin");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);

        await ConsoleApp.SignInAsync(page, user.Email, ConsoleApp.Password);
        Assert.Equal("Dashboard", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        // The stylesheets came from the app itself (the header's colour is the console's own CSS on MudBlazor's).
        Assert.Equal("rgb(30, 58, 95)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.bo-header')).backgroundColor"));
        Assert.Equal(1, await page.EvaluateAsync<int>("[...document.styleSheets].filter(s => s.href && s.href.includes('/_content/MudBlazor/')).length"));
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "__Secure-catalog-admin");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/admin", cookie.Path);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/login?signedOut=1");
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM user_sessions WHERE user_id = @Id AND revoked_at IS NULL", new { user.Id }));
        await page.GotoAsync("/admin");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSo_AndSignsNobodyIn()
    {
        var user = await app.CreateUserAsync(null, ConsoleApp.Password, "editor");
        var page = await app.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrect");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "__Secure-catalog-admin");
    }

    [Fact]
    public async Task SignIn_WorksWithTheKeyboardAlone_AndEveryControlHasALabel()
    {
        var user = await app.CreateUserAsync(null, ConsoleApp.Password, "editor");
        var page = await app.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await AssertEveryControlLabelledAsync(page);

        // The email field has focus on arrival; Tab moves to the password, Enter submits.
        await page.Keyboard.TypeAsync(user.Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(ConsoleApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));
        Assert.Equal("Dashboard", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
    }

    [Fact]
    public async Task Console_IgnoresBearerTokens_AndItsCookieAuthenticatesNothingUnderApi()
    {
        var (client, _) = await app.CreateClientAsAsync("admin");
        var bearer = client.DefaultRequestHeaders.Authorization!.ToString();
        var page = await app.NewPageAsync();
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = bearer });
        await page.GotoAsync("/admin");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);

        var (signedIn, _) = await app.SignedInPageAsync("admin");
        var api = await signedIn.APIRequest.GetAsync("/api/v1/me");
        Assert.Equal(401, api.Status);
    }

    [Fact]
    public async Task EndingTheSessionFromTheApi_EndsTheConsoleSession()
    {
        var user = await app.CreateUserAsync(null, ConsoleApp.Password, "catalog_manager");
        var page = await app.NewPageAsync();
        await ConsoleApp.SignInAsync(page, user.Email, ConsoleApp.Password);
        var (admin, _) = await app.CreateClientAsAsync("admin");
        var ended = await admin.DeleteAsync($"/api/v1/users/{user.Id}/sessions");
        Assert.True(ended.IsSuccessStatusCode, ended.StatusCode.ToString());

        await page.GotoAsync("/admin");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
    }

    internal static async Task AssertEveryControlLabelledAsync(IPage page)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => e.name || e.id || e.outerHTML)
            """);
        Assert.Empty(unlabelled);
    }
}
