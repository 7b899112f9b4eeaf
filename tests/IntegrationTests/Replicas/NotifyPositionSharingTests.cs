using System.Net;
using Catalog.Infrastructure.Persistence.Replicas;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Replicas;

/// <summary>
/// Two hosts sharing write positions by LISTEN/NOTIFY (no Redis), one standby replaying each commit
/// <see cref="StandbyCluster.ApplyDelay"/> late, and host B's listener held on each notification it receives, as a slow
/// network or a busy instance would hold it (ADR-113): the read on B that follows a write answered by A must reflect the
/// write all the same, because the write answers only once the replica has replayed it or B's position lease has run out.
/// </summary>
[Collection(StandbyCollection.Name)]
public sealed class NotifyPositionSharingTests(StandbyCluster cluster) : IAsyncLifetime
{
    private const int Rounds = 3;

    private readonly TwoHosts _hosts = new(cluster);
    private readonly HeldNotifications _held = new();

    public async Task InitializeAsync()
    {
        _hosts.B.WithServices(services => services.AddSingleton<IWritePositionNotificationHook>(_held));
        await _hosts.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        _held.Release();
        await _hosts.DisposeAsync();
    }

    [Fact]
    public async Task AWriteOnOneHost_IsReflectedOnTheOther_WhoseNotificationIsHeld_ServedByTheReplica()
    {
        Assert.IsType<NotifyWritePositionChannel>(_hosts.B.Services.GetRequiredService<IWritePositionChannel>());
        var (a, b, url) = await _hosts.StockedProductAsync(Rounds);
        var routerB = _hosts.B.Services.GetRequiredService<ReplicaReadRouter>();
        var before = routerB.Counts.Replica;

        for (var i = 0; i < Rounds; i++)
        {
            _held.Hold();
            try
            {
                await (await a.PostJsonAsync(url + "/stock", new { delta = -1, reason = "sale" })).AssertStatusAsync(HttpStatusCode.OK);
                Assert.Equal(Rounds - i - 1, await TwoHosts.StockAsync(b, url));
            }
            finally
            {
                _held.Release();
            }
        }

        // The writer waited for the standby to replay its write, so B read it there without knowing of it.
        Assert.True(_held.Seen >= Rounds, $"host B's listener saw {_held.Seen} notifications; reads {routerB.Counts}");
        Assert.True(routerB.Counts.Replica > before, "the replica served none of B's reads");
    }

    [Fact]
    public async Task ReplayPaused_AWriteOnOneHost_IsReflectedOnTheOther_WhoseNotificationIsHeld_ByThePrimary()
    {
        var (a, b, url) = await _hosts.StockedProductAsync(2);
        var routerB = _hosts.B.Services.GetRequiredService<ReplicaReadRouter>();
        _held.Hold();
        await cluster.PauseReplayAsync();
        try
        {
            // The writer cannot see the standby replay its write: it answers once B's lease has run out.
            await (await a.PostJsonAsync(url + "/stock", new { delta = -1, reason = "sale" })).AssertStatusAsync(HttpStatusCode.OK);
            var primaryReads = routerB.Counts.Primary;
            Assert.Equal(1, await TwoHosts.StockAsync(b, url));
            Assert.Equal(primaryReads + 1, routerB.Counts.Primary);
            var (status, description) = await TwoHosts.ReplicaCheckAsync(_hosts.B);
            Assert.Equal("Degraded", status);
            Assert.Contains("write-position listener", description, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.ResumeReplayAsync();
            _held.Release();
        }
    }

    /// <summary>Holds host B's listener on each notification while closed, as a slow network or a busy instance would.</summary>
    private sealed class HeldNotifications : IWritePositionNotificationHook
    {
        // One gate per hold: a notification held by one hold is let go by its release, whatever the next hold does.
        private TaskCompletionSource _gate = Open();
        private int _seen;

        public int Seen => Volatile.Read(ref _seen);

        public void Hold() => Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void Release() => Volatile.Read(ref _gate).TrySetResult();

        public void BeforeProcessing(string payload)
        {
            Interlocked.Increment(ref _seen);
            Volatile.Read(ref _gate).Task.Wait(TimeSpan.FromSeconds(30));
        }

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource();
            open.SetResult();
            return open;
        }
    }
}
