using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.ProductQueries;

public sealed class ProductSearchTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task NameMatch_RanksAboveDescriptionMatch()
    {
        await _catalog.ProductAsync(new("Ordinary Lamp") { Description = "A lamp that outshines any quorvex on the market" });
        await _catalog.ProductAsync(new("Quorvex Lantern"));
        var hits = await (await factory.CreateClient().GetAsync("/api/v1/products/search?q=quorvex")).AssertStatusAsync(HttpStatusCode.OK);
        var names = hits.EnumerateArray().Select(h => h.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Quorvex Lantern", "Ordinary Lamp"], names);
        Assert.True(hits[0].GetProperty("rank").GetSingle() > hits[1].GetProperty("rank").GetSingle());
        Assert.True(hits[0].TryGetProperty("price", out _));
        Assert.True(hits[0].TryGetProperty("slug", out _));
    }

    [Fact]
    public async Task Prefix_FindsWholeWords_AndATypoFallsBackToTrigrams()
    {
        await _catalog.ProductAsync(new("Wireless Blendomatic"));
        var client = factory.CreateClient();
        var prefix = await (await client.GetAsync("/api/v1/products/search?q=blendo")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(prefix.EnumerateArray(), h => h.GetProperty("name").GetString() == "Wireless Blendomatic");
        var typo = await (await client.GetAsync("/api/v1/products/search?q=blendomatik")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(typo.EnumerateArray(), h => h.GetProperty("name").GetString() == "Wireless Blendomatic");
    }

    [Fact]
    public async Task Search_SkipsUnpublished_AndHonoursLimit()
    {
        for (var i = 0; i < 3; i++)
        {
            await _catalog.ProductAsync(new($"Xylofrond {i}"));
        }

        await _catalog.ProductAsync(new("Xylofrond Draft") { Status = "draft" });
        var client = factory.CreateClient();
        var hits = await (await client.GetAsync("/api/v1/products/search?q=xylofrond&limit=2")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, hits.GetArrayLength());
        var all = await (await client.GetAsync("/api/v1/products/search?q=xylofrond")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(all.EnumerateArray(), h => h.GetProperty("name").GetString() == "Xylofrond Draft");
    }

    [Theory]
    [InlineData("limit=101&q=x", "limit")]
    [InlineData("q=", "q")]
    public async Task InvalidSearch_Is400(string query, string field)
    {
        var problem = await (await factory.CreateClient().GetAsync("/api/v1/products/search?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
