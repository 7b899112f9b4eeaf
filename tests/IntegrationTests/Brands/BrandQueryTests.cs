using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.Brands;

public sealed class BrandQueryTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task List_IsPagedByName_WithoutDeletedOrInactiveBrands()
    {
        var live = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            live.Add(await _catalog.BrandAsync($"Listed {i}"));
        }

        await _catalog.BrandAsync("Listed Deleted", deleted: true);
        await _catalog.BrandAsync("Listed Inactive", active: false);
        var all = await factory.CreateClient().WalkAsync("/api/v1/brands?limit=2");
        var names = all.Select(b => b.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal).ToList(), names);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Subset(all.Select(b => b.Id()).ToHashSet(), live.Select(l => l.ToString()).ToHashSet());
        Assert.DoesNotContain("Listed Deleted", names);
        Assert.DoesNotContain("Listed Inactive", names);
    }

    [Fact]
    public async Task List_BadLimitOrCursor_Is400()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/brands?limit=101")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/brands?cursor=forged")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Detail_HasETag_304_AndPublicCacheControl()
    {
        var id = await _catalog.BrandAsync("Detail Brand");
        var client = factory.CreateClient();
        var response = await client.GetAsync("/api/v1/brands/detail-brand");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.True(response.Headers.CacheControl!.Public);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/brands/{id}");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
    }
}
