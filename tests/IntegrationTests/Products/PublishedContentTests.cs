using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

/// <summary>
/// Issue 22: products:write must not change what is live. A change to a published product by a caller without
/// products:publish is 403 and changes nothing, whichever write path it takes (ADR-077).
/// </summary>
public sealed class PublishedContentTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task EditorPut_OnPublishedProduct_Is403_AndTheStorefrontIsUnchanged()
    {
        var (publisher, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var (id, etag) = await PublishedAsync(publisher, "Live Lamp");

        var problem = await (await editor.SendAsync(HttpMethod.Put, "/api/v1/products/" + id, new { name = "Defaced Lamp", price = 1 }, etag))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("product.publish_required", problem.GetProperty("code").GetString());

        var storefront = await (await factory.CreateClient().GetAsync("/api/v1/products/" + id)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Live Lamp", storefront.GetProperty("name").GetString());
        Assert.Equal(10m, storefront.GetProperty("price").GetDecimal());
        Assert.Equal("Live Lamp", await factory.ScalarAsync<string>("SELECT name FROM products WHERE id = @Id", new { Id = Guid.Parse(id) }));
        Assert.Equal(0, await factory.AuditCountAsync("product.updated", Guid.Parse(id)));
    }

    [Fact]
    public async Task EditorPut_ChangingIsActiveOfPublishedProduct_Is403()
    {
        var (publisher, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var (id, etag) = await PublishedAsync(publisher, "Live Desk");

        await (await editor.SendAsync(HttpMethod.Put, "/api/v1/products/" + id, new { name = "Live Desk", price = 10, isActive = false }, etag))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.True(await factory.ScalarAsync<bool>("SELECT is_active FROM products WHERE id = @Id", new { Id = Guid.Parse(id) }));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/v1/products/" + id)).StatusCode);
    }

    [Fact]
    public async Task EditorPut_OnDraft_Is200()
    {
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var (draft, etag) = await editor.CreateProductAsync(new { name = "Draft Chair", price = 5 });

        var updated = await (await editor.SendAsync(HttpMethod.Put, "/api/v1/products/" + draft.Id(), new { name = "Draft Chair v2", price = 6, isActive = false }, etag))
            .AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Draft Chair v2", updated.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PublisherPut_OnPublishedProduct_Is200_AndGoesLive()
    {
        var (publisher, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (id, etag) = await PublishedAsync(publisher, "Live Rug");

        await (await publisher.SendAsync(HttpMethod.Put, "/api/v1/products/" + id, new { name = "Live Rug XL", price = 12 }, etag))
            .AssertStatusAsync(HttpStatusCode.OK);

        var storefront = await (await factory.CreateClient().GetAsync("/api/v1/products/" + id)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Live Rug XL", storefront.GetProperty("name").GetString());
    }

    [Fact]
    public async Task EditorImport_RowForPublishedSku_FailsAsForbidden_OtherRowsProceed()
    {
        var (publisher, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (liveId, _) = await PublishedAsync(publisher, "Live Vase", "LIVE-" + tag);
        var (draft, _) = await editor.CreateProductAsync(new { name = "Draft Vase", price = 5, sku = "DRAFT-" + tag });

        var ndjson = string.Join('\n',
            $$"""{"name":"Defaced Vase","price":1,"sku":"LIVE-{{tag}}","isActive":false}""",
            $$"""{"name":"Draft Vase v2","price":6,"sku":"DRAFT-{{tag}}"}""",
            $$"""{"name":"New Vase","price":7,"sku":"NEW-{{tag}}"}""");
        var report = await (await editor.PostAsync("/api/v1/products/import", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson")))
            .AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        Assert.Equal(1, report.GetProperty("failed").GetInt32());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("row").GetInt32());
        Assert.Contains("products:publish", MessagesOf(error));

        var storefront = await (await factory.CreateClient().GetAsync("/api/v1/products/" + liveId)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Live Vase", storefront.GetProperty("name").GetString());
        Assert.True(await factory.ScalarAsync<bool>("SELECT is_active FROM products WHERE id = @Id", new { Id = Guid.Parse(liveId) }));
        Assert.Equal("Draft Vase v2", await factory.ScalarAsync<string>("SELECT name FROM products WHERE id = @Id", new { Id = Guid.Parse(draft.Id()) }));
    }

    [Fact]
    public async Task PublisherImport_RowForPublishedSku_Updates()
    {
        var (publisher, _) = await factory.CreateClientAsAsync("catalog_manager");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (liveId, _) = await PublishedAsync(publisher, "Live Bowl", "BOWL-" + tag);

        var row = $$"""{"name":"Live Bowl v2","price":11,"sku":"BOWL-{{tag}}"}""";
        var report = await (await publisher.PostAsync("/api/v1/products/import", new StringContent(row, Encoding.UTF8, "application/x-ndjson")))
            .AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        Assert.Equal("Live Bowl v2", await factory.ScalarAsync<string>("SELECT name FROM products WHERE id = @Id", new { Id = Guid.Parse(liveId) }));
    }

    private static async Task<(string Id, string ETag)> PublishedAsync(HttpClient publisher, string name, string? sku = null)
    {
        var (product, _) = await publisher.CreateProductAsync(new { name, price = 10, sku });
        var response = await publisher.PostJsonAsync($"/api/v1/products/{product.Id()}/publish", new { });
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (product.Id(), response.ETagOf());
    }

    private static string MessagesOf(JsonElement rowError) =>
        string.Join(' ', rowError.GetProperty("errors").EnumerateObject().SelectMany(f => f.Value.EnumerateArray().Select(m => m.GetString())));
}
