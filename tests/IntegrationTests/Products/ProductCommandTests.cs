using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

public sealed class ProductCommandTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task Create_Returns201WithLocationAndETag_StartsDraft_AndGeneratesATransliteratedSlug()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var response = await client.PostJsonAsync("/api/v1/products", new
        {
            name = "Crème Brûlée Set",
            price = 19.99m,
            compareAtPrice = 24.50m,
            cost = 7m,
            sku = "CB-001",
            stockQuantity = 5,
            tags = new[] { "kitchen", "dessert" },
            images = new object[] { "https://img.example/a.png", new { url = "https://img.example/b.png", alt = "b" } },
            dimensions = new { length = 10, width = 5, height = 2 },
            metadata = new { origin = "fr" },
            status = "published",
            averageRating = 5,
        });
        var body = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("creme-brulee-set", body.GetProperty("slug").GetString());
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal(0m, body.GetProperty("averageRating").GetDecimal());
        Assert.Equal(19.99m, body.GetProperty("price").GetDecimal());
        Assert.Equal($"/api/v1/products/{body.Id()}", response.Headers.Location!.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task Create_SameNameTwice_DeduplicatesTheSlug_AndDuplicateSkuIs409()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var (first, _) = await client.CreateProductAsync(new { name = "Twin Lamp", price = 10, sku = "TWIN-1" });
        var (second, _) = await client.CreateProductAsync(new { name = "Twin Lamp", price = 10, sku = "TWIN-2" });
        Assert.Equal("twin-lamp", first.GetProperty("slug").GetString());
        Assert.Equal("twin-lamp-2", second.GetProperty("slug").GetString());
        var duplicate = await client.PostJsonAsync("/api/v1/products", new { name = "Other", price = 1, sku = "TWIN-1" });
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        var takenSlug = await client.PostJsonAsync("/api/v1/products", new { name = "Other", price = 1, slug = "twin-lamp" });
        await takenSlug.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Create_BreakingRules_Is400WithErrorsPerField()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var response = await client.PostJsonAsync("/api/v1/products", new
        {
            name = "Bad",
            price = -1,
            compareAtPrice = 0.5m,
            cost = -2,
            stockQuantity = -3,
            tags = Enumerable.Range(0, 51).Select(i => "t" + i).ToArray(),
            images = Enumerable.Range(0, 21).Select(i => $"https://img.example/{i}.png").ToArray(),
            metadata = new[] { 1 },
            categoryId = Guid.NewGuid(),
        });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "price", "cost", "stockQuantity", "tags", "images", "metadata" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field + " missing in " + errors);
        }

        var compare = await client.PostJsonAsync("/api/v1/products", new { name = "Bad", price = 10, compareAtPrice = 9 });
        Assert.True((await compare.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("compareAtPrice", out _));
        var badImage = await client.PostJsonAsync("/api/v1/products", new { name = "Bad", price = 10, images = new[] { "javascript:alert(1)" } });
        await badImage.AssertProblemAsync(HttpStatusCode.BadRequest);
        var missingCategory = await client.PostJsonAsync("/api/v1/products", new { name = "Bad", price = 10, categoryId = Guid.NewGuid() });
        Assert.True((await missingCategory.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("categoryId", out _));
    }

    [Fact]
    public async Task Create_Anonymous401_PlainUser403()
    {
        await (await factory.CreateClient().PostJsonAsync("/api/v1/products", new { name = "X", price = 1 })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.PostJsonAsync("/api/v1/products", new { name = "X", price = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Update_WithoutIfMatch428_Stale412_Current200WithNewETag()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (created, etag) = await client.CreateProductAsync(new { name = "Desk", price = 100, stockQuantity = 4 });
        var url = "/api/v1/products/" + created.Id();
        var body = new { name = "Desk Pro", price = 120 };

        await (await client.SendAsync(HttpMethod.Put, url, body)).AssertProblemAsync((HttpStatusCode)428);
        await (await client.SendAsync(HttpMethod.Put, url, body, "\"12345\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await client.SendAsync(HttpMethod.Put, url, body, "W/\"x\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var ok = await client.SendAsync(HttpMethod.Put, url, body, etag);
        var updated = await ok.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Desk Pro", updated.GetProperty("name").GetString());
        Assert.Equal("desk", updated.GetProperty("slug").GetString());
        Assert.Equal(4, updated.GetProperty("stockQuantity").GetInt32());
        Assert.NotEqual(etag, ok.ETagOf());

        await (await client.SendAsync(HttpMethod.Put, url, body, etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await client.SendAsync(HttpMethod.Put, "/api/v1/products/" + Guid.NewGuid(), body, etag)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_TwoConcurrentWritersWithTheSameETag_ExactlyOneWins()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (created, etag) = await client.CreateProductAsync(new { name = "Contended", price = 1 });
        var url = "/api/v1/products/" + created.Id();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.SendAsync(HttpMethod.Put, url, new { name = "Writer " + i, price = 2 + i }, etag)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await loser.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        }
    }

    [Fact]
    public async Task Delete_NeedsIfMatch_ThenIs204_AndRestoreBringsItBack()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (created, etag) = await client.CreateProductAsync(new { name = "Old Chair", price = 5, sku = "CHAIR-OLD" });
        var url = "/api/v1/products/" + created.Id();
        await (await client.SendAsync(HttpMethod.Delete, url)).AssertProblemAsync((HttpStatusCode)428);
        await (await client.SendAsync(HttpMethod.Delete, url, ifMatch: "\"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, url, ifMatch: etag)).StatusCode);
        await (await client.SendAsync(HttpMethod.Put, url, new { name = "x", price = 1 }, etag)).AssertProblemAsync(HttpStatusCode.NotFound);

        // The SKU of a deleted product is free again.
        var (reuse, _) = await client.CreateProductAsync(new { name = "New Chair", price = 5, sku = "CHAIR-NEW" });
        Assert.Equal("new-chair", reuse.GetProperty("slug").GetString());

        var restored = await client.PostJsonAsync(url + "/restore", new { });
        Assert.Equal(created.Id(), (await restored.AssertStatusAsync(HttpStatusCode.OK)).Id());
        Assert.NotNull(restored.Headers.ETag);
        await (await client.PostJsonAsync(url + "/restore", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Delete_AsEditor_Is403()
    {
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (created, etag) = await manager.CreateProductAsync(new { name = "Kept", price = 5 });
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        await (await editor.SendAsync(HttpMethod.Delete, "/api/v1/products/" + created.Id(), ifMatch: etag)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
