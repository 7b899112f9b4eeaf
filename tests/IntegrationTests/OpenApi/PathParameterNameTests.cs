using System.Net;
using Catalog.IntegrationTests.Audit;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.OpenApi;

/// <summary>
/// The write routes of products, brands and categories spell their parameter <c>{idOrSlug}</c> like the reads (one name
/// per path, ADR-082); what they accept, answer and audit is unchanged.
/// </summary>
public sealed class PathParameterNameTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task WriteRoutes_StillTakeTheIdOnly_ASlugFindsNoWriteRoute()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var brand = await (await admin.PostJsonAsync("/api/v1/brands", new { name = "Rename " + Guid.NewGuid().ToString("N")[..6] })).AssertStatusAsync(HttpStatusCode.Created);
        var slug = brand.GetProperty("slug").GetString()!;

        await (await admin.SendAsync(HttpMethod.Put, $"/api/v1/brands/{slug}", new { name = "By slug" }, ifMatch: "\"1\"")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync($"/api/v1/products/{slug}/publish", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/brands/{slug}")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RefusedWrite_OnARenamedRoute_IsAuditedWithTheResourceId()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var brand = await (await admin.PostJsonAsync("/api/v1/brands", new { name = "Audited rename " + Guid.NewGuid().ToString("N")[..6] })).AssertStatusAsync(HttpStatusCode.Created);
        var (client, _) = await factory.CreateClientAsAsync("user");

        using var request = AuditRows.Request(HttpMethod.Delete, $"/api/v1/brands/{brand.Id()}", out var requestId);
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var row = Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
        Assert.Equal("brand.delete.failed", row.Action);
        Assert.Equal(Guid.Parse(brand.Id()), row.ResourceId);
    }
}
