using System.Collections.Concurrent;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>
/// The whole app on a real Kestrel port (a browser cannot reach WebApplicationFactory's in-memory TestServer), on a
/// database of its own in the integration tests' throwaway PostgreSQL, and one headless Debian Chromium: one of each
/// per test collection. Each test opens its own browser contexts (cookie jars) and makes its own users and products.
/// </summary>
public sealed class ConsoleApp : CatalogApiFactory, IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    /// <summary>Debian's package; Playwright's own browser download is never used (tests/README.md).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ConsoleApp() => UseKestrel(0);

    /// <summary>Where the console is, e.g. <c>http://localhost:41234</c> (localhost: a secure context for the Secure cookie).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>Every URL a page of this fixture asked for outside the app (a CDN, a font host): there must be none.</summary>
    public ConcurrentQueue<string> ForeignRequests { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The build's static web assets (MudBlazor's and the console's CSS) from their package and project folders, as
        // Development serves them; a published app serves them from its wwwroot.
        builder.UseStaticWebAssets();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = "http://localhost:" + new Uri(address).Port;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) with one page.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(BaseUrl + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                ForeignRequests.Enqueue(request.Url);
            }
        };
        return await context.NewPageAsync();
    }

    /// <summary>A new user holding <paramref name="roles"/>, signed in to the console through its sign-in page.</summary>
    public async Task<(IPage Page, string Email)> SignedInPageAsync(params string[] roles)
    {
        var user = await CreateUserAsync(null, Password, roles);
        var page = await NewPageAsync();
        await SignInAsync(page, user.Email, Password);
        return (page, user.Email);
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        // Every answer the page gets until it has left the sign-in page: if it never does, the failure says why (the
        // sign-in's own answer, a redirect back, the page's message) instead of only "Timeout 30000ms exceeded".
        var answers = new ConcurrentQueue<string>();
        void Record(object? sender, IResponse response) => answers.Enqueue($"{response.Request.Method} {new Uri(response.Url).PathAndQuery} {response.Status}");
        page.Response += Record;
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));
        }
        catch (TimeoutException ex)
        {
            string text;
            try
            {
                text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            }
            catch (PlaywrightException unreadable)
            {
                text = $"(unreadable: {unreadable.Message})";
            }

            throw new TimeoutException($"Signing in as {email} never left the sign-in page: at {page.Url} after [{string.Join("; ", answers)}], the page says: {text}", ex);
        }
        finally
        {
            page.Response -= Record;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleApp>
{
    public const string Name = "Console";
}
