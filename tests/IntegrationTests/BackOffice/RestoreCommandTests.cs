using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.BackOffice;

/// <summary>
/// The back office undoes what it removed (issue 24): category and brand restore, product unarchive, review restore.
/// Each is checked through the storefront's own reads, its permission, its refusals and its audit entry.
/// </summary>
public sealed class RestoreCommandTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private HttpClient Anonymous() => factory.CreateClient();

    private async Task<(string Id, string ETag)> CreatedAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostJsonAsync(url, body);
        var created = await response.AssertStatusAsync(HttpStatusCode.Created);
        return (created.Id(), response.ETagOf());
    }

    private async Task DeleteAsync(HttpClient client, string url, string etag) =>
        await (await client.SendAsync(HttpMethod.Delete, url, ifMatch: etag)).AssertStatusAsync(HttpStatusCode.NoContent);

    /// <summary>The ETag of a row whatever its state (a deleted row is not readable over HTTP): its xmin, as the API formats it.</summary>
    private async Task<string> RowETagAsync(string table, string id) =>
        $"\"{await factory.ScalarAsync<string>($"SELECT xmin::text FROM {table} WHERE id = @Id::uuid", new { Id = id })}\"";

    private static string CodeOf(JsonElement problem) => problem.GetProperty("code").GetString()!;

    private Task<long> AuditAsync(string action, string id) => factory.AuditCountAsync(action, Guid.Parse(id));

    // ---- categories ----

    [Fact]
    public async Task CategoryRestore_BringsTheCategoryBackToTheStorefront_WithItsAuditEntry()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (id, etag) = await CreatedAsync(manager, "/api/v1/categories", new { name = Unique("Lamps") });
        await DeleteAsync(manager, $"/api/v1/categories/{id}", etag);
        await (await Anonymous().GetAsync($"/api/v1/categories/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var response = await manager.PostJsonAsync($"/api/v1/categories/{id}/restore", new { });
        var restored = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(id, restored.Id());
        Assert.NotNull(response.Headers.ETag);
        await (await Anonymous().GetAsync($"/api/v1/categories/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        var tree = await (await Anonymous().GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(tree.EnumerateArray(), c => c.Id() == id);
        Assert.Equal(1, await AuditAsync("category.restored", id));

        var again = await (await manager.PostJsonAsync($"/api/v1/categories/{id}/restore", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("category.not_deleted", CodeOf(again));
        Assert.Equal(1, await AuditAsync("category.restored", id));
    }

    [Fact]
    public async Task CategoryRestore_UnderADeletedParent_Is409NamingTheParent_UntilTheParentIsRestored()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (parentId, parentTag) = await CreatedAsync(manager, "/api/v1/categories", new { name = Unique("Garden") });
        var (childId, childTag) = await CreatedAsync(manager, "/api/v1/categories", new { name = Unique("Hoses"), parentId });
        await DeleteAsync(manager, $"/api/v1/categories/{childId}", childTag);
        await DeleteAsync(manager, $"/api/v1/categories/{parentId}", parentTag);

        var problem = await (await manager.PostJsonAsync($"/api/v1/categories/{childId}/restore", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("category.parent_deleted", CodeOf(problem));
        Assert.Contains(parentId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(await factory.ScalarAsync<bool>("SELECT deleted_at IS NOT NULL FROM categories WHERE id = @Id::uuid", new { Id = childId }));
        Assert.Equal(0, await AuditAsync("category.restored", childId));

        await (await manager.PostJsonAsync($"/api/v1/categories/{parentId}/restore", new { })).AssertStatusAsync(HttpStatusCode.OK);
        await (await manager.PostJsonAsync($"/api/v1/categories/{childId}/restore", new { })).AssertStatusAsync(HttpStatusCode.OK);
        var child = await (await Anonymous().GetAsync($"/api/v1/categories/{childId}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(parentId, child.GetProperty("parent").Id());
    }

    [Fact]
    public async Task CategoryRestore_WhenALiveCategoryTookItsSlug_Is409_AndChangesNothing()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var slug = Unique("chairs");
        var (id, etag) = await CreatedAsync(manager, "/api/v1/categories", new { name = "Chairs", slug });
        await DeleteAsync(manager, $"/api/v1/categories/{id}", etag);
        await CreatedAsync(manager, "/api/v1/categories", new { name = "Chairs again", slug });

        var problem = await (await manager.PostJsonAsync($"/api/v1/categories/{id}/restore", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("category.slug_taken", CodeOf(problem));
        Assert.True(await factory.ScalarAsync<bool>("SELECT deleted_at IS NOT NULL FROM categories WHERE id = @Id::uuid", new { Id = id }));
    }

    [Fact]
    public async Task CategoryRestore_NeedsCategoriesDelete_KnowsTheId_AndChecksIfMatchWhenSent()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var (id, etag) = await CreatedAsync(manager, "/api/v1/categories", new { name = Unique("Rugs") });
        await DeleteAsync(manager, $"/api/v1/categories/{id}", etag);
        var url = $"/api/v1/categories/{id}/restore";

        await (await editor.PostJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await Anonymous().PostJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await manager.PostJsonAsync($"/api/v1/categories/{Guid.NewGuid()}/restore", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await manager.SendAsync(HttpMethod.Post, url, new { }, ifMatch: etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(0, await AuditAsync("category.restored", id));

        await (await manager.SendAsync(HttpMethod.Post, url, new { }, ifMatch: await RowETagAsync("categories", id))).AssertStatusAsync(HttpStatusCode.OK);
    }

    // ---- brands ----

    [Fact]
    public async Task BrandRestore_ShowsTheBrandAndItsProductsOnTheStorefrontAgain_WithItsAuditEntry()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (brandId, brandTag) = await CreatedAsync(manager, "/api/v1/brands", new { name = Unique("Acme") });
        var (product, _) = await manager.CreateProductAsync(new { name = Unique("Anvil"), price = 20, brandId });
        await (await manager.PostJsonAsync($"/api/v1/products/{product.Id()}/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        await (await Anonymous().GetAsync($"/api/v1/products/{product.Id()}")).AssertStatusAsync(HttpStatusCode.OK);

        await DeleteAsync(manager, $"/api/v1/brands/{brandId}", brandTag);
        await (await Anonymous().GetAsync($"/api/v1/brands/{brandId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Anonymous().GetAsync($"/api/v1/products/{product.Id()}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var response = await manager.PostJsonAsync($"/api/v1/brands/{brandId}/restore", new { });
        Assert.Equal(brandId, (await response.AssertStatusAsync(HttpStatusCode.OK)).Id());
        Assert.NotNull(response.Headers.ETag);
        await (await Anonymous().GetAsync($"/api/v1/brands/{brandId}")).AssertStatusAsync(HttpStatusCode.OK);
        var shown = await (await Anonymous().GetAsync($"/api/v1/products/{product.Id()}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(brandId, shown.GetProperty("brand").Id());
        Assert.Equal(1, await AuditAsync("brand.restored", brandId));
    }

    [Fact]
    public async Task BrandRestore_Refusals_403_404_409_412_ChangeNothing()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var slug = Unique("globex");
        var (id, etag) = await CreatedAsync(manager, "/api/v1/brands", new { name = "Globex", slug });
        var url = $"/api/v1/brands/{id}/restore";

        var notDeleted = await (await manager.PostJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("brand.not_deleted", CodeOf(notDeleted));

        await DeleteAsync(manager, $"/api/v1/brands/{id}", etag);
        await (await editor.PostJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.PostJsonAsync($"/api/v1/brands/{Guid.NewGuid()}/restore", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await manager.SendAsync(HttpMethod.Post, url, new { }, ifMatch: etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        await CreatedAsync(manager, "/api/v1/brands", new { name = "Globex II", slug });
        var taken = await (await manager.PostJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("brand.slug_taken", CodeOf(taken));
        Assert.True(await factory.ScalarAsync<bool>("SELECT deleted_at IS NOT NULL FROM brands WHERE id = @Id::uuid", new { Id = id }));
        Assert.Equal(0, await AuditAsync("brand.restored", id));
    }

    [Fact]
    public async Task BrandRestore_WithAnIdempotencyKey_IsDoneOnce_AndTheReplayAnswersTheSame()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (id, etag) = await CreatedAsync(manager, "/api/v1/brands", new { name = Unique("Initech") });
        await DeleteAsync(manager, $"/api/v1/brands/{id}", etag);
        var key = Guid.NewGuid().ToString("N");

        var first = await manager.SendAsync(HttpMethod.Post, $"/api/v1/brands/{id}/restore", new { }, idempotencyKey: key);
        var firstBody = await first.AssertStatusAsync(HttpStatusCode.OK);
        var replay = await manager.SendAsync(HttpMethod.Post, $"/api/v1/brands/{id}/restore", new { }, idempotencyKey: key);
        var replayBody = await replay.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody.GetRawText(), replayBody.GetRawText());
        Assert.Equal(first.ETagOf(), replay.ETagOf());
        Assert.Equal(1, await AuditAsync("brand.restored", id));
    }

    // ---- products ----

    [Fact]
    public async Task Unarchive_ReturnsAnArchivedProductToDraft_FromWhereItCanBePublishedAgain()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (product, _) = await manager.CreateProductAsync(new { name = Unique("Kettle"), price = 30 });
        var url = $"/api/v1/products/{product.Id()}";
        await (await manager.PostJsonAsync(url + "/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        await (await manager.PostJsonAsync(url + "/archive", new { })).AssertStatusAsync(HttpStatusCode.OK);
        await (await Anonymous().GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);

        var response = await manager.PostJsonAsync(url + "/unarchive", new { });
        var draft = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(1, await AuditAsync("product.unarchived", product.Id()));
        await (await Anonymous().GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await manager.PostJsonAsync(url + "/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        await (await Anonymous().GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unarchive_Refusals_NotArchived409_Editor403_Unknown404()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var (product, _) = await manager.CreateProductAsync(new { name = Unique("Toaster"), price = 25 });
        var url = $"/api/v1/products/{product.Id()}/unarchive";

        var problem = await (await manager.PostJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("product.invalid_status", CodeOf(problem));

        await (await manager.PostJsonAsync($"/api/v1/products/{product.Id()}/archive", new { })).AssertStatusAsync(HttpStatusCode.OK);
        await (await editor.PostJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.PostJsonAsync($"/api/v1/products/{Guid.NewGuid()}/unarchive", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("archived", await factory.ScalarAsync<string>("SELECT status FROM products WHERE id = @Id::uuid", new { Id = product.Id() }));
        Assert.Equal(0, await AuditAsync("product.unarchived", product.Id()));
    }

    // ---- reviews ----

    private async Task<string> PublishedProductAsync()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (product, _) = await manager.CreateProductAsync(new { name = Unique("Reviewed"), price = 10 });
        await (await manager.PostJsonAsync($"/api/v1/products/{product.Id()}/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        return product.Id();
    }

    private static async Task<string> ReviewAsync(HttpClient author, string productId, int rating) =>
        (await (await author.PostJsonAsync($"/api/v1/products/{productId}/reviews", new { rating, title = "Review " + rating }))
            .AssertStatusAsync(HttpStatusCode.Created)).Id();

    /// <summary>The storefront's review page of the product: its item ids and its summary (average, count, 1..5 distribution).</summary>
    private async Task<(string[] Ids, string Average, int Count, int[] Distribution)> ReviewPageAsync(string productId)
    {
        var body = await (await Anonymous().GetAsync($"/api/v1/products/{productId}/reviews")).AssertStatusAsync(HttpStatusCode.OK);
        var summary = body.GetProperty("summary");
        var distribution = summary.GetProperty("distribution");
        return (body.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToArray(),
            summary.GetProperty("averageRating").GetRawText(),
            summary.GetProperty("reviewCount").GetInt32(),
            new[] { "1", "2", "3", "4", "5" }.Select(k => distribution.GetProperty(k).GetInt32()).ToArray());
    }

    [Fact]
    public async Task ReviewRestore_UndoesAModeratorsDelete_AndTheRatingSummaryFollowsBothWays()
    {
        var productId = await PublishedProductAsync();
        var (alice, _) = await factory.CreateClientAsAsync("user");
        var (bob, _) = await factory.CreateClientAsAsync("user");
        var (moderator, _) = await factory.CreateClientAsAsync("moderator");
        var kept = await ReviewAsync(alice, productId, 5);
        var removed = await ReviewAsync(bob, productId, 2);
        var (ids, average, count, distribution) = await ReviewPageAsync(productId);
        Assert.Equal((2, "3.50"), (count, average));

        await (await moderator.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/{removed}")).AssertStatusAsync(HttpStatusCode.NoContent);
        (ids, average, count, distribution) = await ReviewPageAsync(productId);
        Assert.Equal([kept], ids);
        Assert.Equal((1, "5.00"), (count, average));

        var restored = await (await moderator.PostJsonAsync($"/api/v1/reviews/{removed}/restore", new { })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(removed, restored.Id());
        (ids, average, count, distribution) = await ReviewPageAsync(productId);
        Assert.Equal(new[] { kept, removed }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal((2, "3.50"), (count, average));
        Assert.Equal([0, 1, 0, 0, 1], distribution);
        var detail = await (await Anonymous().GetAsync($"/api/v1/products/{productId}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, detail.GetProperty("rating").GetProperty("reviewCount").GetInt32());
        Assert.Equal(1, await AuditAsync("review.restored", removed));

        var again = await (await moderator.PostJsonAsync($"/api/v1/reviews/{removed}/restore", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("review.not_deleted", CodeOf(again));
        Assert.Equal(2, (await ReviewPageAsync(productId)).Count);
    }

    [Fact]
    public async Task ReviewRestore_OfAReviewItsAuthorWithdrew_Is409_AndTheSummaryStays()
    {
        var productId = await PublishedProductAsync();
        var (alice, _) = await factory.CreateClientAsAsync("user");
        var (moderator, _) = await factory.CreateClientAsAsync("moderator");
        var review = await ReviewAsync(alice, productId, 4);
        await (await alice.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/{review}")).AssertStatusAsync(HttpStatusCode.NoContent);

        var problem = await (await moderator.PostJsonAsync($"/api/v1/reviews/{review}/restore", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("review.withdrawn_by_author", CodeOf(problem));
        var page = await ReviewPageAsync(productId);
        Assert.Empty(page.Ids);
        Assert.Equal(0, page.Count);
        Assert.Equal(0, await AuditAsync("review.restored", review));
    }

    [Fact]
    public async Task ReviewRestore_Refusals_User403_Unknown404_Superseded409_ProductDeleted409()
    {
        var productId = await PublishedProductAsync();
        var (alice, _) = await factory.CreateClientAsAsync("user");
        var (moderator, _) = await factory.CreateClientAsAsync("moderator");
        var first = await ReviewAsync(alice, productId, 1);
        await (await moderator.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/{first}")).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await alice.PostJsonAsync($"/api/v1/reviews/{first}/restore", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await moderator.PostJsonAsync($"/api/v1/reviews/{Guid.NewGuid()}/restore", new { })).AssertProblemAsync(HttpStatusCode.NotFound);

        // The author wrote another review since: one live review per author and product.
        var second = await ReviewAsync(alice, productId, 5);
        var superseded = await (await moderator.PostJsonAsync($"/api/v1/reviews/{first}/restore", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("review.superseded", CodeOf(superseded));
        var page = await ReviewPageAsync(productId);
        Assert.Equal((1, "5.00"), (page.Count, page.Average));

        // A review of a deleted product waits for the product.
        await (await alice.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/{second}")).AssertStatusAsync(HttpStatusCode.NoContent);
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        await (await manager.SendAsync(HttpMethod.Delete, $"/api/v1/products/{productId}", ifMatch: await RowETagAsync("products", productId))).AssertStatusAsync(HttpStatusCode.NoContent);
        var orphan = await (await moderator.PostJsonAsync($"/api/v1/reviews/{first}/restore", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("review.product_deleted", CodeOf(orphan));
        Assert.Equal(0, await AuditAsync("review.restored", first));
    }

    [Fact]
    public async Task ReviewDelete_OfADeletedProduct_StillLowersItsFigures_SoTheRestoredProductCountsRight()
    {
        var productId = await PublishedProductAsync();
        var (alice, _) = await factory.CreateClientAsAsync("user");
        var (bob, _) = await factory.CreateClientAsAsync("user");
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        await ReviewAsync(alice, productId, 5);
        var bobs = await ReviewAsync(bob, productId, 1);
        await (await manager.SendAsync(HttpMethod.Delete, $"/api/v1/products/{productId}", ifMatch: await RowETagAsync("products", productId))).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await bob.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/{bobs}")).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await manager.PostJsonAsync($"/api/v1/products/{productId}/restore", new { })).AssertStatusAsync(HttpStatusCode.OK);

        var page = await ReviewPageAsync(productId);
        Assert.Single(page.Ids);
        Assert.Equal((1, "5.00"), (page.Count, page.Average));
        Assert.Equal([0, 0, 0, 0, 1], page.Distribution);
    }
}
