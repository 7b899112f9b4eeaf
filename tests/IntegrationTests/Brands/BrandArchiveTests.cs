using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Audit;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.Brands;

/// <summary>
/// POST /brands/{id}/archive and /unarchive (brands:write, If-Match): an archived brand and its products leave every
/// storefront read — brand list and detail, product list, q filter, category pages, search, product detail and its
/// reviews — while staff still read them; both changes are audited with the archivedAt they changed.
/// </summary>
public sealed class BrandArchiveTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task Archive_HidesTheBrandAndItsProductsFromTheStorefront_StaffStillReadThem_UnarchiveBringsThemBack()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var brand = await _catalog.BrandAsync($"Quorvane {suffix}");
        var other = await _catalog.BrandAsync($"Other {suffix}");
        var root = await _catalog.CategoryAsync();
        var child = await _catalog.CategoryAsync(parentId: root);
        var archivedProduct = await _catalog.ProductAsync(new("Quorvane Lamp") { BrandId = brand, CategoryId = child, Price = 1m, Slug = $"quorvane-lamp-{suffix}" });
        await _catalog.ProductAsync(new("Quorvane Rival") { BrandId = other, CategoryId = child, Price = 2m });
        var anonymous = factory.CreateClient();
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var url = $"/api/v1/brands/{brand}";

        Assert.Equal(["Quorvane Lamp", "Quorvane Rival"], await StorefrontNamesAsync(anonymous, root));
        Assert.Contains($"Quorvane {suffix}", await BrandNamesAsync(anonymous));

        // Like the other brand writes: brands:write, and the current ETag.
        var etag = (await manager.GetAsync(url)).ETagOf();
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.SendAsync(HttpMethod.Post, $"{url}/archive", ifMatch: etag)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.SendAsync(HttpMethod.Post, $"{url}/archive")).AssertProblemAsync((HttpStatusCode)428);
        await (await manager.SendAsync(HttpMethod.Post, $"{url}/archive", ifMatch: "\"77\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var archived = await manager.SendAsync(HttpMethod.Post, $"{url}/archive", ifMatch: etag);
        await archived.AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, archived.ETagOf());
        await (await manager.SendAsync(HttpMethod.Post, $"{url}/archive", ifMatch: archived.ETagOf())).AssertProblemAsync(HttpStatusCode.Conflict);

        // The storefront: the brand and its product are gone from every read (the archive evicted the cached answers).
        Assert.Equal(["Quorvane Rival"], await StorefrontNamesAsync(anonymous, root));
        Assert.DoesNotContain($"Quorvane {suffix}", await BrandNamesAsync(anonymous));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/brands/quorvane-{suffix}")).StatusCode);
        await AssertProductReadableAsync(anonymous, archivedProduct, $"quorvane-lamp-{suffix}", HttpStatusCode.NotFound);

        // Staff: the brand in their brand reads, the product in the back office.
        await (await manager.GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains($"Quorvane {suffix}", await BrandNamesAsync(manager));
        await (await manager.GetAsync($"/api/v1/products/{archivedProduct}")).AssertStatusAsync(HttpStatusCode.OK);

        // Unarchive: back on the storefront; a second unarchive is a conflict.
        var unarchived = await manager.SendAsync(HttpMethod.Post, $"{url}/unarchive", ifMatch: archived.ETagOf());
        await unarchived.AssertStatusAsync(HttpStatusCode.OK);
        await (await manager.SendAsync(HttpMethod.Post, $"{url}/unarchive", ifMatch: unarchived.ETagOf())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["Quorvane Lamp", "Quorvane Rival"], await StorefrontNamesAsync(anonymous, root));
        Assert.Contains($"Quorvane {suffix}", await BrandNamesAsync(anonymous));
        await AssertProductReadableAsync(anonymous, archivedProduct, $"quorvane-lamp-{suffix}", HttpStatusCode.OK);

        // Audited through the one change skeleton: the diff holds the archivedAt that changed, and only that field.
        var archivedChanges = await ChangesAsync(brand, "brand.archived");
        Assert.Equal(["archivedAt"], archivedChanges.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(JsonValueKind.Null, archivedChanges.GetProperty("archivedAt").GetProperty("before").ValueKind);
        Assert.Equal(JsonValueKind.String, archivedChanges.GetProperty("archivedAt").GetProperty("after").ValueKind);
        var unarchivedChanges = await ChangesAsync(brand, "brand.unarchived");
        Assert.Equal(JsonValueKind.Null, unarchivedChanges.GetProperty("archivedAt").GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task StaffReads_ShowArchivedAt_AndStatusArchivedSelectsTheArchivedBrands_WhileTheLiveListKeepsThem()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var archived = (await _catalog.BrandAsync($"Staffread Archived {suffix}")).ToString();
        var live = (await _catalog.BrandAsync($"Staffread Live {suffix}")).ToString();
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var etag = (await manager.GetAsync($"/api/v1/brands/{archived}")).ETagOf();
        await (await manager.SendAsync(HttpMethod.Post, $"/api/v1/brands/{archived}/archive", ifMatch: etag)).AssertStatusAsync(HttpStatusCode.OK);

        // The brand read: status archived with archivedAt; a brand that is not archived carries no archivedAt.
        var detail = await (await manager.GetAsync($"/api/v1/brands/{archived}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("archived", detail.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, detail.GetProperty("archivedAt").ValueKind);
        var liveDetail = await (await manager.GetAsync($"/api/v1/brands/{live}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("active", liveDetail.GetProperty("status").GetString());
        Assert.False(liveDetail.TryGetProperty("archivedAt", out _));
        await (await manager.GetAsync($"/api/v1/brands/{archived}?status=archived")).AssertStatusAsync(HttpStatusCode.OK);
        await (await manager.GetAsync($"/api/v1/brands/{archived}?status=active")).AssertProblemAsync(HttpStatusCode.NotFound);

        // The list: status=archived holds the archived ones only, with archivedAt; the live list (no status) and all keep it; active does not.
        var archivedItems = await manager.WalkAsync("/api/v1/brands?status=archived&limit=100");
        Assert.All(archivedItems, i => Assert.Equal("archived", i.GetProperty("status").GetString()));
        var item = Assert.Single(archivedItems, i => i.GetProperty("id").GetString() == archived);
        Assert.Equal(detail.GetProperty("archivedAt").GetDateTimeOffset(), item.GetProperty("archivedAt").GetDateTimeOffset());
        Assert.DoesNotContain(archivedItems, i => i.GetProperty("id").GetString() == live);
        Assert.Contains(archived, await IdsAsync(manager, "/api/v1/brands?limit=100"));
        Assert.Contains(archived, await IdsAsync(manager, "/api/v1/brands?status=all&limit=100"));
        Assert.DoesNotContain(archived, await IdsAsync(manager, "/api/v1/brands?status=active&limit=100"));
        Assert.Contains(live, await IdsAsync(manager, "/api/v1/brands?status=active&limit=100"));

        // Not the storefront's to ask; categories cannot be archived, so the value is unknown there.
        await (await factory.CreateClient().GetAsync("/api/v1/brands?status=archived")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.GetAsync("/api/v1/brands?status=archived")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.GetAsync("/api/v1/categories?status=archived")).AssertProblemAsync(HttpStatusCode.BadRequest);

        // Deleted wins over archived: the deleted brand leaves status=archived for status=deleted, archivedAt kept.
        var current = (await manager.GetAsync($"/api/v1/brands/{archived}")).ETagOf();
        await (await manager.SendAsync(HttpMethod.Delete, $"/api/v1/brands/{archived}", ifMatch: current)).AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain(archived, await IdsAsync(manager, "/api/v1/brands?status=archived&limit=100"));
        var deleted = await (await manager.GetAsync($"/api/v1/brands/{archived}?status=deleted")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.String, deleted.GetProperty("archivedAt").ValueKind);
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string url) =>
        (await client.WalkAsync(url)).Select(b => b.GetProperty("id").GetString()!).ToList();

    // The product list (by category subtree, with a q filter), a category page in two sorts, and search.
    private static async Task<List<string>> StorefrontNamesAsync(HttpClient client, Guid root)
    {
        var lists = new List<List<string>>
        {
            await client.NamesAsync($"/api/v1/products?category={root}"),
            await client.NamesAsync($"/api/v1/products?category={root}&q=quorvane"),
            (await client.WalkAsync($"/api/v1/products?category={root}&sort=price&limit=1")).Select(i => i.GetProperty("name").GetString()!).ToList(),
            (await client.WalkAsync($"/api/v1/products?category={root}&sort=newest&limit=1")).Select(i => i.GetProperty("name").GetString()!).ToList(),
        };
        var hits = await (await client.GetAsync("/api/v1/products/search?q=quorvane")).AssertStatusAsync(HttpStatusCode.OK);
        lists.Add(hits.EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToList());
        var sorted = lists.Select(l => l.Order(StringComparer.Ordinal).ToList()).ToList();
        Assert.All(sorted, l => Assert.Equal(sorted[0], l));
        return sorted[0];
    }

    private static async Task<List<string>> BrandNamesAsync(HttpClient client) =>
        (await client.WalkAsync("/api/v1/brands?limit=100")).Select(b => b.GetProperty("name").GetString()!).ToList();

    private static async Task AssertProductReadableAsync(HttpClient client, Guid id, string slug, HttpStatusCode expected)
    {
        foreach (var url in new[] { $"/api/v1/products/{id}", $"/api/v1/products/{slug}", $"/api/v1/products/{id}/reviews" })
        {
            var response = await client.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode}, expected {(int)expected}");
        }
    }

    private async Task<JsonElement> ChangesAsync(Guid brand, string action) =>
        JsonDocument.Parse(await AuditRows.ScalarAsync<string>(
            factory.ConnectionString,
            $"SELECT changes::text FROM audit_logs WHERE resource_type = 'brand' AND resource_id = '{brand}' AND action = '{action}'")).RootElement;
}
