using System.Net;
using System.Net.Http.Headers;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>ADR-076: every answer to a request with credentials of any kind is <c>Cache-Control: no-store</c>.</summary>
public sealed class CredentialedNoStoreTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Theory]
    [InlineData("X-Api-Key")]
    [InlineData("Authorization")]
    [InlineData("Cookie")]
    public async Task EveryAnswerToACredentialedRequest_IsNoStore_ErrorsIncluded(string credential)
    {
        var productId = await _catalog.ProductAsync(new(TestCatalog.Unique("NoStore")));
        var categoryId = await _catalog.CategoryAsync();
        var (valid, invalid) = await ClientsAsync(credential);

        string[] routes =
        [
            "/api/v1/audit-logs", "/api/v1/users", "/api/v1/roles", "/api/v1/products", $"/api/v1/products/{productId}",
            "/api/v1/categories", $"/api/v1/categories/{categoryId}", "/api/v1/brands", $"/api/v1/products/{Guid.NewGuid()}",
            "/api/v1/no-such-route",
        ];
        var statuses = new HashSet<HttpStatusCode>();
        foreach (var client in new[] { valid, invalid })
        {
            foreach (var route in routes)
            {
                var response = await client.GetAsync(route);
                statuses.Add(response.StatusCode);
                AssertNoStore(response, $"{credential} GET {route} -> {(int)response.StatusCode}");
            }
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.NotFound, statuses);
        if (credential != "Cookie")
        {
            // The bad credential's 401, and the 403 of a route the caller may not read.
            Assert.Contains(HttpStatusCode.Unauthorized, statuses);
            Assert.Contains(HttpStatusCode.Forbidden, statuses);
        }
    }

    [Fact]
    public async Task AnonymousCatalogReads_KeepTheirPublicCacheControl()
    {
        var productId = await _catalog.ProductAsync(new(TestCatalog.Unique("Public")));
        var anonymous = factory.CreateClient();
        foreach (var route in new[] { "/api/v1/products", $"/api/v1/products/{productId}", "/api/v1/categories", "/api/v1/brands" })
        {
            var response = await anonymous.GetAsync(route);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("public, max-age=10", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task ACookieRequest_IsNeitherServedFromNorStoredInTheOutputCache()
    {
        var id = await _catalog.ProductAsync(new("Cookie Original"));
        var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        await _catalog.ExecuteAsync("UPDATE products SET name = 'Cookie Changed' WHERE id = @id", new { id }, evict: false);

        var withCookie = factory.CreateClient();
        withCookie.DefaultRequestHeaders.Add("Cookie", "session=abc");
        var fresh = await withCookie.GetAsync($"/api/v1/products/{id}");
        Assert.Equal("Cookie Changed", (await fresh.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        AssertNoStore(fresh, "cookie read");
        // The anonymous entry is still the one cached before: the cookie answer did not replace it.
        var cached = await (await anonymous.GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Cookie Original", cached.GetProperty("name").GetString());
    }

    [Fact]
    public async Task CredentialedWrites_AndTheirProblems_AreNoStore()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        AssertNoStore(await manager.PostJsonAsync("/api/v1/brands", new { name = TestCatalog.Unique("Brand") }), "201");
        AssertNoStore(await manager.PostJsonAsync("/api/v1/brands", new { name = "" }), "400");
        var badKey = factory.WithApiKey("ck_live_not_a_key");
        AssertNoStore(await badKey.PostJsonAsync("/api/v1/brands", new { name = "x" }), "401");
    }

    private async Task<(HttpClient Valid, HttpClient Invalid)> ClientsAsync(string credential)
    {
        switch (credential)
        {
            case "X-Api-Key":
                // No roles:read: /roles is this key's 403.
                var keyClient = await factory.CreateApiKeyClientAsync("audit_logs:read", "users:read", "products:read");
                return (keyClient, factory.WithApiKey("ck_live_000000000000_00000000000000000000000000000000_000000"));
            case "Authorization":
                var (user, _) = await factory.CreateClientAsAsync("catalog_manager");
                var bad = factory.CreateClient();
                bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
                return (user, bad);
            default:
                var first = factory.CreateClient();
                first.DefaultRequestHeaders.Add("Cookie", "session=abc");
                var second = factory.CreateClient();
                second.DefaultRequestHeaders.Add("Cookie", "theme=dark; consent=1");
                return (first, second);
        }
    }

    private static void AssertNoStore(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control is '{response.Headers.CacheControl}'");
        Assert.False(response.Headers.CacheControl!.Public, what);
    }
}

/// <summary>The rate limiter's 429 (written before any endpoint runs) is no-store too.</summary>
public sealed class CredentialedRateLimitNoStoreTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public CredentialedRateLimitNoStoreTests(CatalogApiFactory factory) => _factory = factory.WithSetting("RateLimiting:AnonymousPermitsPerMinute", "2");

    [Fact]
    public async Task TooManyRequests_ToACredentialedRequest_IsNoStore()
    {
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "limited", permissions = new[] { "products:read" }, rateLimit = 2 }))
            .AssertStatusAsync(HttpStatusCode.Created);
        var keyClient = _factory.WithApiKey(created.GetProperty("key").GetString());
        var cookieClient = _factory.CreateClient();
        cookieClient.DefaultRequestHeaders.Add("Cookie", "session=abc");

        foreach (var (client, what) in new[] { (keyClient, "X-Api-Key"), (cookieClient, "Cookie") })
        {
            HttpResponseMessage? last = null;
            for (var i = 0; i < 5 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
            {
                last = await client.GetAsync("/api/v1/products");
            }

            await last!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.True(last!.Headers.CacheControl?.NoStore == true, $"{what} 429: Cache-Control is '{last.Headers.CacheControl}'");
        }
    }
}
