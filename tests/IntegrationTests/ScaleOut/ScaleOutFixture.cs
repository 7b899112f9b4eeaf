using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Jobs;

namespace Catalog.IntegrationTests.ScaleOut;

/// <summary>
/// Two API instances on one database and one Redis, both running Hangfire servers (a recurring job every 2 s). Identity
/// caches live five minutes here, so that only an announced change can reach the other instance in the tests' time.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public ClusterNodeFactory First { get; private set; } = null!;

    public ClusterNodeFactory Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartNewAsync();
        First = Configure(new ClusterNodeFactory());
        await First.InitializeAsync();
        Second = Configure(new ClusterNodeFactory(First.ConnectionString));
        await Second.InitializeAsync();
        _ = First.Server;
        _ = Second.Server;
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>A new API key with its own <paramref name="rateLimit"/>, as a client of each instance, its id and its creator (on the first).</summary>
    public async Task<(HttpClient OnFirst, HttpClient OnSecond, Guid Id, HttpClient Creator)> ApiKeyAsync(int rateLimit, params string[] permissions)
    {
        var (admin, _) = await First.CreateClientAsAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "scale-out", permissions, rateLimit }))
            .AssertStatusAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString();
        return (First.WithApiKey(key), Second.WithApiKey(key), created.GetProperty("id").GetGuid(), admin);
    }

    /// <summary>The readiness answer's status and its <c>redis</c> check's status.</summary>
    public static async Task<(string Overall, string Redis)> ReadinessAsync(ClusterNodeFactory host)
    {
        var body = await host.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready");
        var redis = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");
        return (body.GetProperty("status").GetString()!, redis.GetProperty("status").GetString()!);
    }

    private ClusterNodeFactory Configure(ClusterNodeFactory host)
    {
        host.WithSetting("ConnectionStrings:Redis", Redis.ConnectionString);
        host.WithSetting("ApiKeys:CacheSeconds", "300");
        host.WithSetting("Jwt:StateCacheSeconds", "300");
        return host;
    }
}
