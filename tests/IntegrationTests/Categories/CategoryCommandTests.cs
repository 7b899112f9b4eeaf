using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Npgsql;

namespace Catalog.IntegrationTests.Categories;

public sealed class CategoryCommandTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static async Task<(JsonElement Body, string ETag)> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostJsonAsync("/api/v1/categories", body);
        var created = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.NotNull(response.Headers.Location);
        return (created, response.ETagOf());
    }

    [Fact]
    public async Task Create_BuildsPathAndDepth_AndGeneratesSlug()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (root, _) = await CreateAsync(client, new { name = "Électronique" });
        var (child, _) = await CreateAsync(client, new { name = "Phones", parentId = root.Id(), sortOrder = 2 });
        Assert.Equal("electronique", root.GetProperty("slug").GetString());
        Assert.Equal(2, child.GetProperty("depth").GetInt32());
        Assert.Equal(root.Id(), child.GetProperty("path")[0].GetString());
        Assert.Equal(2, child.GetProperty("sortOrder").GetInt32());
        var bad = await client.PostJsonAsync("/api/v1/categories", new { name = "Orphan", parentId = Guid.NewGuid(), imageUrl = "ftp://x" });
        var errors = (await bad.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("imageUrl", out _));
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.PostJsonAsync("/api/v1/categories", new { name = "Nope" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Move_UnderOwnDescendantAtAnyDepth_Is409_AndAValidMoveRewritesThePath()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (a, _) = await CreateAsync(client, new { name = "Cyc A" });
        var (b, _) = await CreateAsync(client, new { name = "Cyc B", parentId = a.Id() });
        var (c, _) = await CreateAsync(client, new { name = "Cyc C", parentId = b.Id() });
        await (await client.PostJsonAsync($"/api/v1/categories/{a.Id()}/move", new { parentId = c.Id(), sortOrder = 0 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync($"/api/v1/categories/{a.Id()}/move", new { parentId = a.Id(), sortOrder = 0 })).AssertProblemAsync(HttpStatusCode.Conflict);

        var moved = await (await client.PostJsonAsync($"/api/v1/categories/{c.Id()}/move", new { parentId = (string?)null, sortOrder = 5 })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, moved.GetProperty("depth").GetInt32());
        Assert.Equal(5, moved.GetProperty("sortOrder").GetInt32());
        await (await client.PostJsonAsync($"/api/v1/categories/{Guid.NewGuid()}/move", new { parentId = (string?)null })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Database_RefusesACycleEvenWithoutTheDomain()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (a, _) = await CreateAsync(client, new { name = "Db A" });
        var (b, _) = await CreateAsync(client, new { name = "Db B", parentId = a.Id() });
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"UPDATE categories SET parent_id = '{b.Id()}' WHERE id = '{a.Id()}'", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal("23514", error.SqlState);
        Assert.Equal("ck_categories_no_cycle", error.ConstraintName);
    }

    [Fact]
    public async Task ConcurrentCrossMoves_OneWins_TheOtherIs409()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (a, _) = await CreateAsync(client, new { name = "Race A" });
        var (b, _) = await CreateAsync(client, new { name = "Race B" });
        var responses = await Task.WhenAll(
            client.PostJsonAsync($"/api/v1/categories/{a.Id()}/move", new { parentId = b.Id() }),
            client.PostJsonAsync($"/api/v1/categories/{b.Id()}/move", new { parentId = a.Id() }));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task DepthLimit_IsSix()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        string? parent = null;
        var ids = new List<string>();
        for (var level = 1; level <= 6; level++)
        {
            var (created, _) = await CreateAsync(client, new { name = "Deep " + level, parentId = parent });
            parent = created.Id();
            ids.Add(parent);
        }

        await (await client.PostJsonAsync("/api/v1/categories", new { name = "Deep 7", parentId = parent })).AssertProblemAsync(HttpStatusCode.Conflict);
        var (other, _) = await CreateAsync(client, new { name = "Other Root" });
        await (await client.PostJsonAsync($"/api/v1/categories/{ids[0]}/move", new { parentId = other.Id() })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Update_NeedsIfMatch_AndDelete_RefusesLiveChildrenAndProducts()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var (parent, parentTag) = await CreateAsync(client, new { name = "Parent Cat" });
        var (child, childTag) = await CreateAsync(client, new { name = "Child Cat", parentId = parent.Id() });
        var url = "/api/v1/categories/" + parent.Id();
        await (await client.SendAsync(HttpMethod.Put, url, new { name = "Renamed" })).AssertProblemAsync((HttpStatusCode)428);
        await (await client.SendAsync(HttpMethod.Put, url, new { name = "Renamed" }, "\"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var updated = await client.SendAsync(HttpMethod.Put, url, new { name = "Renamed", description = "d" }, parentTag);
        Assert.Equal("Renamed", (await updated.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        parentTag = updated.ETagOf();

        await (await client.SendAsync(HttpMethod.Delete, url)).AssertProblemAsync((HttpStatusCode)428);
        var blocked = await (await client.SendAsync(HttpMethod.Delete, url, ifMatch: parentTag)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("subcategories", blocked.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (product, _) = await client.CreateProductAsync(new { name = "In Child", price = 1, categoryId = child.Id() });
        var productBlocked = await (await client.SendAsync(HttpMethod.Delete, "/api/v1/categories/" + child.Id(), ifMatch: childTag)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("products", productBlocked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(product.Id());

        var (leaf, leafTag) = await CreateAsync(client, new { name = "Leaf Cat" });
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "/api/v1/categories/" + leaf.Id(), ifMatch: leafTag)).StatusCode);
        await (await client.SendAsync(HttpMethod.Delete, "/api/v1/categories/" + leaf.Id(), ifMatch: leafTag)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
