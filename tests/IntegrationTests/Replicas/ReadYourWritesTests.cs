using System.Net;
using System.Text.Json;
using Catalog.Infrastructure.Persistence.Replicas;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Replicas;

/// <summary>
/// The contract's flows with <c>CatalogRead</c> on a real standby that replays each commit
/// <see cref="StandbyCluster.ApplyDelay"/> late (ADR-100): once a write has answered 2xx, every read that starts afterwards
/// reflects it, on the host that wrote and on another one, with no help from the client.
/// </summary>
[Collection(StandbyCollection.Name)]
public sealed class ReadYourWritesTests(StandbyCluster cluster) : IAsyncLifetime
{
    private readonly TwoHosts _hosts = new(cluster);

    public Task InitializeAsync() => _hosts.InitializeAsync();

    public Task DisposeAsync() => _hosts.DisposeAsync();

    private async Task<(HttpClient A, HttpClient B)> ClientsAsync(params string[] roles)
    {
        var (a, user) = await _hosts.A.CreateClientAsAsync(roles);
        var b = _hosts.B.CreateClient();
        b.DefaultRequestHeaders.Authorization = new("Bearer", await _hosts.B.IssueTokenAsync(user));
        // The users and sessions were made straight in the database, not through the API.
        await cluster.WaitForReplayAsync();
        return (a, b);
    }

    [Fact]
    public async Task CreatedProduct_FetchedByItsLocation_Answers200_OnBothHosts()
    {
        var (a, b) = await ClientsAsync("catalog_manager");
        var response = await a.PostJsonAsync("/api/v1/products", new { name = "Replica " + Guid.NewGuid().ToString("N")[..6], price = 12 });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        var location = response.Headers.Location!.ToString();
        await (await a.GetAsync(location)).AssertStatusAsync(HttpStatusCode.OK);

        var other = await b.PostJsonAsync("/api/v1/products", new { name = "Replica " + Guid.NewGuid().ToString("N")[..6], price = 13 });
        await other.AssertStatusAsync(HttpStatusCode.Created);
        await (await a.GetAsync(other.Headers.Location!.ToString())).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeletedProduct_IsNotVisibleAfterwards_OnEitherHost()
    {
        var (a, b) = await ClientsAsync("catalog_manager");
        var (product, etag) = await a.CreateProductAsync(new { name = "Doomed " + Guid.NewGuid().ToString("N")[..6], price = 5 });
        var published = await a.PostJsonAsync($"/api/v1/products/{product.Id()}/publish", new { });
        await published.AssertStatusAsync(HttpStatusCode.OK);
        var anonymousB = _hosts.B.CreateClient();
        await (await anonymousB.GetAsync($"/api/v1/products/{product.Id()}")).AssertStatusAsync(HttpStatusCode.OK);

        await (await b.SendAsync(HttpMethod.Delete, $"/api/v1/products/{product.Id()}", ifMatch: published.ETagOf())).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await _hosts.A.CreateClient().GetAsync($"/api/v1/products/{product.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await anonymousB.GetAsync($"/api/v1/products/{product.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.NotEqual(etag, published.ETagOf());
    }

    [Fact]
    public async Task StockRace_ReadsWhatIsLeft_OnEitherHost()
    {
        var (a, b) = await ClientsAsync("catalog_manager");
        var (product, _) = await a.CreateProductAsync(new { name = "Scarce " + Guid.NewGuid().ToString("N")[..6], price = 9, stockQuantity = 4 });
        var url = $"/api/v1/products/{product.Id()}";
        var takes = Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? a : b).PostJsonAsync(url + "/stock", new { delta = -1, reason = "sale" }));
        foreach (var take in await Task.WhenAll(takes))
        {
            await take.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.Equal(0, (await (await a.GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("stockQuantity").GetInt32());
        Assert.Equal(0, (await (await b.GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("stockQuantity").GetInt32());
    }

    [Fact]
    public async Task ReviewSummaries_FollowEachReview_OnEitherHost()
    {
        var (a, b) = await ClientsAsync("catalog_manager");
        var (product, _) = await a.CreateProductAsync(new { name = "Rated " + Guid.NewGuid().ToString("N")[..6], price = 20 });
        await (await a.PostJsonAsync($"/api/v1/products/{product.Id()}/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        var (alice, _) = await ClientsAsync("user");
        var (_, bob) = await ClientsAsync("user");
        var url = $"/api/v1/products/{product.Id()}/reviews";

        await (await alice.PostJsonAsync(url, new { rating = 5 })).AssertStatusAsync(HttpStatusCode.Created);
        var afterOne = await (await _hosts.B.CreateClient().GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, afterOne.GetProperty("summary").GetProperty("reviewCount").GetInt32());

        await (await bob.PostJsonAsync(url, new { rating = 3 })).AssertStatusAsync(HttpStatusCode.Created);
        var afterTwo = await (await _hosts.A.CreateClient().GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, afterTwo.GetProperty("summary").GetProperty("reviewCount").GetInt32());
        Assert.Equal(4m, afterTwo.GetProperty("summary").GetProperty("averageRating").GetDecimal());
        var detail = await (await _hosts.B.CreateClient().GetAsync($"/api/v1/products/{product.Id()}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, detail.GetProperty("rating").GetProperty("reviewCount").GetInt32());
    }

    [Fact]
    public async Task ReadsWithNoPendingWrite_AreServedByTheReplica()
    {
        var (a, _) = await ClientsAsync("catalog_manager");
        var (product, _) = await a.CreateProductAsync(new { name = "Quiet " + Guid.NewGuid().ToString("N")[..6], price = 3 });
        await cluster.WaitForReplayAsync();
        var router = _hosts.B.Services.GetRequiredService<ReplicaReadRouter>();
        var before = router.Counts;
        var anonymous = _hosts.B.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            await (await anonymous.GetAsync("/api/v1/brands")).AssertStatusAsync(HttpStatusCode.OK);
        }

        await (await a.GetAsync($"/api/v1/products/{product.Id()}")).AssertStatusAsync(HttpStatusCode.OK);
        var after = router.Counts;
        Assert.Equal(before.Primary, after.Primary);
        Assert.Equal(before.Replica + 10, after.Replica);
    }
}
