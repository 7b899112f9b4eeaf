using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Application.Common.Identity;
using Catalog.Infrastructure.Identity.ApiKeys;
using Catalog.IntegrationTests.Hardening;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.ApiKeys;

/// <summary>The API with peer addresses from a test header and an API-key generator that can be told the next key.</summary>
public sealed class ForgedKeyApiFactory : PeerAddressApiFactory
{
    public ScriptedApiKeyGenerator Generator { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IApiKeyGenerator>(Generator));
    }
}

/// <summary>Hands out the keys queued in <see cref="Next"/>, then real random ones.</summary>
public sealed class ScriptedApiKeyGenerator : IApiKeyGenerator
{
    public ConcurrentQueue<(string Key, string Prefix)> Next { get; } = new();

    public GeneratedApiKey Generate()
    {
        var (key, prefix) = Next.TryDequeue(out var queued) ? queued : ApiKeyFormat.Generate();
        return new GeneratedApiKey(key, prefix, ApiKeyFormat.Hash(key));
    }
}

internal static class ForgedKeyRequests
{
    /// <summary>A well-formed key (right length, alphabet and checksum) that no one created.</summary>
    public static string Forged() => ApiKeyFormat.Generate().Key;

    public static HttpRequestMessage From(string address, HttpMethod method, string url, string? apiKey = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(PeerAddressApiFactory.PeerHeader, address);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: HttpAssertions.Json);
        }

        return request;
    }

    public static async Task<string> CreateKeyAsync(this CatalogApiFactory factory, HttpClient admin)
    {
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "valid", permissions = new[] { "permissions:read" } }))
            .AssertStatusAsync(HttpStatusCode.Created);
        return created.GetProperty("key").GetString()!;
    }
}

/// <summary>Forged but well-formed API keys: what they cost in key look-ups and audit rows (docs/security.md, API keys).</summary>
public sealed class ForgedApiKeyTests : IClassFixture<ForgedKeyApiFactory>
{
    private readonly ForgedKeyApiFactory _factory;
    private readonly ITestOutputHelper _output;

    public ForgedApiKeyTests(ForgedKeyApiFactory factory, ITestOutputHelper output)
    {
        _factory = (ForgedKeyApiFactory)factory.WithSetting("Audit:UnauthenticatedRowsPerAddressPerMinute", "3");
        _output = output;
    }

    private ApiKeyVerifier Verifier => _factory.Services.GetRequiredService<ApiKeyVerifier>();

    [Fact]
    public async Task ARepeatedForgedKey_CostsOneDatabaseLookup_NotOnePerRequest()
    {
        var client = _factory.CreateClient();
        var forged = ForgedKeyRequests.Forged();
        var before = Verifier.DatabaseLookups;
        for (var i = 0; i < 50; i++)
        {
            using var response = await client.SendAsync(ForgedKeyRequests.From("198.51.100.10", HttpMethod.Get, "/api/v1/permissions", forged));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var lookups = Verifier.DatabaseLookups - before;
        _output.WriteLine($"50 requests with one forged key: {lookups} key look-ups");
        Assert.True(lookups <= 1, $"50 requests with one forged key cost {lookups} look-ups");
    }

    [Fact]
    public async Task AFloodOfForgedKeys_LeavesABoundedNumberOfAuditRows_AndAValidKeyStillWorks()
    {
        const string Address = "198.51.100.20";
        var client = _factory.CreateClient();
        for (var i = 0; i < 40; i++)
        {
            using var response = await client.SendAsync(ForgedKeyRequests.From(Address, HttpMethod.Post, "/api/v1/brands", ForgedKeyRequests.Forged(), new { name = "flood " + i }));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var rows = await _factory.ScalarAsync<long>("SELECT count(*) FROM audit_logs WHERE ip_address = @Ip::inet AND status_code = 401", new { Ip = Address });
        _output.WriteLine($"40 forged-key writes from one address: {rows} audit rows");
        Assert.InRange(rows, 1, 3);

        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var key = await _factory.CreateKeyAsync(admin);
        using var valid = await client.SendAsync(ForgedKeyRequests.From(Address, HttpMethod.Get, "/api/v1/permissions", key));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task ANewKey_IsNotShadowedByTheRememberedAbsenceOfItsPrefix_AndRevocationStillWorks()
    {
        const string Address = "198.51.100.40";
        var client = _factory.CreateClient();
        var upcoming = ApiKeyFormat.Generate();

        // Presented before it exists: refused, and the absence of its prefix is remembered.
        using (var early = await client.SendAsync(ForgedKeyRequests.From(Address, HttpMethod.Get, "/api/v1/permissions", upcoming.Key)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, early.StatusCode);
        }

        var remembered = Verifier.DatabaseLookups;
        using (var again = await client.SendAsync(ForgedKeyRequests.From(Address, HttpMethod.Get, "/api/v1/permissions", upcoming.Key)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        }

        Assert.Equal(remembered, Verifier.DatabaseLookups);

        // Now an admin creates exactly that key: it works at once.
        _factory.Generator.Next.Enqueue(upcoming);
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "upcoming", permissions = new[] { "permissions:read" } }))
            .AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(upcoming.Key, created.GetProperty("key").GetString());
        using (var works = await client.SendAsync(ForgedKeyRequests.From(Address, HttpMethod.Get, "/api/v1/permissions", upcoming.Key)))
        {
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        }

        // Revoked: refused at once, and from then on without a look-up.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetGuid()}")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            using var revoked = await client.SendAsync(ForgedKeyRequests.From(Address, HttpMethod.Get, "/api/v1/permissions", upcoming.Key));
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }
    }
}

/// <summary>An address that keeps presenting unknown API keys gets 429 instead of further key look-ups.</summary>
public sealed class FailedAuthenticationBudgetTests : IClassFixture<PeerAddressApiFactory>
{
    private readonly PeerAddressApiFactory _factory;
    private readonly ITestOutputHelper _output;

    public FailedAuthenticationBudgetTests(PeerAddressApiFactory factory, ITestOutputHelper output)
    {
        _factory = (PeerAddressApiFactory)factory.WithSetting("RateLimiting:FailedAuthenticationsPerMinute", "5");
        _output = output;
    }

    [Fact]
    public async Task AFloodOfDistinctForgedKeys_FromOneAddress_CostsAtMostTheBudgetInLookups_ThenAnswers429()
    {
        const string Flooder = "198.51.100.30";
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var validKey = await _factory.CreateKeyAsync(admin);
        var verifier = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        var client = _factory.CreateClient();

        var before = verifier.DatabaseLookups;
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 100; i++)
        {
            last?.Dispose();
            last = await client.SendAsync(ForgedKeyRequests.From(Flooder, HttpMethod.Get, "/api/v1/permissions", ForgedKeyRequests.Forged()));
            statuses.Add(last.StatusCode);
        }

        var lookups = verifier.DatabaseLookups - before;
        _output.WriteLine($"100 distinct forged keys from one address: {lookups} key look-ups, "
            + $"{statuses.Count(s => s == HttpStatusCode.Unauthorized)} x 401, {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} x 429");
        Assert.True(lookups <= 5, $"100 distinct forged keys from one address cost {lookups} look-ups");
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(95, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        await last!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(last!.Headers.Contains("Retry-After"));

        // Bearer tokens cost no look-up (a signature check): forged ones are 401, never 429, even from the flooder.
        foreach (var address in new[] { "198.51.100.32", "198.51.100.32", "198.51.100.32", "198.51.100.32", "198.51.100.32", "198.51.100.32", Flooder })
        {
            using var forgedToken = ForgedKeyRequests.From(address, HttpMethod.Get, "/api/v1/permissions");
            forgedToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forgedToken)).StatusCode);
        }

        // Other addresses are untouched; the flooder may still read anonymously.
        using var other = await client.SendAsync(ForgedKeyRequests.From("198.51.100.31", HttpMethod.Get, "/api/v1/permissions", validKey));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using var anonymous = await client.SendAsync(ForgedKeyRequests.From(Flooder, HttpMethod.Get, "/api/v1/brands"));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        using var body = JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("items").ValueKind);
    }
}

/// <summary>
/// The look-up budget under concurrency (issue 22): the permit is reserved before the look-up, so parallel forged keys
/// cannot all pass a check before any of them is counted; and keys answered from the cache are not refused.
/// </summary>
public sealed class ParallelForgedKeyBudgetTests : IClassFixture<PeerAddressApiFactory>
{
    private readonly PeerAddressApiFactory _factory;
    private readonly ITestOutputHelper _output;

    public ParallelForgedKeyBudgetTests(PeerAddressApiFactory factory, ITestOutputHelper output)
    {
        // The valid key's cached row outlives the flood however slow the machine (the cache is what spares it).
        _factory = (PeerAddressApiFactory)factory
            .WithSetting("RateLimiting:FailedAuthenticationsPerMinute", "30")
            .WithSetting("ApiKeys:CacheSeconds", "3600");
        _output = output;
    }

    [Fact]
    public async Task TwoHundredParallelForgedKeys_CostAtMostTheBudgetInLookups_AndACachedKeyOrTokenStillWorks()
    {
        const string Flooder = "198.51.100.50";
        var (admin, user) = await _factory.CreateClientAsAsync("admin");
        var validKey = await _factory.CreateKeyAsync(admin);
        var verifier = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        var client = _factory.CreateClient();

        // Verified once (from elsewhere), so its row is in the positive cache.
        using (var warm = await client.SendAsync(ForgedKeyRequests.From("198.51.100.51", HttpMethod.Get, "/api/v1/permissions", validKey)))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var before = verifier.DatabaseLookups;
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            client.SendAsync(ForgedKeyRequests.From(Flooder, HttpMethod.Get, "/api/v1/permissions", ForgedKeyRequests.Forged()))));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var lookups = verifier.DatabaseLookups - before;
        _output.WriteLine($"200 parallel distinct forged keys from one address, budget 30: {lookups} key look-ups, "
            + $"{statuses.Count(s => s == HttpStatusCode.Unauthorized)} x 401, {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} x 429");
        Assert.True(lookups <= 30, $"200 parallel distinct forged keys from one address cost {lookups} look-ups");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 170);

        // The budget is spent, but a key answered from the cache and a valid bearer token cost no look-up: served.
        var afterFlood = verifier.DatabaseLookups;
        using (var cached = await client.SendAsync(ForgedKeyRequests.From(Flooder, HttpMethod.Get, "/api/v1/permissions", validKey)))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        Assert.Equal(afterFlood, verifier.DatabaseLookups);
        using var bearer = ForgedKeyRequests.From(Flooder, HttpMethod.Get, "/api/v1/permissions");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _factory.IssueTokenAsync(user));
        using var tokenResponse = await client.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);

        // A new unknown key from the flooder still needs a look-up: refused with 429 and Retry-After, without one.
        using var more = await client.SendAsync(ForgedKeyRequests.From(Flooder, HttpMethod.Get, "/api/v1/permissions", ForgedKeyRequests.Forged()));
        await more.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(more.Headers.Contains("Retry-After"));
        Assert.Equal(afterFlood, verifier.DatabaseLookups);
    }
}
