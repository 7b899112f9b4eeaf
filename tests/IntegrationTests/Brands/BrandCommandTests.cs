using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Brands;

public sealed class BrandCommandTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task Create_AsCatalogManager_Returns201WithLocationAndETag_AndCanBeReadBySlug()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var response = await client.PostJsonAsync("/api/v1/brands", new { name = "Ünïcode Böoks", websiteUrl = "https://books.example" });
        var body = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("unicode-books", body.GetProperty("slug").GetString());
        Assert.NotNull(response.Headers.Location);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        var anonymous = factory.CreateClient();
        var read = await anonymous.GetAsync("/api/v1/brands/unicode-books");
        var brand = await read.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(body.GetProperty("id").GetString(), brand.GetProperty("id").GetString());
        Assert.Equal(etag, read.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/brands/" + brand.GetProperty("id").GetString());
        conditional.Headers.IfNoneMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Create_SameNameTwice_GetsADeduplicatedSlug()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var first = await (await client.PostJsonAsync("/api/v1/brands", new { name = "Twin Brand" })).AssertStatusAsync(HttpStatusCode.Created);
        var second = await (await client.PostJsonAsync("/api/v1/brands", new { name = "Twin Brand" })).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("twin-brand", first.GetProperty("slug").GetString());
        Assert.Equal("twin-brand-2", second.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Create_ExplicitSlugTaken_Is409()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        await (await client.PostJsonAsync("/api/v1/brands", new { name = "Taken", slug = "taken-slug" })).AssertStatusAsync(HttpStatusCode.Created);
        var response = await client.PostJsonAsync("/api/v1/brands", new { name = "Other", slug = "taken-slug" });
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Create_Anonymous_Is401_AndPlainUser_Is403()
    {
        var anonymous = await factory.CreateClient().PostJsonAsync("/api/v1/brands", new { name = "Nope" });
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var (user, _) = await factory.CreateClientAsAsync("user");
        var forbidden = await user.PostJsonAsync("/api/v1/brands", new { name = "Nope" });
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_InvalidFields_Is400WithErrorsPerField_AndWritesNothing()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var response = await client.PostJsonAsync("/api/v1/brands", new { name = "Bad Brand", logoUrl = "javascript:alert(1)", slug = "Not A Slug", metadata = new[] { 1, 2 } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("logoUrl", out _));
        Assert.True(errors.TryGetProperty("slug", out _));
        Assert.True(errors.TryGetProperty("metadata", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/brands/bad-brand")).StatusCode);
    }
}
