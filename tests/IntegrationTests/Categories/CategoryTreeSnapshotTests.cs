using System.Net;
using System.Text.Json;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalog.IntegrationTests.Categories;

/// <summary>
/// The storefront tree is served from a snapshot while the database's category version is the one it was built at
/// (ADR-102). Credentialed callers without categories:write get the storefront tree and bypass the output cache, so
/// these requests reach the snapshot every time.
/// </summary>
public sealed class CategoryTreeSnapshotTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task StorefrontTree_AfterCategoriesChangeBehindTheApi_IsTheDatabasesTree()
    {
        var root = await _catalog.CategoryAsync("Snapshot Root");
        var child = await _catalog.CategoryAsync("Snapshot Child", root);
        var (client, _) = await factory.CreateClientAsAsync();
        var before = (await (await client.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK)).GetRawText();
        Assert.Contains("Snapshot Child", before, StringComparison.Ordinal);

        // Plain SQL: no domain event, no NOTIFY, no eviction; only the database's version says the tree changed.
        await factory.ExecuteAsync("UPDATE categories SET name = 'Renamed Behind The Api' WHERE id = @child", new { child });
        var renamed = (await (await client.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK)).GetRawText();
        Assert.Contains("Renamed Behind The Api", renamed, StringComparison.Ordinal);
        Assert.DoesNotContain("Snapshot Child", renamed, StringComparison.Ordinal);

        await factory.ExecuteAsync("UPDATE categories SET is_active = false WHERE id = @root", new { root });
        var hidden = (await (await client.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK)).GetRawText();
        Assert.DoesNotContain(root.ToString(), hidden, StringComparison.Ordinal);
        Assert.DoesNotContain(child.ToString(), hidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorefrontTree_FromTheSnapshot_IsMvcsJsonOfTheTree()
    {
        var root = await _catalog.CategoryAsync("Tags <b> & 'quotes' \"é\" ü");
        await _catalog.CategoryAsync("Déjà vu <script>", root, sortOrder: 1);
        await factory.ExecuteAsync(
            "UPDATE categories SET description = 'Line\nbreak & <tag> — ünïcode', image_url = 'https://img.example.test/a?b=1&c=2' WHERE id = @root",
            new { root });
        var (client, _) = await factory.CreateClientAsAsync();

        var built = await client.GetAsync("/api/v1/categories");
        var served = await client.GetAsync("/api/v1/categories");

        var first = await built.Content.ReadAsByteArrayAsync();
        var second = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/json; charset=utf-8", served.Content.Headers.ContentType!.ToString());
        Assert.Equal(first, second);
        // The options MVC's formatter writes with (its encoder included: ADR-123), not the configured JsonOptions.
        var options = factory.Services.GetRequiredService<IOptions<MvcOptions>>().Value
            .OutputFormatters.OfType<SystemTextJsonOutputFormatter>().Single().SerializerOptions;
        var nodes = JsonSerializer.Deserialize<CategoryNode[]>(second, options)!;
        Assert.Contains(nodes, n => n.Id == root && n.Children.Count == 1 && n.ImageUrl == "https://img.example.test/a?b=1&c=2");
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(nodes, options), second);
    }
}
