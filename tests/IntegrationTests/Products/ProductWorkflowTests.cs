using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

public sealed class ProductWorkflowTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task Workflow_DraftToReviewToRejectedToReviewToPublished_UnpublishAndArchive()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (product, _) = await manager.CreateProductAsync(new { name = "Flow", price = 9 });
        var url = "/api/v1/products/" + product.Id();

        await (await manager.PostJsonAsync(url + "/reject", new { remark = "too early" })).AssertProblemAsync(HttpStatusCode.Conflict);
        var submitted = await (await manager.PostJsonAsync(url + "/submit-for-review", new { })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("in_review", submitted.GetProperty("status").GetString());
        await (await manager.PostJsonAsync(url + "/reject", new { remark = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var rejected = await (await manager.PostJsonAsync(url + "/reject", new { remark = "Needs photos" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("Needs photos", rejected.GetProperty("reviewRemark").GetString());
        await (await manager.PostJsonAsync(url + "/publish", new { })).AssertProblemAsync(HttpStatusCode.Conflict);

        await (await manager.PostJsonAsync(url + "/submit-for-review", new { })).AssertStatusAsync(HttpStatusCode.OK);
        var publishedResponse = await manager.PostJsonAsync(url + "/publish", new { });
        var published = await publishedResponse.AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotNull(publishedResponse.Headers.ETag);
        Assert.Equal("published", published.GetProperty("status").GetString());
        var publishedAt = published.GetProperty("publishedAt").GetDateTimeOffset();
        await (await manager.PostJsonAsync(url + "/publish", new { })).AssertProblemAsync(HttpStatusCode.Conflict);

        var draft = await (await manager.PostJsonAsync(url + "/unpublish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(publishedAt, draft.GetProperty("publishedAt").GetDateTimeOffset());
        var again = await (await manager.PostJsonAsync(url + "/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(publishedAt, again.GetProperty("publishedAt").GetDateTimeOffset());

        var archived = await (await manager.PostJsonAsync(url + "/archive", new { })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("archived", archived.GetProperty("status").GetString());
        await (await manager.PostJsonAsync(url + "/archive", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await manager.PostJsonAsync("/api/v1/products/" + Guid.NewGuid() + "/publish", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Editor_MaySubmit_ButNotPublishOrReject()
    {
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var (product, _) = await editor.CreateProductAsync(new { name = "Editor Item", price = 9 });
        var url = "/api/v1/products/" + product.Id();
        await (await editor.PostJsonAsync(url + "/submit-for-review", new { })).AssertStatusAsync(HttpStatusCode.OK);
        await (await editor.PostJsonAsync(url + "/publish", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await editor.PostJsonAsync(url + "/reject", new { remark = "no" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await editor.PostJsonAsync(url + "/unpublish", new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Stock_AdjustsAndRefusesToGoBelowZero()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (product, _) = await client.CreateProductAsync(new { name = "Stocked", price = 1, stockQuantity = 3 });
        var url = "/api/v1/products/" + product.Id() + "/stock";
        var added = await (await client.PostJsonAsync(url, new { delta = 4, reason = "delivery" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(7, added.GetProperty("stockQuantity").GetInt32());
        await (await client.PostJsonAsync(url, new { delta = -8, reason = "sale" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync(url, new { delta = 0, reason = "noop" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/products/" + Guid.NewGuid() + "/stock", new { delta = 1, reason = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.PostJsonAsync(url, new { delta = 1, reason = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Stock_TwentyParallelDecrementsOnTen_GiveExactlyTenSuccessesAndTenConflicts()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (product, _) = await client.CreateProductAsync(new { name = "Race", price = 1, stockQuantity = 10 });
        var url = "/api/v1/products/" + product.Id() + "/stock";
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostJsonAsync(url, new { delta = -1, reason = "order" })));
        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var final = await (await client.PostJsonAsync(url, new { delta = 1, reason = "check" })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, final.GetProperty("stockQuantity").GetInt32());
    }
}
