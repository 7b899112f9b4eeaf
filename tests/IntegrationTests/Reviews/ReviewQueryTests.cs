using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.Reviews;

public sealed class ReviewQueryTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task Page_HasTheDenormalisedSummary_NotAnAggregateOfTheRows()
    {
        // The summary columns say 7 reviews; only two rows exist: the summary must come from the columns.
        var product = await _catalog.ProductAsync(new("Reviewed") { AverageRating = 3.86m, ReviewCount = 7, RatingCounts = [1, 0, 1, 2, 3] });
        await _catalog.ReviewAsync(product, 5);
        await _catalog.ReviewAsync(product, 1);

        var body = await (await factory.CreateClient().GetAsync($"/api/v1/products/{product}/reviews")).AssertStatusAsync(HttpStatusCode.OK);
        var summary = body.GetProperty("summary");
        Assert.Equal("3.86", summary.GetProperty("averageRating").GetRawText());
        Assert.Equal(7, summary.GetProperty("reviewCount").GetInt32());
        var distribution = summary.GetProperty("distribution");
        Assert.Equal([1, 0, 1, 2, 3], new[] { "1", "2", "3", "4", "5" }.Select(k => distribution.GetProperty(k).GetInt32()).ToArray());
        Assert.Equal(2, body.GetProperty("items").GetArrayLength());
        Assert.True(body.TryGetProperty("nextCursor", out _));
    }

    [Fact]
    public async Task Sorts_RatingFilter_AndPageWalk()
    {
        var product = await _catalog.ProductAsync(new("Many Reviews") { Slug = TestCatalog.Unique("many-reviews") });
        var start = DateTime.UtcNow.AddDays(-1);
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await _catalog.ReviewAsync(product, (i % 5) + 1, start.AddMinutes(i), helpful: i * 3 % 7));
        }

        var client = factory.CreateClient();
        var newest = await client.WalkAsync($"/api/v1/products/{product}/reviews?limit=3");
        Assert.Equal(ids.AsEnumerable().Reverse().Select(i => i.ToString()), newest.Select(r => r.Id()));
        var oldest = await client.WalkAsync($"/api/v1/products/{product}/reviews?sort=oldest&limit=2");
        Assert.Equal(ids.Select(i => i.ToString()), oldest.Select(r => r.Id()));
        var helpful = (await client.WalkAsync($"/api/v1/products/{product}/reviews?sort=helpful&limit=2")).Select(r => r.GetProperty("helpfulCount").GetInt32()).ToList();
        Assert.Equal(helpful.OrderDescending(), helpful);
        var high = (await client.WalkAsync($"/api/v1/products/{product}/reviews?sort=rating&limit=2")).Select(r => r.GetProperty("rating").GetInt32()).ToList();
        Assert.Equal([5, 4, 3, 2, 2, 1, 1], high);
        var low = (await client.WalkAsync($"/api/v1/products/{product}/reviews?sort=-rating&limit=2")).Select(r => r.GetProperty("rating").GetInt32()).ToList();
        Assert.Equal([1, 1, 2, 2, 3, 4, 5], low);
        var twos = await client.WalkAsync($"/api/v1/products/{product}/reviews?rating=2&limit=1");
        Assert.Equal(2, twos.Count);
        Assert.All(twos, r => Assert.Equal(2, r.GetProperty("rating").GetInt32()));
    }

    [Theory]
    [InlineData("rating=6")]
    [InlineData("sort=loudest")]
    [InlineData("limit=101")]
    [InlineData("cursor=forged")]
    public async Task BadParameters_Are400(string query)
    {
        var product = await _catalog.ProductAsync(new("Bad Params"));
        await (await factory.CreateClient().GetAsync($"/api/v1/products/{product}/reviews?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnknownProduct_Is404() =>
        await (await factory.CreateClient().GetAsync("/api/v1/products/no-such-product/reviews")).AssertProblemAsync(HttpStatusCode.NotFound);
}
