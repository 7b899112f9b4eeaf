using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Npgsql;

namespace Catalog.IntegrationTests.Reviews;

public sealed class ReviewCommandTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private async Task<string> PublishedProductAsync()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (product, _) = await manager.CreateProductAsync(new { name = "Reviewed " + Guid.NewGuid().ToString("N")[..6], price = 10 });
        await (await manager.PostJsonAsync($"/api/v1/products/{product.Id()}/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        return product.Id();
    }

    private async Task<(decimal Average, int Count, int[] Counts)> FiguresAsync(string productId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT average_rating, review_count, rating_counts FROM products WHERE id = '{productId}'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDecimal(0), reader.GetInt32(1), reader.GetFieldValue<int[]>(2));
    }

    [Fact]
    public async Task Create_OncePerUser_KeepsProductFigures_AndIgnoresServerFields()
    {
        var productId = await PublishedProductAsync();
        var (alice, aliceUser) = await factory.CreateClientAsAsync("user");
        var (bob, _) = await factory.CreateClientAsAsync("user");
        var response = await alice.PostJsonAsync($"/api/v1/products/{productId}/reviews", new
        {
            rating = 5, title = "Great", comment = "Loved it", pros = new[] { "light" }, cons = new[] { "pricey" },
            images = new[] { "https://img.example/r.png" }, isVerifiedPurchase = true, helpfulCount = 99,
        });
        var review = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.NotNull(response.Headers.Location);
        Assert.False(review.GetProperty("isVerifiedPurchase").GetBoolean());
        Assert.Equal(0, review.GetProperty("helpfulCount").GetInt32());
        Assert.Equal(aliceUser.Id.ToString(), review.GetProperty("userId").GetString());

        await (await alice.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 4 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await bob.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 2 })).AssertStatusAsync(HttpStatusCode.Created);
        var figures = await FiguresAsync(productId);
        Assert.Equal(3.5m, figures.Average);
        Assert.Equal(2, figures.Count);
        Assert.Equal(new[] { 0, 1, 0, 0, 1 }, figures.Counts);

        await (await bob.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 6 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await factory.CreateClient().PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 3 })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await bob.PostJsonAsync($"/api/v1/products/{Guid.NewGuid()}/reviews", new { rating = 3 })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_OnADraftProduct_Is404()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (draft, _) = await manager.CreateProductAsync(new { name = "Draft Only", price = 1 });
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.PostJsonAsync($"/api/v1/products/{draft.Id()}/reviews", new { rating = 3 })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_AuthorOnly_AndRatingChangeMovesFigures()
    {
        var productId = await PublishedProductAsync();
        var (alice, _) = await factory.CreateClientAsAsync("user");
        var (mallory, _) = await factory.CreateClientAsAsync("user");
        var review = await (await alice.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 1 })).AssertStatusAsync(HttpStatusCode.Created);
        var url = "/api/v1/reviews/" + review.Id();
        await (await mallory.SendAsync(HttpMethod.Patch, url, new { rating = 5 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var edited = await (await alice.SendAsync(HttpMethod.Patch, url, new { rating = 4, helpfulCount = 50 })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(4, edited.GetProperty("rating").GetInt32());
        Assert.Equal(0, edited.GetProperty("helpfulCount").GetInt32());
        var figures = await FiguresAsync(productId);
        Assert.Equal((4m, 1), (figures.Average, figures.Count));
        Assert.Equal(new[] { 0, 0, 0, 1, 0 }, figures.Counts);
        await (await alice.SendAsync(HttpMethod.Patch, url, new { rating = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Delete_ByAuthorOrModerator_OthersAre403_AndFiguresDropTheReview()
    {
        var productId = await PublishedProductAsync();
        var (alice, _) = await factory.CreateClientAsAsync("user");
        var (bob, _) = await factory.CreateClientAsAsync("user");
        var (moderator, _) = await factory.CreateClientAsAsync("moderator");
        var aliceReview = await (await alice.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 5 })).AssertStatusAsync(HttpStatusCode.Created);
        var bobReview = await (await bob.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 3 })).AssertStatusAsync(HttpStatusCode.Created);

        await (await bob.SendAsync(HttpMethod.Delete, "/api/v1/reviews/" + aliceReview.Id())).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.SendAsync(HttpMethod.Delete, "/api/v1/reviews/" + aliceReview.Id())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.SendAsync(HttpMethod.Delete, "/api/v1/reviews/" + bobReview.Id())).StatusCode);
        await (await alice.SendAsync(HttpMethod.Delete, "/api/v1/reviews/" + aliceReview.Id())).AssertProblemAsync(HttpStatusCode.NotFound);
        var figures = await FiguresAsync(productId);
        Assert.Equal((0m, 0), (figures.Average, figures.Count));

        // The author may review again once the old review is gone.
        await (await alice.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 4 })).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Helpful_CountsOncePerUser()
    {
        var productId = await PublishedProductAsync();
        var (alice, _) = await factory.CreateClientAsAsync("user");
        var (bob, _) = await factory.CreateClientAsAsync("user");
        var (carol, _) = await factory.CreateClientAsAsync("user");
        var review = await (await alice.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 4 })).AssertStatusAsync(HttpStatusCode.Created);
        var url = $"/api/v1/reviews/{review.Id()}/helpful";
        Assert.Equal(1, (await (await bob.PostJsonAsync(url, new { })).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("helpfulCount").GetInt32());
        Assert.Equal(1, (await (await bob.PostJsonAsync(url, new { })).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("helpfulCount").GetInt32());
        Assert.Equal(2, (await (await carol.PostJsonAsync(url, new { })).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("helpfulCount").GetInt32());
        await (await bob.PostJsonAsync($"/api/v1/reviews/{Guid.NewGuid()}/helpful", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClient().PostJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ModeratorList_FindsReviewsAcrossProducts_NewestFirst_AndTheDeletedOnes()
    {
        var first = await PublishedProductAsync();
        var second = await PublishedProductAsync();
        var (author, _) = await factory.CreateClientAsAsync("user");
        var (moderator, _) = await factory.CreateClientAsAsync("moderator");
        var low = await (await author.PostJsonAsync($"/api/v1/products/{first}/reviews", new { rating = 1, title = "Spam" })).AssertStatusAsync(HttpStatusCode.Created);
        var other = await (await author.PostJsonAsync($"/api/v1/products/{second}/reviews", new { rating = 1, title = "Spam too" })).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.DeleteAsync("/api/v1/reviews/" + other.Id())).StatusCode);

        var live = await Products.ProductApi.WalkAsync(moderator, $"/api/v1/reviews?rating=1&productId={first}&limit=1");
        Assert.Equal([low.Id()], live.Select(i => i.GetProperty("review").Id()));
        Assert.Equal(JsonValueKind.Null, live[0].GetProperty("deletedAt").ValueKind);
        var deleted = await Products.ProductApi.WalkAsync(moderator, $"/api/v1/reviews?deleted=true&productId={second}");
        Assert.Equal([other.Id()], deleted.Select(i => i.GetProperty("review").Id()));
        Assert.Equal(second, deleted[0].GetProperty("productId").GetString());

        await (await author.GetAsync("/api/v1/reviews")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await factory.CreateClient().GetAsync("/api/v1/reviews")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await moderator.GetAsync("/api/v1/reviews?rating=9")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
