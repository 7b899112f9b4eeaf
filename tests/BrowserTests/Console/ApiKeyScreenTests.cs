using Catalog.BrowserTests.Infrastructure;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>The API keys screen sends the API's create, list and revoke use cases; a new key is shown once.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApiKeyScreenTests(ConsoleApp app)
{
    [Fact]
    public async Task NewApiKey_IsShownOnce_WithACopyButton_AndRevokingItStopsIt()
    {
        var (page, _) = await app.SignedInPageAsync("admin");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("API keys");
        await SignInTests.AssertEveryControlLabelledAsync(page);

        await page.GetByLabel("Name").FillAsync("Feed exporter");
        await page.GetByLabel("products:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var shown = page.GetByLabel("New API key", new() { Exact = true });
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var key = await shown.InputValueAsync();
        Assert.False(string.IsNullOrWhiteSpace(key));
        Assert.DoesNotContain("?", page.Url, StringComparison.Ordinal); // post-redirect-get: the key is in no address

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // The shown key is the key: the API takes it, with the permission chosen.
        using var partner = app.CreateClient();
        partner.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.True((await partner.GetAsync("/api/v1/products/low-stock?limit=1")).IsSuccessStatusCode);

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Feed exporter" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByLabel("New API key", new() { Exact = true }).CountAsync());
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke Feed exporter" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You have no API key.")).ToBeVisibleAsync();
        Assert.Equal(401, (int)(await partner.GetAsync("/api/v1/products/low-stock?limit=1")).StatusCode);
    }

    [Fact]
    public async Task RotatingAKey_ShowsTheNewSecretOnce_AndTheOldOneIsRefused()
    {
        var (page, _) = await app.SignedInPageAsync("admin");
        var oldKey = await CreateKeyAsync(page, "Rotated feed");
        using var oldClient = app.CreateClient();
        oldClient.DefaultRequestHeaders.Add("X-Api-Key", oldKey);
        Assert.True((await oldClient.GetAsync("/api/v1/products/low-stock?limit=1")).IsSuccessStatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate Rotated feed" }).ClickAsync();
        var shown = page.GetByLabel("New API key", new() { Exact = true });
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var newKey = await shown.InputValueAsync();
        Assert.NotEqual(oldKey, newKey);
        Assert.DoesNotContain("?", page.Url, StringComparison.Ordinal);

        using var newClient = app.CreateClient();
        newClient.DefaultRequestHeaders.Add("X-Api-Key", newKey);
        Assert.True((await newClient.GetAsync("/api/v1/products/low-stock?limit=1")).IsSuccessStatusCode);
        Assert.Equal(401, (int)(await oldClient.GetAsync("/api/v1/products/low-stock?limit=1")).StatusCode);

        await page.ReloadAsync();
        Assert.Equal(0, await page.GetByLabel("New API key", new() { Exact = true }).CountAsync());
        Assert.DoesNotContain(newKey, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedRotateOfAnotherUsersKey_IsRefused_AndTheKeyKeepsWorking()
    {
        var (owner, _) = await app.SignedInPageAsync("admin");
        var key = await CreateKeyAsync(owner, "Someone else's");
        var id = await app.ScalarAsync<Guid>("SELECT id FROM api_keys WHERE name = 'Someone else''s'");

        // Another admin's forged rotate of that key (own cookie and token): the command finds no such key of theirs.
        var (other, _) = await app.SignedInPageAsync("admin");
        await other.GotoAsync("/admin/api-keys");
        var token = await other.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = other.APIRequest.CreateFormData();
        form.Append("_handler", $"rotate-{id:N}");
        form.Append("__RequestVerificationToken", token!);
        var forged = await other.APIRequest.PostAsync("/admin/api-keys", new() { Form = form });
        Assert.True(forged.Status is 400 or 200, forged.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("Your new API key", await forged.TextAsync(), StringComparison.Ordinal);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.True((await client.GetAsync("/api/v1/products/low-stock?limit=1")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task AnUnknownPermission_IsRefusedWithTheApisMessage_AndNoKeyIsMade()
    {
        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/admin/api-keys");

        // A forged form asks for a permission that does not exist: the command refuses it, in the API's words.
        await page.EvaluateAsync("""
            () => {
                const box = document.querySelector('input[name=permission]');
                box.value = 'nothing:everything';
                box.checked = true;
            }
            """);
        await page.GetByLabel("Name").FillAsync("Made up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#permissions-error")).ToContainTextAsync("Unknown permissions: nothing:everything.");
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveValueAsync("Made up");
        Assert.Equal(0, await page.GetByLabel("New API key", new() { Exact = true }).CountAsync());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE name = 'Made up'"));
    }

    [Fact]
    public async Task WithoutApiKeyRights_NeitherTheLinkNorTheScreenShowsKeys()
    {
        var (page, _) = await app.SignedInPageAsync("catalog_manager");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).CountAsync());
        await page.GotoAsync("/admin/api-keys");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(); // the query's refusal
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).CountAsync());
    }

    /// <summary>A products:read key made through the page; answers the key as shown once.</summary>
    private static async Task<string> CreateKeyAsync(IPage page, string name)
    {
        await page.GotoAsync("/admin/api-keys");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("products:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        return await page.GetByLabel("New API key", new() { Exact = true }).InputValueAsync();
    }
}
