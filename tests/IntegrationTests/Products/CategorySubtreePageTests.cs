using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace Catalog.IntegrationTests.Products;

/// <summary>
/// A storefront category page reads <c>category_subtree_products</c> alone (ADR-108, ADR-112): the storefront's list
/// rows copied under each category of a product's path, kept by triggers. After each kind of write over HTTP, every
/// category page in every sort (walked with cursors) must list exactly the items the storefront list without a category
/// filter lists for the same products — restricted to the subtree by the test's own record of the tree — in the same
/// order, field for field.
/// </summary>
public sealed class CategorySubtreePageTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly string[] Sorts = ["price", "-price", "name", "-name", "newest", "rating"];

    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task CategoryPages_AfterEachKindOfWrite_ListWhatTheStorefrontShows_InEverySortAndPageWalk()
    {
        var tag = TestCatalog.Unique("subtree").ToLowerInvariant();
        var brand = await _catalog.BrandAsync();
        var doomedBrand = await _catalog.BrandAsync();
        var tree = new Dictionary<Guid, Guid?>();
        async Task<Guid> Category(Guid? parent)
        {
            var id = await _catalog.CategoryAsync(parentId: parent);
            tree[id] = parent;
            return id;
        }

        var root = await Category(null);
        var a = await Category(root);
        var a1 = await Category(a);
        var b = await Category(root);
        var products = new List<Guid>();
        var start = DateTime.UtcNow.AddDays(-1);
        Guid[] homes = [root, a, a1, a1, b, b, a1, a];
        for (var i = 0; i < homes.Length; i++)
        {
            products.Add(await _catalog.ProductAsync(new($"Subtree item {i % 5}")
            {
                CategoryId = homes[i], BrandId = i == 6 ? doomedBrand : brand, Tags = [tag], Price = 10m + (i % 3),
                AverageRating = i % 4, Stock = i == 3 ? 0 : 4, CreatedAt = start.AddSeconds(i),
            }));
        }

        var (admin, _) = await factory.CreateClientAsAsync("admin");
        // A credentialed reader: never served from the output cache, so every page is read from the database.
        var (reader, _) = await factory.CreateClientAsAsync("user");
        async Task AssertPagesAsync(string step)
        {
            foreach (var category in new[] { root, a, a1, b })
            {
                var subtree = tree.Keys.Where(c => IsUnder(tree, c, category)).Select(c => c.ToString()).ToHashSet();
                foreach (var sort in Sorts)
                {
                    foreach (var inStock in sort == "price" ? new[] { "", "&inStock=true" } : [""])
                    {
                        var expected = (await reader.WalkAsync($"/api/v1/products?tags={tag}&sort={sort}&limit=100{inStock}"))
                            .Where(i => subtree.Contains(i.GetProperty("category").GetProperty("id").GetString()!)).Select(i => i.GetRawText()).ToList();
                        var actual = (await reader.WalkAsync($"/api/v1/products?category={category}&sort={sort}&limit=2{inStock}"))
                            .Select(i => i.GetRawText()).ToList();
                        Assert.True(expected.SequenceEqual(actual), $"after {step}: category {category}, sort {sort}{inStock}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
                    }
                }
            }
        }

        async Task<string> ETagAsync(string url) => (await admin.GetAsync(url)).ETagOf();
        string Url(int i) => $"/api/v1/products/{products[i]}";

        await AssertPagesAsync("the inserts");

        // A price and a name change (the sort keys); a PUT replaces every field, so the others are sent as they were.
        await (await admin.SendAsync(HttpMethod.Put, Url(2), new { name = "Aaa renamed", price = 1m, categoryId = a1, brandId = brand, tags = new[] { tag } }, await ETagAsync(Url(2)))).AssertStatusAsync(HttpStatusCode.OK);
        await AssertPagesAsync("a price and name change");

        // Stock to zero and back above it (the in-stock filter).
        await (await admin.PostJsonAsync($"{Url(1)}/stock", new { delta = -4, reason = "sold out" })).AssertStatusAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"{Url(3)}/stock", new { delta = 2, reason = "restock" })).AssertStatusAsync(HttpStatusCode.OK);
        await AssertPagesAsync("stock changes");

        // Status: unpublished (hidden), archived (hidden).
        await (await admin.SendAsync(HttpMethod.Post, $"{Url(4)}/unpublish")).AssertStatusAsync(HttpStatusCode.OK);
        await (await admin.SendAsync(HttpMethod.Post, $"{Url(5)}/archive")).AssertStatusAsync(HttpStatusCode.OK);
        await AssertPagesAsync("unpublish and archive");

        // Published again.
        await (await admin.SendAsync(HttpMethod.Post, $"{Url(4)}/publish")).AssertStatusAsync(HttpStatusCode.OK);
        await AssertPagesAsync("publish");

        // Soft delete, then restore.
        await (await admin.SendAsync(HttpMethod.Delete, Url(7), ifMatch: await ETagAsync(Url(7)))).AssertStatusAsync(HttpStatusCode.NoContent);
        await AssertPagesAsync("a delete");
        await (await admin.SendAsync(HttpMethod.Post, $"{Url(7)}/restore")).AssertStatusAsync(HttpStatusCode.OK);
        await AssertPagesAsync("a restore");

        // A product moved to another category.
        await (await admin.SendAsync(HttpMethod.Put, Url(0), new { name = "Subtree item 0", price = 10m, categoryId = b, brandId = brand, tags = new[] { tag } }, await ETagAsync(Url(0)))).AssertStatusAsync(HttpStatusCode.OK);
        await AssertPagesAsync("a change of category");

        // A category moved, with its products, to another branch.
        await (await admin.PostJsonAsync($"/api/v1/categories/{a1}/move", new { parentId = b, sortOrder = 0 })).AssertStatusAsync(HttpStatusCode.OK);
        tree[a1] = b;
        await AssertPagesAsync("a category move");

        // A brand archived: its products leave the storefront.
        var brandUrl = $"/api/v1/brands/{doomedBrand}";
        await (await admin.SendAsync(HttpMethod.Post, $"{brandUrl}/archive", ifMatch: await ETagAsync(brandUrl))).AssertStatusAsync(HttpStatusCode.OK);
        await AssertPagesAsync("a brand archive");

        // A product created and published over HTTP.
        var (created, _) = await admin.CreateProductAsync(new { name = "Brand new", price = 11m, stockQuantity = 3, categoryId = a1, tags = new[] { tag } });
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/products/{created.Id()}/publish")).AssertStatusAsync(HttpStatusCode.OK);
        await AssertPagesAsync("a new product");

        // The walk is not vacuous: the root's page lists what is visible under it.
        var visible = (await reader.WalkAsync($"/api/v1/products?category={root}&sort=price&limit=2")).Select(i => i.Id()).ToList();
        Assert.Equal(7, visible.Count);
        Assert.DoesNotContain(products[5].ToString(), visible);
        Assert.DoesNotContain(products[6].ToString(), visible);
        Assert.Contains(created.Id(), visible);
    }

    [Fact]
    public async Task CategoryPage_FollowsWritesMadeWithPlainSql_AndAMoveOfAnAncestor()
    {
        // The triggers, not the API, keep the copy: a change made behind the API is on the next page too.
        var root = await _catalog.CategoryAsync();
        var other = await _catalog.CategoryAsync();
        var middle = await _catalog.CategoryAsync(parentId: root);
        var leaf = await _catalog.CategoryAsync(parentId: middle);
        var cheap = await _catalog.ProductAsync(new("Plain cheap") { CategoryId = leaf, Price = 5m });
        var dear = await _catalog.ProductAsync(new("Plain dear") { CategoryId = leaf, Price = 50m });
        var reader = factory.CreateClient();

        Assert.Equal(["Plain cheap", "Plain dear"], await reader.NamesAsync($"/api/v1/products?category={root}&sort=price"));
        await _catalog.ExecuteAsync("UPDATE products SET price = 99 WHERE id = @cheap", new { cheap });
        Assert.Equal(["Plain dear", "Plain cheap"], await reader.NamesAsync($"/api/v1/products?category={root}&sort=price"));
        await _catalog.ExecuteAsync("UPDATE products SET stock_quantity = 0 WHERE id = @dear", new { dear });
        Assert.Equal(["Plain cheap"], await reader.NamesAsync($"/api/v1/products?category={root}&sort=price&inStock=true"));

        // The middle category moves under another root: the leaf's products leave the old root's page for the new one's.
        await _catalog.ExecuteAsync("UPDATE categories SET parent_id = @other WHERE id = @middle", new { other, middle });
        Assert.Empty(await reader.NamesAsync($"/api/v1/products?category={root}&sort=price"));
        Assert.Equal(["Plain dear", "Plain cheap"], await reader.NamesAsync($"/api/v1/products?category={other}&sort=price"));
        Assert.Equal(["Plain dear", "Plain cheap"], await reader.NamesAsync($"/api/v1/products?category={middle}&sort=price"));

        // Deleted for good, and a hard-deleted row leaves nothing behind.
        await _catalog.ExecuteAsync("DELETE FROM products WHERE id = @dear", new { dear });
        Assert.Equal(["Plain cheap"], await reader.NamesAsync($"/api/v1/products?category={other}&sort=price"));
    }

    [Fact]
    public async Task CategoryPage_ReadsNeitherProductsNorBrands_AndFollowsBrandAndCategoryChangesBehindTheApi()
    {
        var tag = TestCatalog.Unique("own").ToLowerInvariant();
        var brand = await _catalog.BrandAsync();
        var root = await _catalog.CategoryAsync();
        var leaf = await _catalog.CategoryAsync(parentId: root);
        await _catalog.ProductAsync(new("Own rows one")
        {
            CategoryId = leaf, BrandId = brand, Tags = [tag], Price = 5m, CompareAtPrice = 7m, ShortDescription = "short",
            Featured = true, AverageRating = 4.5m, ReviewCount = 2,
        });
        await _catalog.ProductAsync(new("Own rows two") { CategoryId = root, BrandId = brand, Tags = [tag], Price = 6m, Stock = 0 });
        await _catalog.ProductAsync(new("Own rows draft") { CategoryId = leaf, BrandId = brand, Tags = [tag], Status = "draft" });
        var (reader, _) = await factory.CreateClientAsAsync("user");
        var page = $"/api/v1/products?category={root}&sort=price&limit=20";
        async Task<List<string>> ExpectedAsync(int count)
        {
            var items = (await reader.WalkAsync($"/api/v1/products?tags={tag}&sort=price&limit=100")).Select(i => i.GetRawText()).ToList();
            Assert.Equal(count, items.Count);
            return items;
        }

        async Task<List<string>> PageAsync() => (await reader.WalkAsync(page)).Select(i => i.GetRawText()).ToList();

        Assert.Equal(await ExpectedAsync(2), await PageAsync());

        // The brand's and the category's names and slugs are on every item: renamed behind the API, they are on the page.
        await _catalog.ExecuteAsync("UPDATE brands SET name = 'Renamed ' || left(id::text, 8), slug = 'renamed-' || id WHERE id = @brand", new { brand });
        await _catalog.ExecuteAsync("UPDATE categories SET name = 'Renamed ' || left(id::text, 8), slug = 'renamed-' || id WHERE id = @leaf", new { leaf });
        var renamed = await ExpectedAsync(2);
        Assert.Contains(renamed, i => i.Contains("renamed-" + brand, StringComparison.Ordinal) && i.Contains("renamed-" + leaf, StringComparison.Ordinal));
        Assert.Equal(renamed, await PageAsync());

        // The product's category deleted behind the API: the rule hides its products, and the page with them.
        await _catalog.ExecuteAsync("UPDATE categories SET deleted_at = now() WHERE id = @leaf", new { leaf });
        Assert.Equal(await ExpectedAsync(1), await PageAsync());
        await _catalog.ExecuteAsync("UPDATE categories SET deleted_at = NULL WHERE id = @leaf", new { leaf });
        var expected = await ExpectedAsync(2);

        // With products and brands locked against every reader, the page is still answered, in full: it reads only its
        // own rows (and the category it was asked for).
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("LOCK TABLE products, brands IN ACCESS EXCLUSIVE MODE", transaction: transaction);
        var locked = await reader.GetAsync(page);
        await locked.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(expected, await PageAsync());
        await transaction.RollbackAsync();
    }

    private static bool IsUnder(Dictionary<Guid, Guid?> tree, Guid category, Guid ancestor)
    {
        for (Guid? c = category; c is { } current; c = tree[current])
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
