using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Replicas;

/// <summary>The replica tests share one primary and standby, and run one class after another (one stops the standby).</summary>
[CollectionDefinition(Name)]
public sealed class StandbyCollection : ICollectionFixture<StandbyCluster>
{
    public const string Name = "Standby";
}

/// <summary>Two API hosts on the same primary and standby, as two instances behind a load balancer.</summary>
public sealed class TwoHosts(StandbyCluster cluster) : IAsyncLifetime
{
    public StandbyApiFactory A { get; } = new(cluster);

    public StandbyApiFactory B { get; } = new(cluster);

    public async Task InitializeAsync()
    {
        await A.InitializeAsync();
        await B.InitializeAsync();
        // Build both hosts now: their position listeners are connected before the first write.
        _ = A.Services;
        _ = B.Services;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
