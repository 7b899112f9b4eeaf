using System.Net.Http.Json;
using System.Text.Json;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// The category and brand screens render for an admin with their heading and no unlabelled control. With
/// <c>CATALOG_SCREENSHOTS</c> set to a folder (docs/images), each is saved there as <c>backoffice-*.png</c>.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CatalogScreenshotTests(ConsoleApp app)
{

    [Fact]
    public async Task CategoryAndBrandScreens_RenderTheirHeading_WithEveryControlLabelled()
    {
        var (api, _) = await app.CreateClientAsAsync("admin");
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var home = await CreateAsync(api, "categories", new { name = "Home " + suffix, sortOrder = 1 });
        var kitchen = await CreateAsync(api, "categories", new { name = "Kitchen " + suffix, parentId = home });
        await CreateAsync(api, "categories", new { name = "Cookware " + suffix, parentId = kitchen });
        await CreateAsync(api, "categories", new { name = "Tableware " + suffix, parentId = kitchen, isActive = false });
        var garden = await CreateAsync(api, "categories", new { name = "Garden " + suffix, parentId = home, sortOrder = 2 });
        await CreateAsync(api, "categories", new { name = "Office " + suffix, sortOrder = 2 });
        var brand = await CreateAsync(api, "brands", new { name = "Alder & Co " + suffix, websiteUrl = "https://alder.example", description = "Oak and ash furniture" });
        await CreateAsync(api, "brands", new { name = "Birchwood " + suffix, isActive = false });

        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/admin/categories?status=all");
        await Screenshots.AssertScreenAsync(page, "Categories", "categories");

        await page.GotoAsync($"/admin/categories/{home}");
        await page.GetByLabel("New parent").SelectOptionAsync(garden);
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Screenshots.AssertScreenAsync(page, "Home " + suffix, "category-cycle");

        await page.GotoAsync($"/admin/brands/{brand}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Archived");
        await Screenshots.AssertScreenAsync(page, "Alder & Co " + suffix, "brand");

        await page.GotoAsync("/admin/brands?status=all");
        await Screenshots.AssertScreenAsync(page, "Brands", "brands");
        Assert.Empty(app.ForeignRequests);
    }

    private static async Task<string> CreateAsync(HttpClient api, string resource, object body)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/{resource}", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
