using System.Net;
using Catalog.Infrastructure.Persistence.Replicas;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Replicas;

/// <summary>
/// Two hosts on one primary, one standby that replays each commit <see cref="StandbyCluster.ApplyDelay"/> late, and one
/// Redis (ADR-107): the newest write position is a Redis key read at each read's start, so a write answered on one host
/// is reflected by the very next read on the other; with Redis away, reads go to the primary, correct and reported.
/// </summary>
[Collection(StandbyCollection.Name)]
public sealed class RedisPositionSharingTests(StandbyCluster cluster) : IAsyncLifetime
{
    private const int Rounds = 24;

    private readonly TwoHosts _hosts = new(cluster);
    private RedisServer _redis = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync();
        _hosts.A.WithSetting("ConnectionStrings:Redis", _redis.ConnectionString);
        _hosts.B.WithSetting("ConnectionStrings:Redis", _redis.ConnectionString);
        await _hosts.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task AWriteOnOneHost_IsReflectedByTheVeryNextReadOnTheOther_EveryTime()
    {
        Assert.IsType<RedisWritePositionChannel>(_hosts.B.Services.GetRequiredService<IWritePositionChannel>());
        var (a, b, url) = await _hosts.StockedProductAsync(Rounds);
        var routers = (A: Router(_hosts.A), B: Router(_hosts.B));
        var before = (A: routers.A.Counts.Replica, B: routers.B.Counts.Replica);

        // Alternately written on one host and read at once on the other: the standby replays each write 300 ms late.
        for (var i = 0; i < Rounds; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (a, b) : (b, a);
            await (await writer.PostJsonAsync(url + "/stock", new { delta = -1, reason = "sale" })).AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(Rounds - i - 1, await TwoHosts.StockAsync(reader, url));
        }

        // The replica served them (after waiting for the write), not a fallback to the primary.
        Assert.True(routers.A.Counts.Replica > before.A && routers.B.Counts.Replica > before.B, "the replica served no read");
    }

    [Fact]
    public async Task RedisStopped_ReadsGoToThePrimaryAndStayCorrect_ReadinessSaysDegraded_AndTheReplicaServesAgainOnceBack()
    {
        var (a, b, url) = await _hosts.StockedProductAsync(10);
        var routerB = Router(_hosts.B);
        await _redis.KillAsync();
        try
        {
            // At once, before either host has noticed: no request fails for it, and no read risks the standby's old rows.
            var replicaReads = routerB.Counts.Replica;
            for (var i = 0; i < 4; i++)
            {
                await (await a.PostJsonAsync(url + "/stock", new { delta = -1, reason = "sale" })).AssertStatusAsync(HttpStatusCode.OK);
                Assert.Equal(10 - i - 1, await TwoHosts.StockAsync(b, url));
            }

            Assert.Equal(replicaReads, routerB.Counts.Replica);
            Assert.True(
                await EventuallyAsync(async () => await TwoHosts.ReplicaCheckAsync(_hosts.B) is ("Degraded", var description) && description.Contains("Redis", StringComparison.Ordinal), TimeSpan.FromSeconds(15)),
                "readiness did not report that the write position is unknown");
        }
        finally
        {
            await _redis.StartAsync();
        }

        // Redis is back, empty: the hosts raise the key to the primary's position before they trust it again.
        Assert.True(
            await EventuallyAsync(async () => await TwoHosts.ReplicaCheckAsync(_hosts.B) is ("Healthy", _), TimeSpan.FromSeconds(30)),
            "readiness still reports a problem once Redis is back");
        var before = routerB.Counts.Replica;
        await (await a.PostJsonAsync(url + "/stock", new { delta = -1, reason = "sale" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(5, await TwoHosts.StockAsync(b, url));
        Assert.True(routerB.Counts.Replica > before, "the replica did not serve the read once Redis was back");
    }

    private static ReplicaReadRouter Router(StandbyApiFactory host) => host.Services.GetRequiredService<ReplicaReadRouter>();

}
