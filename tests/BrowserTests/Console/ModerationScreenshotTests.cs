using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// The review moderation and audit screens render for an admin with their heading and no unlabelled control. With
/// <c>CATALOG_SCREENSHOTS</c> set to a folder (docs/images), each is saved there as <c>backoffice-*.png</c>.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ModerationScreenshotTests(ConsoleApp app)
{

    [Fact]
    public async Task ReviewAndAuditScreens_RenderTheirHeading_WithEveryControlLabelled()
    {
        var (manager, _) = await app.CreateClientAsAsync("catalog_manager");
        var created = await manager.PostAsJsonAsync("/api/v1/products", new { name = "Stoneware teapot", sku = "TEA-" + Guid.NewGuid().ToString("N")[..8], price = 39m, stockQuantity = 12 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/v1/products/{id}/publish", new { })).StatusCode);
        foreach (var (rating, title, comment) in new[]
        {
            (5, "Pours without a drip", "Keeps the tea hot for an hour."),
            (4, "Lovely glaze", "The lid is a little loose."),
            (1, "CHEAP FOLLOWERS", "Visit example.test for cheap followers"),
        })
        {
            var (shopper, _) = await app.CreateClientAsAsync("user");
            Assert.Equal(HttpStatusCode.Created, (await shopper.PostAsJsonAsync($"/api/v1/products/{id}/reviews", new { rating, title, comment })).StatusCode);
        }

        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync($"/admin/products/{id}");
        await page.GetByLabel("Name").FillAsync("Stoneware teapot, 1.2 l");
        await page.GetByLabel("Price", new() { Exact = true }).FillAsync("42.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        await page.GotoAsync($"/admin/reviews?productId={id}");
        await Screenshots.AssertScreenAsync(page, "Reviews", "reviews");

        await page.GotoAsync($"/admin/audit?resourceType=product&resourceId={id}");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(3); // created, published, updated
        await Screenshots.AssertScreenAsync(page, "Audit log", "audit");

        await page.Locator("tbody tr").Filter(new() { HasText = "product.updated" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-field='price'] ins")).ToHaveTextAsync("42.50");
        await Screenshots.AssertScreenAsync(page, "Audit entry", "audit-entry");
        Assert.Empty(app.ForeignRequests);
    }
}
