using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Catalog.Application.Common.Observability;
using Catalog.Infrastructure.Persistence.Replicas;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Replicas;

/// <summary>
/// A replica that is down or lags beyond <c>Database:ReplicaMaxWaitMs</c> (ADR-100): reads go to the primary and answer
/// as usual, <c>/health/ready</c> stays 200 and says Degraded, and the replica serves again once it is back and current.
/// </summary>
[Collection(StandbyCollection.Name)]
public sealed class ReplicaFailureTests(StandbyCluster cluster) : IAsyncLifetime
{
    private readonly TwoHosts _hosts = new(cluster);

    public Task InitializeAsync() => _hosts.InitializeAsync();

    public Task DisposeAsync() => _hosts.DisposeAsync();

    [Fact]
    public async Task StandbyStopped_ReadsGoToThePrimary_ReadinessSaysDegraded_AndTheReplicaServesAgainOnceBack()
    {
        var (manager, _) = await _hosts.A.CreateClientAsAsync("catalog_manager");
        await cluster.WaitForReplayAsync();
        var router = _hosts.A.Services.GetRequiredService<ReplicaReadRouter>();
        await cluster.StopStandbyAsync();
        try
        {
            var (product, _) = await manager.CreateProductAsync(new { name = "Down " + Guid.NewGuid().ToString("N")[..6], price = 4 });
            var before = router.Counts;
            await (await manager.GetAsync($"/api/v1/products/{product.Id()}")).AssertStatusAsync(HttpStatusCode.OK);
            await (await _hosts.A.CreateClient().GetAsync("/api/v1/brands")).AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(before.Primary + 2, router.Counts.Primary);
            await AssertReplicaCheckAsync("Degraded", "unreachable");
        }
        finally
        {
            await cluster.StartStandbyAsync();
        }

        await AssertReplicaServesAgainAsync(router);
        await AssertReplicaCheckAsync("Healthy", "current");
    }

    [Fact]
    public async Task ReplayPaused_ReadsAfterAWriteGoToThePrimary_ReadinessSaysDegraded_AndTheReplicaServesAgainOnceCurrent()
    {
        var (manager, _) = await _hosts.A.CreateClientAsAsync("catalog_manager");
        await cluster.WaitForReplayAsync();
        var router = _hosts.A.Services.GetRequiredService<ReplicaReadRouter>();
        await cluster.PauseReplayAsync();
        try
        {
            var (product, _) = await manager.CreateProductAsync(new { name = "Paused " + Guid.NewGuid().ToString("N")[..6], price = 4 });
            var before = router.Counts;
            using var reasons = new PrimaryReadReasons();
            var detail = await (await manager.GetAsync($"/api/v1/products/{product.Id()}")).AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(product.Id(), detail.Id());
            Assert.Equal(before.Primary + 1, router.Counts.Primary);

            // The reason the read was sent to the primary, as catalog.db.reads records it. (Not router.IsLagging: that
            // holds for Database:ReplicaRetrySeconds, one second here, which a loaded CI machine can outlast before the
            // answer reaches this line.)
            Assert.Contains("lagging", reasons.Seen);
            await AssertReplicaCheckAsync("Degraded", "paused");
        }
        finally
        {
            await cluster.ResumeReplayAsync();
        }

        await AssertReplicaServesAgainAsync(router);
    }

    /// <summary>Reads again until one is served by the replica (it needs to replay the writes above, then be tried again).</summary>
    private async Task AssertReplicaServesAgainAsync(ReplicaReadRouter router)
    {
        var client = _hosts.A.CreateClient();
        var before = router.Counts.Replica;
        for (var i = 0; i < 300 && router.Counts.Replica == before; i++)
        {
            await (await client.GetAsync("/api/v1/brands")).AssertStatusAsync(HttpStatusCode.OK);
            await Task.Delay(100);
        }

        Assert.True(router.Counts.Replica > before, "the replica never served a read again");
    }

    /// <summary>The reasons of the primary reads that <c>catalog.db.reads</c> records while it lives (any host of this process).</summary>
    private sealed class PrimaryReadReasons : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<string> _seen = new();

        public PrimaryReadReasons()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CatalogTelemetry.Name && instrument.Name == "catalog.db.reads")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                string? server = null, reason = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "catalog.db.server")
                    {
                        server = tag.Value as string;
                    }
                    else if (tag.Key == "catalog.db.reason")
                    {
                        reason = tag.Value as string;
                    }
                }

                if (server == "primary" && reason is not null)
                {
                    _seen.Enqueue(reason);
                }
            });
            _listener.Start();
        }

        public IReadOnlyCollection<string> Seen => _seen.ToArray();

        public void Dispose() => _listener.Dispose();
    }

    private async Task AssertReplicaCheckAsync(string status, string descriptionPart)
    {
        var response = await _hosts.A.CreateClient().GetAsync("/health/ready");
        var body = await response.AssertStatusAsync(HttpStatusCode.OK);
        var check = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database-replica");
        Assert.Equal(status, check.GetProperty("status").GetString());
        Assert.Contains(descriptionPart, check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
