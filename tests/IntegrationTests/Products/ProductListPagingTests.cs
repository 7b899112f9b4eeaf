using System.Net;
using Catalog.Application.Products;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

public sealed class ProductListPagingTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task EverySort_OrdersAsDocumented()
    {
        var brand = await _catalog.BrandAsync();
        var start = DateTime.UtcNow.AddDays(-1);
        await _catalog.ProductAsync(new("Bravo") { BrandId = brand, Price = 30m, AverageRating = 2m, CreatedAt = start.AddMinutes(1) });
        await _catalog.ProductAsync(new("Alpha") { BrandId = brand, Price = 20m, AverageRating = 5m, CreatedAt = start.AddMinutes(3) });
        await _catalog.ProductAsync(new("Charlie") { BrandId = brand, Price = 10m, AverageRating = 3.5m, CreatedAt = start.AddMinutes(2) });
        var client = factory.CreateClient();
        var url = $"/api/v1/products?brand={brand}&sort=";

        Assert.Equal(["Charlie", "Alpha", "Bravo"], await client.NamesAsync(url + "price"));
        Assert.Equal(["Bravo", "Alpha", "Charlie"], await client.NamesAsync(url + "-price"));
        Assert.Equal(["Alpha", "Bravo", "Charlie"], await client.NamesAsync(url + "name"));
        Assert.Equal(["Charlie", "Bravo", "Alpha"], await client.NamesAsync(url + "-name"));
        Assert.Equal(["Alpha", "Charlie", "Bravo"], await client.NamesAsync(url + "newest"));
        Assert.Equal(["Alpha", "Charlie", "Bravo"], await client.NamesAsync(url + "rating"));
        Assert.Equal(["Alpha", "Charlie", "Bravo"], await client.NamesAsync(url + "relevance"));
        Assert.Equal(["Alpha", "Charlie", "Bravo"], await client.NamesAsync($"/api/v1/products?brand={brand}"));
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("price")]
    [InlineData("-price")]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("rating")]
    [InlineData("relevance")]
    public async Task PageWalk_SeesEveryRowOnce_EvenWhenRowsAreInsertedBetweenPages(string sort)
    {
        var brand = await _catalog.BrandAsync();
        var start = DateTime.UtcNow.AddDays(-2);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 23; i++)
        {
            // Ties on price and rating (and on rank) make the id the tie-breaker.
            var id = await _catalog.ProductAsync(new($"Walk {i % 7} gadget") { BrandId = brand, Price = 10m + (i % 4), AverageRating = i % 3, CreatedAt = start.AddSeconds(i) });
            expected.Add(id.ToString());
        }

        var client = factory.CreateClient();
        var seen = await client.WalkAsync($"/api/v1/products?brand={brand}&q=gadget&sort={sort}&limit=5", async page =>
        {
            // A newcomer at either end of every order: the walk must neither repeat nor skip the rows it started with.
            await _catalog.ProductAsync(new($"Aaa new {page} gadget") { BrandId = brand, Price = 1m, AverageRating = 5m, CreatedAt = DateTime.UtcNow.AddSeconds(page) });
            await _catalog.ProductAsync(new($"Zzz new {page} gadget") { BrandId = brand, Price = 99m, AverageRating = 0m, CreatedAt = start.AddDays(-1) });
        });

        var ids = seen.Select(i => i.Id()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), expected);
    }

    [Theory]
    [InlineData("newest", 3)]
    [InlineData("price", 3)]
    [InlineData("-price", 3)]
    [InlineData("name", 3)]
    [InlineData("-name", 3)]
    [InlineData("rating", 3)]
    [InlineData("price", 70)]
    [InlineData("-name", 70)]
    [InlineData("rating", 70)]
    public async Task CategoryPageWalk_WhenTheSubtreeIsNarrowOrWide_SeesTheSameRowsInTheSameOrderAsWithoutIt(string sort, int children)
    {
        // A subtree page, narrow or wide, is one range of category_subtree_products (ProductSql.StorefrontCategoryPage,
        // ADR-108); it must give exactly the page walk of the same products without the category filter (here:
        // filtered by a brand only they have).
        var brand = await _catalog.BrandAsync();
        var root = await _catalog.CategoryAsync();
        var leaves = new List<Guid>();
        for (var c = 0; c < children; c++)
        {
            leaves.Add(await _catalog.CategoryAsync(parentId: root));
        }

        var grandchild = await _catalog.CategoryAsync(parentId: leaves[0]);
        var start = DateTime.UtcNow.AddDays(-3);
        for (var i = 0; i < 23; i++)
        {
            var category = i % 5 == 0 ? root : i % 5 == 1 ? grandchild : leaves[i % leaves.Count];
            await _catalog.ProductAsync(new($"Subtree {i % 6} item") { BrandId = brand, CategoryId = category, Price = 10m + (i % 4), AverageRating = i % 3, Stock = i % 7 == 0 ? 0 : 3, CreatedAt = start.AddSeconds(i) });
        }

        await _catalog.ProductAsync(new("Outside the subtree") { BrandId = brand, CategoryId = await _catalog.CategoryAsync() });
        var client = factory.CreateClient();
        var byCategory = (await client.WalkAsync($"/api/v1/products?category={root}&sort={sort}&limit=5")).Select(i => i.Id()).ToList();
        var byBrand = (await client.WalkAsync($"/api/v1/products?brand={brand}&sort={sort}&limit=5")).Select(i => i.Id()).ToList();
        Assert.Equal(23, byCategory.Count);
        Assert.Equal(byBrand.Where(byCategory.Contains), byCategory);
        var inStock = (await client.WalkAsync($"/api/v1/products?category={root}&inStock=true&sort={sort}&limit=4")).Select(i => i.Id()).ToList();
        var inStockByBrand = (await client.WalkAsync($"/api/v1/products?brand={brand}&inStock=true&sort={sort}&limit=4")).Select(i => i.Id()).ToList();
        Assert.Equal(inStockByBrand.Where(byCategory.Contains), inStock);
        Assert.Equal(19, inStock.Count);
    }

    [Fact]
    public async Task TamperedOrForeignCursor_Is400()
    {
        var brand = await _catalog.BrandAsync();
        for (var i = 0; i < 3; i++)
        {
            await _catalog.ProductAsync(new($"Cursor {i}") { BrandId = brand });
        }

        var client = factory.CreateClient();
        var (_, next) = await client.PageAsync($"/api/v1/products?brand={brand}&limit=1&sort=price");
        Assert.NotNull(next);
        var flipped = next![..^2] + (next[^2] == 'A' ? 'B' : 'A') + next[^1];
        foreach (var bad in new[] { flipped, next + "x", "not-a-cursor", next[..10] })
        {
            var problem = await (await client.GetAsync($"/api/v1/products?brand={brand}&limit=1&sort=price&cursor={Uri.EscapeDataString(bad)}")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
        }

        // A cursor of one sort is refused by another.
        await (await client.GetAsync($"/api/v1/products?brand={brand}&limit=1&sort=name&cursor={Uri.EscapeDataString(next)}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Limit_DefaultsTo20_AndAcceptsUpTo100()
    {
        var brand = await _catalog.BrandAsync();
        for (var i = 0; i < 21; i++)
        {
            await _catalog.ProductAsync(new($"Limit {i}") { BrandId = brand });
        }

        var client = factory.CreateClient();
        var (items, next) = await client.PageAsync($"/api/v1/products?brand={brand}");
        Assert.Equal(20, items.Count);
        Assert.NotNull(next);
        var (all, none) = await client.PageAsync($"/api/v1/products?brand={brand}&limit=100");
        Assert.Equal(21, all.Count);
        Assert.Null(none);
    }
}
