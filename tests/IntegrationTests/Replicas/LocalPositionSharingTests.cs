using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.Replicas;

/// <summary><c>Database:WritePositionSharing=Local</c> (one instance, no LISTEN): the instance still reads its own writes.</summary>
[Collection(StandbyCollection.Name)]
public sealed class LocalPositionSharingTests(StandbyCluster cluster) : IAsyncLifetime
{
    private readonly StandbyApiFactory _host = (StandbyApiFactory)new StandbyApiFactory(cluster).WithSetting("Database:WritePositionSharing", "Local");

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task CreatedThenUpdatedProduct_ReadsItsNewestVersion()
    {
        var (manager, _) = await _host.CreateClientAsAsync("catalog_manager");
        await cluster.WaitForReplayAsync();
        var response = await manager.PostJsonAsync("/api/v1/products", new { name = "Local " + Guid.NewGuid().ToString("N")[..6], price = 7, stockQuantity = 3 });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        var location = response.Headers.Location!.ToString();
        await (await manager.PostJsonAsync(location + "/stock", new { delta = -3, reason = "sale" })).AssertStatusAsync(HttpStatusCode.OK);
        var detail = await (await manager.GetAsync(location)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, detail.GetProperty("stockQuantity").GetInt32());
    }
}
