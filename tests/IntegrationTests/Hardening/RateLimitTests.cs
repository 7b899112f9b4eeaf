using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Hardening;

public sealed class AnonymousRateLimitTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public AnonymousRateLimitTests(CatalogApiFactory factory) => _factory = factory
        .WithSetting("RateLimiting:AnonymousPermitsPerMinute", "5")
        .WithSetting("RateLimiting:AuthPermitsPerMinute", "1000");

    [Fact]
    public async Task AnonymousIp_Gets429WithRetryAfter_AndSpoofedForwardedForDoesNotEscape()
    {
        var client = _factory.CreateClient();
        var first = await client.GetAsync("/api/v1/brands/none");
        Assert.Equal("5", first.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("4", first.Headers.GetValues("X-RateLimit-Remaining").Single());

        HttpResponseMessage? last = null;
        for (var i = 0; i < 6 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/brands/none");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            last = await client.SendAsync(request);
        }

        await last!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("0", last.Headers.GetValues("X-RateLimit-Remaining").Single());
    }
}

public sealed class AuthRateLimitTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public AuthRateLimitTests(CatalogApiFactory factory) => _factory = factory.WithSetting("RateLimiting:AuthPermitsPerMinute", "3");

    [Fact]
    public async Task AuthEndpoints_HaveAStricterPerIpBudget()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "whatever it is" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("3", response.Headers.GetValues("X-RateLimit-Limit").Single());
        }

        var limited = await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = "nobody@example.com" });
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/brands/none")).StatusCode);
    }
}

public sealed class ApiKeyRateLimitTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task EachKeyHasItsOwnBudget_OneKeysExhaustionDoesNotAffectAnother()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var a = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "a", permissions = new[] { "permissions:read" }, rateLimit = 3 })).AssertStatusAsync(HttpStatusCode.Created);
        var b = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "b", permissions = new[] { "permissions:read" }, rateLimit = 3 })).AssertStatusAsync(HttpStatusCode.Created);
        var clientA = factory.WithApiKey(a.GetProperty("key").GetString());
        var clientB = factory.WithApiKey(b.GetProperty("key").GetString());

        for (var i = 0; i < 3; i++)
        {
            var ok = await clientA.GetAsync("/api/v1/permissions");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((2 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        var limited = await clientA.GetAsync("/api/v1/permissions");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync("/api/v1/permissions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/permissions")).StatusCode);
    }
}

public sealed class RateLimitWindowTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    public RateLimitWindowTests(CatalogApiFactory factory) => _factory = factory
        .WithSetting("RateLimiting:AnonymousPermitsPerMinute", "2")
        .WithSetting("RateLimiting:WindowSeconds", "1");

    [Fact]
    public async Task AnExhaustedBudget_IsRefilledWhenTheWindowEnds()
    {
        var client = _factory.CreateClient();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            limited = await client.GetAsync("/api/v1/brands/none");
        }

        await limited!.AssertProblemAsync(HttpStatusCode.TooManyRequests);

        // The window is 1 s; the partitions are replenished by the partitioned limiter's timer, not their own.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            status = (await client.GetAsync("/api/v1/brands/none")).StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
