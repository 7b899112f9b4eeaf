using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// Every screen renders for an admin, with its heading and no unlabelled control. With <c>CATALOG_SCREENSHOTS</c> set
/// to a folder (docs/images), each is also saved there as <c>backoffice-*.png</c> for docs/backoffice.md.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScreenshotTests(ConsoleApp app)
{

    [Fact]
    public async Task EveryScreen_RendersItsHeading_WithEveryControlLabelled()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var created = await api.PostAsJsonAsync("/api/v1/products", new { name = "Walnut desk", sku = "DESK-" + Guid.NewGuid().ToString("N")[..8], price = 349m, stockQuantity = 2, lowStockThreshold = 5, shortDescription = "Solid walnut, 140 × 70 cm" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await api.PostAsync($"/api/v1/products/{id}/submit-for-review", null);

        var login = await app.NewPageAsync();
        await ScreenAsync(login, "/admin/login", "Sign in", "login");

        var (page, _) = await app.SignedInPageAsync("admin");
        await ScreenAsync(page, "/admin", "Dashboard", "dashboard");
        await ScreenAsync(page, "/admin/products?status=in_review", "Products", "products");
        await ScreenAsync(page, $"/admin/products/{id}", "Walnut desk", "product");

        await page.GotoAsync("/admin/products/new");
        await page.GetByLabel("Price", new() { Exact = true }).FillAsync("-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(page.Locator("#price-error")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "product-new");

        var (other, _) = await app.SignedInPageAsync("admin");
        await other.GotoAsync($"/admin/products/{id}");
        await page.GotoAsync($"/admin/products/{id}");
        await page.GetByLabel("Name").FillAsync("Walnut desk, oiled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await other.GetByLabel("Name").FillAsync("Walnut desk, lacquered");
        await other.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed this product");
        await Screenshots.SaveAsync(other, "product-conflict");

        await ScreenAsync(page, "/admin/products/import", "Import products", null);
        var csv = "name,sku,price\nOak shelf,SHELF-1,59.00\n,SHELF-2,20.00\nPine shelf,SHELF-3,-1\n";
        await page.GetByLabel("File (.csv or .ndjson)").SetInputFilesAsync(new FilePayload { Name = "shelves.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("failed")).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(page, "import");

        Assert.Empty(app.ForeignRequests);
    }

    private static async Task ScreenAsync(IPage page, string path, string heading, string? name)
    {
        await page.GotoAsync(path);
        await Screenshots.AssertScreenAsync(page, heading, name);
    }
}
