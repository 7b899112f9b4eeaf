using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.Caching;

public sealed class CatalogCacheTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task AnonymousReads_AreServedFromTheCache_UntilAWriteThroughTheApiCommits()
    {
        var id = await _catalog.BrandAsync("Cached Original");
        var anonymous = factory.CreateClient();
        Assert.Contains("Cached Original", await BrandNamesAsync(anonymous));
        Assert.Equal("Cached Original", await BrandNameAsync(anonymous, id));

        // A change the write side did not announce: the cached answers stay (this is what the cache is for).
        await _catalog.ExecuteAsync("UPDATE brands SET name = 'Cached Renamed' WHERE id = @id", new { id }, evict: false);
        Assert.Contains("Cached Original", await BrandNamesAsync(anonymous));
        Assert.Equal("Cached Original", await BrandNameAsync(anonymous, id));
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        Assert.Equal("Cached Renamed", await BrandNameAsync(manager, id));

        // A write through the API commits a catalog event: the very next anonymous read is fresh.
        await (await manager.PostJsonAsync("/api/v1/brands", new { name = "Cached Newcomer" })).AssertStatusAsync(HttpStatusCode.Created);
        var names = await BrandNamesAsync(anonymous);
        Assert.Contains("Cached Newcomer", names);
        Assert.Contains("Cached Renamed", names);
        Assert.Equal("Cached Renamed", await BrandNameAsync(anonymous, id));
    }

    [Fact]
    public async Task ProductReads_AreCachedForAnonymousCallersOnly()
    {
        var id = await _catalog.ProductAsync(new("Cache Me"));
        var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        await _catalog.ExecuteAsync("UPDATE products SET name = 'Cache Me Changed' WHERE id = @id", new { id }, evict: false);

        var cached = await (await anonymous.GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Cache Me", cached.GetProperty("name").GetString());
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var fresh = await (await manager.GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Cache Me Changed", fresh.GetProperty("name").GetString());
        Assert.True(fresh.TryGetProperty("cost", out _));

        // An authenticated answer (with internal fields) never lands in the shared cache.
        var again = await (await anonymous.GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.False(again.TryGetProperty("cost", out _));
    }

    internal static async Task<List<string>> BrandNamesAsync(HttpClient client) =>
        (await client.PageAsync("/api/v1/brands?limit=100")).Items.Select(b => b.GetProperty("name").GetString()!).ToList();

    private static async Task<string?> BrandNameAsync(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/v1/brands/{id}")).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("name").GetString();
}

/// <summary><c>Caching:ServerCacheEnabled=false</c>: no output cache, every anonymous read from the database.</summary>
public sealed class ServerCacheDisabledTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _factory = new CatalogApiFactory().WithSetting("Caching:ServerCacheEnabled", "false");

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task AnonymousReads_SeeAnUnannouncedChangeAtOnce_AndKeepTheirCacheHeaders()
    {
        var catalog = new TestCatalog(_factory);
        var id = await catalog.ProductAsync(new("Uncached Original"));
        var anonymous = _factory.CreateClient();
        var first = await anonymous.GetAsync($"/api/v1/products/{id}");
        await first.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("public, max-age=10", first.Headers.CacheControl?.ToString());
        Assert.NotNull(first.Headers.ETag);

        await catalog.ExecuteAsync("UPDATE products SET name = 'Uncached Changed' WHERE id = @id", new { id }, evict: false);
        var second = await anonymous.GetAsync($"/api/v1/products/{id}");
        Assert.Equal("Uncached Changed", (await second.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{id}");
        conditional.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);
    }
}
