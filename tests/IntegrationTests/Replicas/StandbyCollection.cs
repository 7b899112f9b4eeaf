using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

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

    /// <summary>A catalog manager's client on each host and a product with <paramref name="stock"/> in stock, replayed by the standby.</summary>
    public async Task<(HttpClient A, HttpClient B, string Url)> StockedProductAsync(int stock)
    {
        var (a, user) = await A.CreateClientAsAsync("catalog_manager");
        var b = B.CreateClient();
        b.DefaultRequestHeaders.Authorization = new("Bearer", await B.IssueTokenAsync(user));
        var (product, _) = await a.CreateProductAsync(new { name = "Shared " + Guid.NewGuid().ToString("N")[..6], price = 8, stockQuantity = stock });
        // The user and session were made straight in the database, not through the API.
        await cluster.WaitForReplayAsync();
        return (a, b, $"/api/v1/products/{product.Id()}");
    }

    public static async Task<int> StockAsync(HttpClient client, string url) =>
        (await (await client.GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("stockQuantity").GetInt32();

    /// <summary>The <c>database-replica</c> readiness check of <paramref name="host"/>: its status and description.</summary>
    public static async Task<(string Status, string Description)> ReplicaCheckAsync(StandbyApiFactory host)
    {
        var response = await host.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var check = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database-replica");
        return (check.GetProperty("status").GetString()!, check.GetProperty("description").GetString()!);
    }
}
