using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

public sealed class BackOfficeProductTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task LowStock_ListsProductsAtOrUnderTheirThreshold_LowestFirst_Paged()
    {
        var low = await _catalog.ProductAsync(new("Low") { Stock = 2, LowStockThreshold = 2, Status = "draft" });
        var empty = await _catalog.ProductAsync(new("Empty") { Stock = 0, LowStockThreshold = 1 });
        await _catalog.ProductAsync(new("Plenty") { Stock = 50, LowStockThreshold = 2 });
        await _catalog.ProductAsync(new("Deleted Low") { Stock = 0, Deleted = true });
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");

        var all = await manager.WalkAsync("/api/v1/products/low-stock?limit=1");
        Assert.Equal([empty.ToString(), low.ToString()], all.Select(i => i.Id()).ToList());
        Assert.Equal(0, all[0].GetProperty("stockQuantity").GetInt32());
    }

    [Fact]
    public async Task Export_Ndjson_StreamsEveryMatchingProduct_IncludingDrafts()
    {
        var brand = await _catalog.BrandAsync();
        await _catalog.ProductAsync(new("Export Published") { BrandId = brand, Cost = 2m, Sku = "EXP-1" });
        await _catalog.ProductAsync(new("Export Draft") { BrandId = brand, Status = "draft" });
        await _catalog.ProductAsync(new("Export Deleted") { BrandId = brand, Deleted = true });
        await _catalog.ProductAsync(new("Export Other"));
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");

        var response = await manager.GetAsync($"/api/v1/products/export?format=ndjson&brand={brand}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Export Published", "Export Draft"], rows.Select(r => r.GetProperty("name").GetString()).ToList());
        Assert.Equal("2.00", rows[0].GetProperty("cost").GetRawText());
        Assert.Equal("draft", rows[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Export_Csv_HasAHeader_QuotesFields_AndDefusesFormulas()
    {
        var brand = await _catalog.BrandAsync();
        await _catalog.ProductAsync(new("Comma, \"Quoted\"") { BrandId = brand });
        await _catalog.ProductAsync(new("=HYPERLINK(1)") { BrandId = brand, Slug = TestCatalog.Unique("formula") });
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");

        var response = await manager.GetAsync($"/api/v1/products/export?format=csv&brand={brand}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,name,slug,sku", lines[0], StringComparison.Ordinal);
        Assert.Contains(",\"Comma, \"\"Quoted\"\"\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",'=HYPERLINK(1),", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_BadFormat_Is400()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var problem = await (await manager.GetAsync("/api/v1/products/export?format=xml")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
    }

    [Fact]
    public async Task DeletedList_ShowsSoftDeletedProductsOfAnyStatus_ToProductsReadOnly()
    {
        var brand = await _catalog.BrandAsync();
        await _catalog.ProductAsync(new("Gone Published") { BrandId = brand, Deleted = true, Price = 1m });
        await _catalog.ProductAsync(new("Gone Draft") { BrandId = brand, Status = "draft", Deleted = true, Price = 2m });
        await _catalog.ProductAsync(new("Still Here") { BrandId = brand, Price = 3m });
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");

        var walked = await manager.WalkAsync($"/api/v1/products?status=deleted&brand={brand}&sort=price&limit=1");
        Assert.Equal(["Gone Published", "Gone Draft"], walked.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["published", "draft"], walked.Select(i => i.GetProperty("status").GetString()));

        await (await factory.CreateClient().GetAsync($"/api/v1/products?status=deleted&brand={brand}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var (customer, _) = await factory.CreateClientAsAsync("user");
        await (await customer.GetAsync($"/api/v1/products?status=deleted&brand={brand}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.GetAsync("/api/v1/products/export?status=deleted")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
