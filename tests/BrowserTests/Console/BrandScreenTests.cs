using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>The brand list and a brand's page in a real browser: the API's commands, rights and refusals.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class BrandScreenTests(ConsoleApp app)
{
    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static ILocator Status(IPage page) => page.GetByTestId("status");

    private static async Task<string> CreateOverApiAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/brands", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A published product of <paramref name="brandId"/>, made and published over the API by a catalog manager.</summary>
    private static async Task<string> PublishedProductAsync(HttpClient manager, string brandId)
    {
        var created = await manager.PostAsJsonAsync("/api/v1/products", new { name = Unique("Kettle"), sku = "SKU-" + Guid.NewGuid().ToString("N")[..10], price = 30m, stockQuantity = 4, brandId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/products/{id}/submit-for-review", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/products/{id}/publish", null)).StatusCode);
        return id;
    }

    [Fact]
    public async Task Manager_ArchivesABrand_ItsProductsLeaveTheStorefrontApi_AndUnarchiveBringsThemBack()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var brand = await CreateOverApiAsync(api, Unique("Kelvin"));
        var product = await PublishedProductAsync(api, brand);
        var storefront = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await storefront.GetAsync($"/api/v1/products/{product}")).StatusCode);

        var (page, _) = await app.SignedInPageAsync("catalog_manager");
        await page.GotoAsync($"/admin/brands/{brand}");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await Button(page, "Archive").ClickAsync();
        await Assertions.Expect(Status(page)).ToHaveTextAsync("Archived");
        Assert.Equal(HttpStatusCode.NotFound, (await storefront.GetAsync($"/api/v1/products/{product}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await storefront.GetAsync($"/api/v1/brands/{brand}")).StatusCode);

        await Button(page, "Unarchive").ClickAsync();
        await Assertions.Expect(Status(page)).ToHaveTextAsync("Active");
        Assert.Equal(HttpStatusCode.OK, (await storefront.GetAsync($"/api/v1/products/{product}")).StatusCode);
    }

    [Fact]
    public async Task Manager_DeletesABrand_FindsItUnderTheDeletedFilter_AndRestoresIt()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var name = Unique("Aldous");
        var brand = await CreateOverApiAsync(api, name);
        var storefront = app.CreateClient();

        var (page, _) = await app.SignedInPageAsync("catalog_manager");
        await page.GotoAsync($"/admin/brands/{brand}");
        await Button(page, "Delete").ClickAsync();
        await Assertions.Expect(Status(page)).ToHaveTextAsync("Deleted");
        Assert.Equal(HttpStatusCode.NotFound, (await storefront.GetAsync($"/api/v1/brands/{brand}")).StatusCode);

        await page.GotoAsync("/admin/brands");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0);
        await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync("deleted");
        await Button(page, "Show").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Button(page, "Restore").ClickAsync();
        await Assertions.Expect(Status(page)).ToHaveTextAsync("Active");
        Assert.Equal(HttpStatusCode.OK, (await storefront.GetAsync($"/api/v1/brands/{brand}")).StatusCode);
    }

    [Fact]
    public async Task Create_WithBadInput_ShowsTheValidatorsMessages_ThenCreatesAndEdits()
    {
        var (page, _) = await app.SignedInPageAsync("catalog_manager");
        await page.GotoAsync("/admin/brands");
        await page.GetByLabel("Website URL").FillAsync("not a url");
        await Button(page, "Create brand").ClickAsync();
        await Assertions.Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#websiteUrl-error")).ToBeVisibleAsync();

        var name = Unique("Orla");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Website URL").FillAsync("https://orla.example");
        await Button(page, "Create brand").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved (created)");
        await Assertions.Expect(Status(page)).ToHaveTextAsync("Active");
        var id = page.Url.Split('/').Last().Split('?')[0];

        await page.GetByLabel("Description").FillAsync("Enamel kitchenware");
        await page.GetByLabel("Active").UncheckAsync();
        await Button(page, "Save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved (details)");
        await Assertions.Expect(Status(page)).ToHaveTextAsync("Inactive");
        var served = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/brands/{id}");
        Assert.Equal(("Enamel kitchenware", "https://orla.example", false), (served.GetProperty("description").GetString(), served.GetProperty("websiteUrl").GetString(), served.GetProperty("isActive").GetBoolean()));
    }

    [Fact]
    public async Task WithoutTheRights_NoActionsAreShown_AndForgedPosts_AreRefusedByTheCommands()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var brand = await CreateOverApiAsync(api, Unique("Tamsin"));

        // An editor holds brands:write but not brands:delete.
        var (editor, _) = await app.SignedInPageAsync("editor");
        await editor.GotoAsync($"/admin/brands/{brand}");
        await Assertions.Expect(Button(editor, "Archive")).ToBeVisibleAsync();
        Assert.Equal(0, await Button(editor, "Delete").CountAsync());
        var forgedDelete = await ForgedPost.SendAsync(editor, $"/admin/brands/{brand}", "lifecycle", ("Lifecycle.Action", "delete"));
        Assert.Contains("requires the &#x27;brands:delete&#x27; permission", await forgedDelete.TextAsync(), StringComparison.Ordinal);

        // A moderator holds neither: the storefront's brand, read-only.
        var (moderator, _) = await app.SignedInPageAsync("moderator");
        Assert.Equal(0, await moderator.GetByRole(AriaRole.Link, new() { Name = "Brands", Exact = true }).CountAsync());
        await moderator.GotoAsync($"/admin/brands/{brand}");
        await Assertions.Expect(Status(moderator)).ToHaveTextAsync("Active");
        Assert.Equal(0, await moderator.Locator("main button, select, input:not([type=hidden]), textarea").CountAsync());
        var forgedArchive = await ForgedPost.SendAsync(moderator, $"/admin/brands/{brand}", "lifecycle", ("Lifecycle.Action", "archive"));
        Assert.Contains("requires the &#x27;brands:write&#x27; permission", await forgedArchive.TextAsync(), StringComparison.Ordinal);

        var served = await app.CreateClient().GetAsync($"/api/v1/brands/{brand}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
