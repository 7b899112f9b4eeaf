using System.Net;
using Catalog.Infrastructure.Persistence.Migrations;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

/// <summary>
/// What the storefront may show is decided in one place, the view v_storefront_products (ADR-084): changing nothing but
/// that view's rule (its repeatable script, applied as the migrator applies it), in this class's own database, changes
/// every storefront read of products.
/// </summary>
public sealed class StorefrontVisibilityRuleTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task ChangingTheVisibilityView_ChangesEveryStorefrontRead()
    {
        var brand = await _catalog.BrandAsync();
        var root = await _catalog.CategoryAsync();
        var child = await _catalog.CategoryAsync(parentId: root);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var shown = await _catalog.ProductAsync(new("Zorbleck Shown") { BrandId = brand, CategoryId = child, Price = 2m, Slug = $"zorbleck-shown-{suffix}" });
        var hidden = await _catalog.ProductAsync(new("Hidden Zorbleck") { BrandId = brand, CategoryId = child, Price = 1m, Slug = $"hidden-zorbleck-{suffix}" });
        // A page of one row reads two candidates: two hidden products come first in both category-page sorts.
        await _catalog.ProductAsync(new("Hidden Zorbleck Two") { BrandId = brand, CategoryId = child, Price = 1.5m });
        await _catalog.ReviewAsync(shown, 5);
        await _catalog.ReviewAsync(hidden, 4);
        var anonymous = factory.CreateClient();

        // Before: both are storefront products.
        Assert.Equal(["Hidden Zorbleck", "Hidden Zorbleck Two", "Zorbleck Shown"], await StorefrontNamesAsync(anonymous, brand, root));
        await AssertReadableAsync(anonymous, hidden, $"hidden-zorbleck-{suffix}", HttpStatusCode.OK);

        // The rule, and only the rule, gets one more condition: its script is changed and applied as the migrator does
        // (the later scripts are re-created; R035 rebuilds the category pages' rows, ADR-112).
        var scripts = RepeatableScripts.Load().ToList();
        var rule = scripts.FindIndex(r => r.ObjectName == "v_storefront_products");
        const string Where = "  FROM products p\n WHERE ";
        Assert.Contains(Where, scripts[rule].Sql, StringComparison.Ordinal);
        scripts[rule] = RepeatableScripts.Parse(scripts[rule].Name, scripts[rule].Sql.Replace(Where, Where + "p.name NOT LIKE 'Hidden%' AND ", StringComparison.Ordinal));
        Assert.True(await RepeatableScripts.ApplyAsync(factory.ConnectionString, scripts, CancellationToken.None) > 0);

        await _catalog.EvictAsync();

        Assert.Equal(["Zorbleck Shown"], await StorefrontNamesAsync(anonymous, brand, root));
        await AssertReadableAsync(anonymous, hidden, $"hidden-zorbleck-{suffix}", HttpStatusCode.NotFound);
        await AssertReadableAsync(anonymous, shown, $"zorbleck-shown-{suffix}", HttpStatusCode.OK);

        // The back office is not the storefront: it still reads the product.
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        await (await manager.GetAsync($"/api/v1/products/{hidden}")).AssertStatusAsync(HttpStatusCode.OK);
    }

    // One row a page: a category page picks its candidates per category before reading the page's rows, so a product
    // the rule hides must not even be a candidate, or the walk ends early.
    private static async Task<List<string>> WalkNamesAsync(HttpClient client, string url) =>
        (await client.WalkAsync(url)).Select(i => i.GetProperty("name").GetString()!).ToList();

    // The product list (by brand, and with a q filter), the category page of a narrow subtree in two sorts, and search.
    private static async Task<List<string>> StorefrontNamesAsync(HttpClient client, Guid brand, Guid root)
    {
        var lists = new List<List<string>>
        {
            await client.NamesAsync($"/api/v1/products?brand={brand}"),
            await client.NamesAsync("/api/v1/products?q=zorbleck"),
            await WalkNamesAsync(client, $"/api/v1/products?category={root}&sort=price&limit=1"),
            await WalkNamesAsync(client, $"/api/v1/products?category={root}&sort=newest&limit=1"),
        };
        var hits = await (await client.GetAsync("/api/v1/products/search?q=zorbleck")).AssertStatusAsync(HttpStatusCode.OK);
        lists.Add(hits.EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToList());
        var sorted = lists.Select(l => l.Order(StringComparer.Ordinal).ToList()).ToList();
        Assert.All(sorted, l => Assert.Equal(sorted[0], l));
        return sorted[0];
    }

    private static async Task AssertReadableAsync(HttpClient client, Guid id, string slug, HttpStatusCode expected)
    {
        foreach (var url in new[] { $"/api/v1/products/{id}", $"/api/v1/products/{slug}", $"/api/v1/products/{id}/reviews" })
        {
            var response = await client.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode}, expected {(int)expected}");
        }
    }
}
