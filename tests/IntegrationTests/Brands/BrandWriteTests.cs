using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.Brands;

public sealed class BrandWriteTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task Update_NeedsIfMatch_ValidatesUrls_AndReturnsNewETag()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var created = await client.PostJsonAsync("/api/v1/brands", new { name = "Put Brand" });
        var brand = await created.AssertStatusAsync(HttpStatusCode.Created);
        var url = "/api/v1/brands/" + brand.Id();
        var etag = created.ETagOf();
        await (await client.SendAsync(HttpMethod.Put, url, new { name = "Put Brand 2" })).AssertProblemAsync((HttpStatusCode)428);
        await (await client.SendAsync(HttpMethod.Put, url, new { name = "Put Brand 2" }, "\"77\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await client.SendAsync(HttpMethod.Put, url, new { name = "Put Brand 2", websiteUrl = "mailto:x@y.z" }, etag)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var ok = await client.SendAsync(HttpMethod.Put, url, new { name = "Put Brand 2", websiteUrl = "https://put.example" }, etag);
        var updated = await ok.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("put-brand", updated.GetProperty("slug").GetString());
        Assert.Equal("https://put.example", updated.GetProperty("websiteUrl").GetString());
        Assert.NotEqual(etag, ok.ETagOf());
        Assert.Equal(ok.Headers.ETag, (await client.GetAsync(url)).Headers.ETag);
    }

    [Fact]
    public async Task Delete_NeedsIfMatch_Then404()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var created = await client.PostJsonAsync("/api/v1/brands", new { name = "Gone Brand" });
        var brand = await created.AssertStatusAsync(HttpStatusCode.Created);
        var url = "/api/v1/brands/" + brand.Id();
        await (await client.SendAsync(HttpMethod.Delete, url)).AssertProblemAsync((HttpStatusCode)428);
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        await (await editor.SendAsync(HttpMethod.Delete, url, ifMatch: created.ETagOf())).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, url, ifMatch: created.ETagOf())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }
}
