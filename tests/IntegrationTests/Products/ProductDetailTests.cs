using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

public sealed class ProductDetailTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task Detail_BySlugOrId_HasBrandBreadcrumbRatingImagesDimensions()
    {
        var brand = await _catalog.BrandAsync();
        var root = await _catalog.CategoryAsync(TestCatalog.Unique("home"));
        var leaf = await _catalog.CategoryAsync(TestCatalog.Unique("kitchen"), root);
        var id = await _catalog.ProductAsync(new("Detailed Kettle") { Slug = "detailed-kettle", BrandId = brand, CategoryId = leaf, AverageRating = 4.25m, ReviewCount = 4, RatingCounts = [0, 0, 1, 1, 2] });
        await _catalog.ExecuteAsync("""UPDATE products SET images = '[{"url":"https://img.example/k.png"}]', dimensions = '{"length":1,"width":2,"height":3}', weight = 1.5 WHERE id = @id""", new { id });
        var client = factory.CreateClient();

        var body = await (await client.GetAsync("/api/v1/products/detailed-kettle")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(id.ToString(), body.GetProperty("id").GetString());
        Assert.Equal(brand.ToString(), body.GetProperty("brand").GetProperty("id").GetString());
        var crumbs = body.GetProperty("breadcrumb").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal([root.ToString(), leaf.ToString()], crumbs);
        Assert.Equal("4.25", body.GetProperty("rating").GetProperty("averageRating").GetRawText());
        Assert.Equal(2, body.GetProperty("rating").GetProperty("distribution").GetProperty("5").GetInt32());
        Assert.Equal("https://img.example/k.png", body.GetProperty("images")[0].GetProperty("url").GetString());
        Assert.Equal(3, body.GetProperty("dimensions").GetProperty("height").GetInt32());
        await (await client.GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Breadcrumb_RunsRootToLeafWithNamesAndSlugs_IsEmptyWithoutACategory_AndBackOfficeSeesMetadata()
    {
        var rootName = TestCatalog.Unique("Garden");
        var midName = TestCatalog.Unique("Tools");
        var leafName = TestCatalog.Unique("Shovels");
        var root = await _catalog.CategoryAsync(rootName);
        var mid = await _catalog.CategoryAsync(midName, root);
        var leaf = await _catalog.CategoryAsync(leafName, mid);
        var placed = await _catalog.ProductAsync(new("Crumbed Shovel") { CategoryId = leaf });
        var loose = await _catalog.ProductAsync(new("Uncategorised Shovel"));
        await _catalog.ExecuteAsync("""UPDATE products SET metadata = '{"supplier":"acme","rank":3}' WHERE id IN (@placed, @loose)""", new { placed, loose });
        var client = factory.CreateClient();

        var body = await (await client.GetAsync($"/api/v1/products/{placed}")).AssertStatusAsync(HttpStatusCode.OK);
        var crumbs = body.GetProperty("breadcrumb").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString(), c.GetProperty("name").GetString(), c.GetProperty("slug").GetString()))
            .ToList();
        Assert.Equal(
            [(root.ToString(), rootName, rootName.ToLowerInvariant()), (mid.ToString(), midName, midName.ToLowerInvariant()), (leaf.ToString(), leafName, leafName.ToLowerInvariant())],
            crumbs);
        Assert.False(body.TryGetProperty("metadata", out _));

        var orphan = await (await client.GetAsync($"/api/v1/products/{loose}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, orphan.GetProperty("breadcrumb").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, orphan.GetProperty("category").ValueKind);

        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var backOffice = await (await manager.GetAsync($"/api/v1/products/{placed}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("acme", backOffice.GetProperty("metadata").GetProperty("supplier").GetString());
        Assert.Equal(3, backOffice.GetProperty("breadcrumb").GetArrayLength());
    }

    [Fact]
    public async Task Breadcrumb_FollowsEveryCategoryChange_ThroughTheApiOrBehindIt()
    {
        // The breadcrumb is kept per category by triggers (ADR-110): a rename, move, delete, restore or insert
        // anywhere above the product's category shows in the next read, whoever made it.
        var (root, mid, leaf, other) = (await _catalog.CategoryAsync(TestCatalog.Unique("Crumb Root")), Guid.Empty, Guid.Empty, await _catalog.CategoryAsync(TestCatalog.Unique("Crumb Other")));
        mid = await _catalog.CategoryAsync(TestCatalog.Unique("Crumb Mid"), root);
        leaf = await _catalog.CategoryAsync(TestCatalog.Unique("Crumb Leaf"), mid);
        var product = await _catalog.ProductAsync(new("Crumb Follower") { CategoryId = leaf });
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var anonymous = factory.CreateClient();
        async Task<List<string>> CrumbsAsync(HttpClient client)
        {
            var body = await (await client.GetAsync($"/api/v1/products/{product}")).AssertStatusAsync(HttpStatusCode.OK);
            return body.GetProperty("breadcrumb").EnumerateArray().Select(c => $"{c.GetProperty("id").GetString()}:{c.GetProperty("name").GetString()}").ToList();
        }
        async Task<string> CrumbAsync(Guid id) => $"{id}:{await factory.ScalarAsync<string>("SELECT name FROM categories WHERE id = @id", new { id })}";

        Assert.Equal([await CrumbAsync(root), await CrumbAsync(mid), await CrumbAsync(leaf)], await CrumbsAsync(anonymous));

        await _catalog.ExecuteAsync("UPDATE categories SET name = 'Renamed Behind The API' WHERE id = @mid", new { mid });
        Assert.Equal([await CrumbAsync(root), $"{mid}:Renamed Behind The API", await CrumbAsync(leaf)], await CrumbsAsync(anonymous));

        await (await manager.PostJsonAsync($"/api/v1/categories/{mid}/move", new { parentId = other, sortOrder = 0 })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal([await CrumbAsync(other), await CrumbAsync(mid), await CrumbAsync(leaf)], await CrumbsAsync(manager));

        await _catalog.ExecuteAsync("UPDATE categories SET deleted_at = now() WHERE id = @other", new { other });
        Assert.Equal([await CrumbAsync(mid), await CrumbAsync(leaf)], await CrumbsAsync(manager));
        await _catalog.ExecuteAsync("UPDATE categories SET deleted_at = NULL WHERE id = @other", new { other });
        Assert.Equal([await CrumbAsync(other), await CrumbAsync(mid), await CrumbAsync(leaf)], await CrumbsAsync(anonymous));

        var below = await _catalog.CategoryAsync(TestCatalog.Unique("Crumb Below"), leaf);
        await _catalog.ExecuteAsync("UPDATE products SET category_id = @below WHERE id = @product", new { below, product });
        Assert.Equal([await CrumbAsync(other), await CrumbAsync(mid), await CrumbAsync(leaf), await CrumbAsync(below)], await CrumbsAsync(anonymous));
        Assert.Equal(0L, await factory.ScalarAsync<long>("""
            SELECT count(*) FROM categories c LEFT JOIN category_breadcrumbs b ON b.category_id = c.id
             WHERE b.category_id IS NULL
            """));
    }

    [Fact]
    public async Task Detail_HasETag_And304OnIfNoneMatch_AndANewETagAfterAChange()
    {
        var id = await _catalog.ProductAsync(new("Tagged"));
        var client = factory.CreateClient();
        var first = await client.GetAsync($"/api/v1/products/{id}");
        await first.AssertStatusAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag!.IsWeak);
        Assert.Contains("public", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{id}");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        await _catalog.ExecuteAsync("UPDATE products SET price = 11 WHERE id = @id", new { id });
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{id}");
        stale.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(stale);
        Assert.Equal("11.00", (await changed.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("price").GetRawText());
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task AuthenticatedReads_ArePrivateNoStore()
    {
        var id = await _catalog.ProductAsync(new("Private Read"));
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var response = await manager.GetAsync($"/api/v1/products/{id}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.True(response.Headers.CacheControl.Private);
    }

    [Theory]
    [InlineData("no-such-product")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("%27%3B%20DROP%20TABLE%20products%3B--")]
    public async Task Unknown_Is404(string idOrSlug) =>
        await (await factory.CreateClient().GetAsync($"/api/v1/products/{idOrSlug}")).AssertProblemAsync(HttpStatusCode.NotFound);
}
