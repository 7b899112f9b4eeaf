using System.Net;
using System.Net.Http.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.ScaleOut;

/// <summary>
/// Issue 28: with <c>ConnectionStrings:Redis</c>, two instances share one rate-limit budget and one output cache, see
/// each other's identity changes, run each job occurrence once, and keep serving on their own while Redis is away.
/// </summary>
public sealed class RedisScaleOutTests(ScaleOutFixture hosts) : IClassFixture<ScaleOutFixture>
{
    private const string ScheduledFiringsSql = """
        SELECT metadata->>'scheduledFor' FROM audit_logs
        WHERE action = 'job.database-analyze.run' AND metadata->>'triggeredBy' = 'schedule'
        """;

    [Fact]
    public async Task ABudgetOfTen_HoldsAcrossBothInstances()
    {
        var (onFirst, onSecond, _, _) = await hosts.ApiKeyAsync(10, "products:read");

        Assert.Equal(10, await AdmittedAsync(onFirst, onSecond, 24));
    }

    [Fact]
    public async Task AProductChange_EvictsTheOneCacheBothInstancesRead()
    {
        var id = await new TestCatalog(hosts.First).ProductAsync(new("Shared Cache Original"));
        var url = $"/api/v1/products/{id}";
        var onFirst = hosts.First.CreateClient();
        var onSecond = hosts.Second.CreateClient();
        var stored = await onFirst.GetAsync(url);
        await stored.AssertStatusAsync(HttpStatusCode.OK);

        // The second instance never ran this read: it answers from the entry the first one put in Redis.
        var shared = await onSecond.GetAsync(url);
        await shared.AssertStatusAsync(HttpStatusCode.OK);
        Assert.True(shared.Headers.Age is not null, "The second instance's read was not served from the shared cache (no Age header).");

        var (manager, _) = await hosts.First.CreateClientAsAsync("catalog_manager");
        var current = await manager.GetAsync(url);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, url);
        delete.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
        await (await manager.SendAsync(delete)).AssertStatusAsync(HttpStatusCode.NoContent);

        // Evicted before the delete answered: the very next read on either instance misses and sees it gone.
        Assert.Equal(HttpStatusCode.NotFound, (await onSecond.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onFirst.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task ARoleChange_ReachesTheOtherInstance()
    {
        var moderator = await hosts.First.CreateUserAsync(null, IdentityTestHelpers.Password, "moderator");
        var onSecond = hosts.Second.WithBearer(await hosts.Second.IssueTokenAsync(moderator));
        await (await onSecond.GetAsync("/api/v1/users")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var (admin, _) = await hosts.First.CreateClientAsAsync("admin");
        var permissions = new[] { "reviews:moderate", "users:read" };
        await (await admin.PutAsJsonAsync("/api/v1/roles/moderator/permissions", new { permissions })).AssertStatusAsync(HttpStatusCode.OK);

        // The second instance cached the role's permissions (for a minute) before the change: only the announcement drops them.
        Assert.True(
            await EventuallyAsync(async () => (await onSecond.GetAsync("/api/v1/users")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15)),
            "The role change did not reach the second instance.");
    }

    [Fact]
    public async Task AnApiKeyRevocation_ReachesTheOtherInstance()
    {
        var (_, onSecond, id, creator) = await hosts.ApiKeyAsync(1000, "products:read");
        await (await onSecond.GetAsync("/api/v1/products")).AssertStatusAsync(HttpStatusCode.OK);

        await (await creator.DeleteAsync($"/api/v1/api-keys/{id}")).AssertStatusAsync(HttpStatusCode.NoContent);

        // The second instance holds the key's row for five minutes here: only the announcement drops it.
        Assert.True(
            await EventuallyAsync(async () => (await onSecond.GetAsync("/api/v1/products")).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(15)),
            "The revocation did not reach the second instance.");
    }

    [Fact]
    public async Task EachRecurringJobOccurrence_RunsOnce_OnTwoServers()
    {
        var db = hosts.First.Database;
        Assert.NotEqual(hosts.First.InstanceId, hosts.Second.InstanceId);
        Assert.True(await EventuallyAsync(async () => (await QueryAsync<string>(db, ScheduledFiringsSql)).Count >= 4, TimeSpan.FromSeconds(40)));

        var firings = await QueryAsync<string>(db, ScheduledFiringsSql);
        Assert.Equal(firings.Count, firings.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task WithoutRedis_BothInstancesServeOnTheirOwnBudgets_SayDegraded_AndShareAgainWhenItReturns()
    {
        var anonymousFirst = hosts.First.CreateClient();
        var anonymousSecond = hosts.Second.CreateClient();
        await hosts.Redis.KillAsync();
        try
        {
            // At once, before any instance has noticed: no request fails for it.
            await (await anonymousFirst.GetAsync("/api/v1/products")).AssertStatusAsync(HttpStatusCode.OK);
            await (await anonymousSecond.GetAsync("/api/v1/products")).AssertStatusAsync(HttpStatusCode.OK);
            Assert.True(await EventuallyAsync(async () => await RedisStatusesAsync() == ("Degraded", "Degraded"), TimeSpan.FromSeconds(15)));
            Assert.Equal("Degraded", (await ScaleOutFixture.ReadinessAsync(hosts.First)).Overall);

            var (onFirst, onSecond, _, _) = await hosts.ApiKeyAsync(10, "products:read");
            Assert.Equal(20, await AdmittedAsync(onFirst, onSecond, 24));
            await (await anonymousFirst.GetAsync("/api/v1/brands")).AssertStatusAsync(HttpStatusCode.OK);
            await (await anonymousSecond.GetAsync("/api/v1/brands")).AssertStatusAsync(HttpStatusCode.OK);
        }
        finally
        {
            await hosts.Redis.StartAsync();
        }

        Assert.True(await EventuallyAsync(async () => await RedisStatusesAsync() == ("Healthy", "Healthy"), TimeSpan.FromSeconds(30)));
        var (againFirst, againSecond, _, _) = await hosts.ApiKeyAsync(10, "products:read");
        Assert.Equal(10, await AdmittedAsync(againFirst, againSecond, 24));
    }

    // Requests alternately through each instance: how many were admitted (200); every other answer must be a 429.
    private static async Task<int> AdmittedAsync(HttpClient first, HttpClient second, int requests)
    {
        var admitted = 0;
        for (var i = 0; i < requests; i++)
        {
            var response = await (i % 2 == 0 ? first : second).GetAsync("/api/v1/products?limit=1");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"Request {i}: {(int)response.StatusCode}");
            admitted += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        return admitted;
    }

    private async Task<(string, string)> RedisStatusesAsync() =>
        ((await ScaleOutFixture.ReadinessAsync(hosts.First)).Redis, (await ScaleOutFixture.ReadinessAsync(hosts.Second)).Redis);
}
