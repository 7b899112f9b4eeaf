using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.BackOffice;

/// <summary>
/// Staff holding categories:write / brands:write read what the storefront hides (issue 24, ADR-086): <c>?status=</c>
/// on the category tree, a category, the brand list and a brand. Everyone else gets the storefront's answer, unchanged,
/// and is refused any other status; staff answers never reach anonymous callers through the output cache.
/// </summary>
public sealed class StaffCatalogReadTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');

    private static string? StatusOf(JsonElement item) => item.TryGetProperty("status", out var status) ? status.GetString() : null;

    private static Dictionary<string, JsonElement> ById(IEnumerable<JsonElement> items, IEnumerable<Guid> ids)
    {
        var wanted = ids.Select(i => i.ToString()).ToHashSet();
        return items.Where(i => wanted.Contains(i.Id())).ToDictionary(i => i.Id());
    }

    private async Task<(Guid Active, Guid Inactive, Guid Deleted)> ThreeBrandsAsync(string prefix) =>
        (await _catalog.BrandAsync(prefix + " a active"), await _catalog.BrandAsync(prefix + " b inactive", active: false),
         await _catalog.BrandAsync(prefix + " c deleted", deleted: true));

    // ---- brands ----

    [Fact]
    public async Task BrandList_ForAnonymousAndCallersWithoutBrandsWrite_IsTheStorefront_AndOtherStatusesAreRefused()
    {
        var (active, inactive, deleted) = await ThreeBrandsAsync(Unique("Shopfront"));
        var anonymous = factory.CreateClient();
        foreach (var url in new[] { "/api/v1/brands?limit=100", "/api/v1/brands?limit=100&status=active" })
        {
            var items = await anonymous.WalkAsync(url);
            var ours = ById(items, [active, inactive, deleted]);
            Assert.Equal([active.ToString()], ours.Keys);
            Assert.All(items, i => Assert.False(i.TryGetProperty("status", out _) || i.TryGetProperty("deletedAt", out _), i.GetRawText()));
        }

        var (user, _) = await factory.CreateClientAsAsync("user");
        var categoriesOnly = await factory.CreateApiKeyClientAsync("categories:write");
        foreach (var status in new[] { "inactive", "deleted", "all" })
        {
            await (await anonymous.GetAsync($"/api/v1/brands?status={status}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
            await (await user.GetAsync($"/api/v1/brands?status={status}")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await categoriesOnly.GetAsync($"/api/v1/brands?status={status}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        // Without the permission, no status is the storefront list too.
        Assert.Equal([active.ToString()], ById(await user.WalkAsync("/api/v1/brands?limit=100"), [active, inactive, deleted]).Keys);
    }

    [Fact]
    public async Task BrandList_ForBrandsWrite_ShowsInactiveByDefault_DeletedOnRequest_EachWithItsStatus_KeysetPaged()
    {
        var prefix = Unique("Backroom");
        var (active, inactive, deleted) = await ThreeBrandsAsync(prefix);
        var (editor, _) = await factory.CreateClientAsAsync("editor");

        var live = ById(await editor.WalkAsync("/api/v1/brands?limit=100"), [active, inactive, deleted]);
        Assert.Equal([active.ToString(), inactive.ToString()], live.Keys);
        Assert.Equal("active", StatusOf(live[active.ToString()]));
        Assert.Equal("inactive", StatusOf(live[inactive.ToString()]));
        Assert.False(live[inactive.ToString()].TryGetProperty("deletedAt", out _));

        var onlyDeleted = await editor.WalkAsync("/api/v1/brands?limit=100&status=deleted");
        Assert.All(onlyDeleted, i => Assert.Equal("deleted", StatusOf(i)));
        var deletedItem = Assert.Single(ById(onlyDeleted, [active, inactive, deleted])).Value;
        Assert.Equal(deleted.ToString(), deletedItem.Id());
        Assert.Equal(JsonValueKind.String, deletedItem.GetProperty("deletedAt").ValueKind);

        Assert.Equal([inactive.ToString()], ById(await editor.WalkAsync("/api/v1/brands?limit=100&status=inactive"), [active, inactive, deleted]).Keys);
        Assert.Equal([active.ToString()], ById(await editor.WalkAsync("/api/v1/brands?limit=100&status=active"), [active, inactive, deleted]).Keys);

        // status=all, one brand a page: every brand once, in name order, deleted ones included; a key holding
        // brands:write reads it as a user does.
        var key = await factory.CreateApiKeyClientAsync("brands:write");
        var all = await key.WalkAsync("/api/v1/brands?limit=1&status=all");
        var names = all.Select(i => i.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal).ToList(), names);
        Assert.Equal(all.Count, all.Select(i => i.Id()).Distinct().Count());
        Assert.Equal([active.ToString(), inactive.ToString(), deleted.ToString()], ById(all, [active, inactive, deleted]).Keys);

        // A cursor belongs to its status's list.
        var (_, next) = await editor.PageAsync("/api/v1/brands?limit=1&status=all");
        await (await editor.GetAsync($"/api/v1/brands?limit=1&status=deleted&cursor={Uri.EscapeDataString(next!)}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BrandDetail_ForBrandsWrite_FindsInactiveAndDeletedBrands_ByIdOrSlug_LiveSlugFirst()
    {
        var name = Unique("Reborn");
        var slug = Slug(name);
        var olderDeleted = await factory.ScalarAsync<Guid>(
            "INSERT INTO brands (name, slug, deleted_at) VALUES (@name, @slug, now() - interval '2 days') RETURNING id", new { name, slug });
        var newerDeleted = await factory.ScalarAsync<Guid>(
            "INSERT INTO brands (name, slug, deleted_at) VALUES (@name, @slug, now() - interval '1 day') RETURNING id", new { name, slug });
        var inactive = await _catalog.BrandAsync(Unique("Dormant"), active: false);
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var anonymous = factory.CreateClient();

        // Deleted brands: not found by default, found with status=deleted or all; by slug the most recently deleted.
        await (await editor.GetAsync($"/api/v1/brands/{olderDeleted}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var byId = await (await editor.GetAsync($"/api/v1/brands/{olderDeleted}?status=deleted")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("deleted", StatusOf(byId));
        Assert.Equal(JsonValueKind.String, byId.GetProperty("deletedAt").ValueKind);
        Assert.Equal(newerDeleted.ToString(), (await (await editor.GetAsync($"/api/v1/brands/{slug}?status=deleted")).AssertStatusAsync(HttpStatusCode.OK)).Id());
        Assert.Equal(newerDeleted.ToString(), (await (await editor.GetAsync($"/api/v1/brands/{slug}?status=all")).AssertStatusAsync(HttpStatusCode.OK)).Id());

        // A live brand takes the slug: it comes first for status=all, the deleted ones stay reachable by id.
        var live = await factory.ScalarAsync<Guid>("INSERT INTO brands (name, slug) VALUES (@name, @slug) RETURNING id", new { name, slug });
        var first = await (await editor.GetAsync($"/api/v1/brands/{slug}?status=all")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(live.ToString(), first.Id());
        Assert.Equal("active", StatusOf(first));
        Assert.Equal(newerDeleted.ToString(), (await (await editor.GetAsync($"/api/v1/brands/{slug}?status=deleted")).AssertStatusAsync(HttpStatusCode.OK)).Id());

        // Inactive: staff by default; the storefront's brand page shows it too (unchanged), but not with status=active.
        Assert.Equal("inactive", StatusOf(await (await editor.GetAsync($"/api/v1/brands/{inactive}")).AssertStatusAsync(HttpStatusCode.OK)));
        await (await editor.GetAsync($"/api/v1/brands/{inactive}?status=active")).AssertProblemAsync(HttpStatusCode.NotFound);
        var storefront = await (await anonymous.GetAsync($"/api/v1/brands/{inactive}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.False(storefront.TryGetProperty("status", out _));
        await (await anonymous.GetAsync($"/api/v1/brands/{inactive}?status=active")).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await anonymous.GetAsync($"/api/v1/brands/{olderDeleted}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/v1/brands/{olderDeleted}?status=deleted")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var (moderator, _) = await factory.CreateClientAsAsync("moderator");
        await (await moderator.GetAsync($"/api/v1/brands/{olderDeleted}?status=all")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    // ---- categories ----

    [Fact]
    public async Task CategoryTree_ForCategoriesWrite_ShowsEachStatusUnderItsParents_AndTheStorefrontTreeIsUnchanged()
    {
        var root = await _catalog.CategoryAsync(Unique("Grove"));
        var inactive = await _catalog.CategoryAsync(Unique("Grove inactive"), root, active: false, sortOrder: 1);
        var underInactive = await _catalog.CategoryAsync(Unique("Grove under inactive"), inactive);
        var deleted = await _catalog.CategoryAsync(Unique("Grove deleted"), root, deleted: true, sortOrder: 2);
        var deletedRoot = await _catalog.CategoryAsync(Unique("Grove gone"), deleted: true);
        var (editor, _) = await factory.CreateClientAsAsync("editor");

        // Storefront: the active tree, no status fields; for anonymous callers other statuses are refused.
        var anonymous = factory.CreateClient();
        var storefront = await (await anonymous.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK);
        var storefrontRoot = Node(storefront, root);
        Assert.Empty(storefrontRoot.GetProperty("children").EnumerateArray());
        Assert.DoesNotContain("\"status\"", storefront.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(storefront.GetRawText(), (await (await anonymous.GetAsync("/api/v1/categories?status=active")).AssertStatusAsync(HttpStatusCode.OK)).GetRawText());
        await (await anonymous.GetAsync("/api/v1/categories?status=all")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.GetAsync("/api/v1/categories?status=deleted")).AssertProblemAsync(HttpStatusCode.Forbidden);

        // Staff, default: live categories, the inactive one with its subtree, each with its status; no deleted ones.
        var live = await (await editor.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK);
        var liveRoot = Node(live, root);
        Assert.Equal("active", StatusOf(liveRoot));
        var liveInactive = Assert.Single(liveRoot.GetProperty("children").EnumerateArray());
        Assert.Equal((inactive.ToString(), "inactive"), (liveInactive.Id(), StatusOf(liveInactive)));
        Assert.Equal((underInactive.ToString(), "active"), (liveInactive.GetProperty("children")[0].Id(), StatusOf(liveInactive.GetProperty("children")[0])));
        Assert.DoesNotContain(deleted.ToString(), live.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(deletedRoot.ToString(), live.GetRawText(), StringComparison.Ordinal);

        // status=deleted: the deleted categories, under their live parents shown as context.
        var gone = await (await editor.GetAsync("/api/v1/categories?status=deleted")).AssertStatusAsync(HttpStatusCode.OK);
        var goneRoot = Node(gone, root);
        Assert.Equal("active", StatusOf(goneRoot));
        var goneChild = Assert.Single(goneRoot.GetProperty("children").EnumerateArray());
        Assert.Equal((deleted.ToString(), "deleted"), (goneChild.Id(), StatusOf(goneChild)));
        Assert.Equal(JsonValueKind.String, goneChild.GetProperty("deletedAt").ValueKind);
        Assert.Equal("deleted", StatusOf(Node(gone, deletedRoot)));
        Assert.DoesNotContain(inactive.ToString(), gone.GetRawText(), StringComparison.Ordinal);

        // status=all: every node with its status; status=active: the active ones, the inactive parent as context.
        var all = await (await editor.GetAsync("/api/v1/categories?status=all")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(
            [inactive.ToString(), deleted.ToString()],
            Node(all, root).GetProperty("children").EnumerateArray().Select(c => c.Id()).ToList());
        Assert.Equal("deleted", StatusOf(Node(all, deletedRoot)));
        var active = await (await editor.GetAsync("/api/v1/categories?status=active")).AssertStatusAsync(HttpStatusCode.OK);
        var context = Assert.Single(Node(active, root).GetProperty("children").EnumerateArray());
        Assert.Equal((inactive.ToString(), "inactive"), (context.Id(), StatusOf(context)));
        Assert.Equal(underInactive.ToString(), Assert.Single(context.GetProperty("children").EnumerateArray()).Id());
    }

    [Fact]
    public async Task CategoryDetail_ForCategoriesWrite_FindsInactiveAndDeletedCategories_ByIdOrSlug_WithStatus()
    {
        var root = await _catalog.CategoryAsync(Unique("Attic"));
        var inactiveName = Unique("Attic inactive");
        var inactive = await _catalog.CategoryAsync(inactiveName, root, active: false);
        var deletedName = Unique("Attic deleted");
        var deleted = await _catalog.CategoryAsync(deletedName, inactive, deleted: true);
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var anonymous = factory.CreateClient();

        // Inactive by slug: hidden from the storefront, found by staff by default with its status and live children.
        await (await anonymous.GetAsync($"/api/v1/categories/{Slug(inactiveName)}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var body = await (await editor.GetAsync($"/api/v1/categories/{Slug(inactiveName)}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((inactive.ToString(), "inactive"), (body.Id(), StatusOf(body)));
        Assert.False(body.TryGetProperty("deletedAt", out _));
        Assert.Empty(body.GetProperty("children").EnumerateArray());
        Assert.Equal(root.ToString(), body.GetProperty("parent").Id());
        var withDeletedChild = await (await editor.GetAsync($"/api/v1/categories/{inactive}?status=all")).AssertStatusAsync(HttpStatusCode.OK);
        var child = Assert.Single(withDeletedChild.GetProperty("children").EnumerateArray());
        Assert.Equal((deleted.ToString(), "deleted"), (child.Id(), StatusOf(child)));

        // Deleted: 404 by default, found with status=deleted by id or slug; its path ends with itself.
        await (await editor.GetAsync($"/api/v1/categories/{deleted}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var gone = await (await editor.GetAsync($"/api/v1/categories/{Slug(deletedName)}?status=deleted")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((deleted.ToString(), "deleted"), (gone.Id(), StatusOf(gone)));
        Assert.Equal(JsonValueKind.String, gone.GetProperty("deletedAt").ValueKind);
        Assert.Equal(
            [(root.ToString(), "active"), (inactive.ToString(), "inactive"), (deleted.ToString(), "deleted")],
            gone.GetProperty("path").EnumerateArray().Select(p => (p.Id(), StatusOf(p))).ToList());
        await (await editor.GetAsync($"/api/v1/categories/{deleted}?status=inactive")).AssertProblemAsync(HttpStatusCode.NotFound);

        // A live category takes the deleted one's slug: by slug the live one first, the deleted one by status=deleted.
        var taker = await factory.ScalarAsync<Guid>(
            "INSERT INTO categories (name, slug) VALUES (@name, @slug) RETURNING id", new { name = deletedName, slug = Slug(deletedName) });
        Assert.Equal(taker.ToString(), (await (await editor.GetAsync($"/api/v1/categories/{Slug(deletedName)}?status=all")).AssertStatusAsync(HttpStatusCode.OK)).Id());
        Assert.Equal(deleted.ToString(), (await (await editor.GetAsync($"/api/v1/categories/{Slug(deletedName)}?status=deleted")).AssertStatusAsync(HttpStatusCode.OK)).Id());

        await (await anonymous.GetAsync($"/api/v1/categories/{deleted}?status=deleted")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var brandsOnly = await factory.CreateApiKeyClientAsync("brands:write");
        await (await brandsOnly.GetAsync($"/api/v1/categories/{inactive}?status=inactive")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CategoryDetail_ForCategoriesWrite_CarriesTheMetadata_SoAReplaceCanSendItBack_TheStorefrontsDoesNot()
    {
        var (editor, _) = await factory.CreateClientAsAsync("editor");
        var created = await (await editor.PostAsJsonAsync("/api/v1/categories", new { name = Unique("Loft"), metadata = new { banner = "spring" } }))
            .AssertStatusAsync(HttpStatusCode.Created);

        var staff = await (await editor.GetAsync($"/api/v1/categories/{created.Id()}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("spring", staff.GetProperty("metadata").GetProperty("banner").GetString());
        var storefront = await (await factory.CreateClient().GetAsync($"/api/v1/categories/{created.Id()}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.False(storefront.TryGetProperty("metadata", out _), storefront.GetRawText());
    }

    // ---- both ----

    [Theory]
    [InlineData("/api/v1/categories?status=archived")]
    [InlineData("/api/v1/brands/any-brand?status=Deleted")]
    [InlineData("/api/v1/categories?status=live")]
    [InlineData("/api/v1/categories/any-category?status=all,deleted")]
    public async Task UnknownStatus_Is400_ForEveryCaller(string url)
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        foreach (var client in new[] { factory.CreateClient(), admin })
        {
            var problem = await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _), problem.GetRawText());
        }
    }

    [Fact]
    public async Task StaffAnswers_NeverReachAnonymousCallersThroughTheCache_NorTheReverse()
    {
        var prefix = Unique("Cachet");
        var (active, inactive, deleted) = await ThreeBrandsAsync(prefix);
        var hiddenCategory = await _catalog.CategoryAsync(Unique("Cachet inactive"), active: false);
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        var anonymous = factory.CreateClient();

        // Anonymous first: the storefront answers are cached...
        Assert.Equal([active.ToString()], ById((await anonymous.PageAsync("/api/v1/brands?limit=100")).Items, [active, inactive, deleted]).Keys);
        Assert.DoesNotContain(hiddenCategory.ToString(), (await (await anonymous.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK)).GetRawText(), StringComparison.Ordinal);

        // ...and never served to staff, whose answers are private and not stored...
        var staffList = await manager.GetAsync("/api/v1/brands?limit=100");
        Assert.Equal(2, ById((await staffList.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(), [active, inactive, deleted]).Count);
        Assert.True(staffList.Headers.CacheControl!.NoStore);
        var staffAll = await manager.GetAsync("/api/v1/brands?limit=100&status=all");
        Assert.Equal(3, ById((await staffAll.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(), [active, inactive, deleted]).Count);
        Assert.Contains(hiddenCategory.ToString(), (await (await manager.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK)).GetRawText(), StringComparison.Ordinal);
        await (await manager.GetAsync($"/api/v1/brands/{deleted}?status=deleted")).AssertStatusAsync(HttpStatusCode.OK);
        await (await manager.GetAsync("/api/v1/categories?status=all")).AssertStatusAsync(HttpStatusCode.OK);

        // ...so anonymous callers asking the same URLs after staff still get the storefront's answer or a refusal.
        var again = await (await anonymous.GetAsync("/api/v1/brands?limit=100")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal([active.ToString()], ById(again.GetProperty("items").EnumerateArray(), [active, inactive, deleted]).Keys);
        Assert.DoesNotContain("\"status\"", again.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(hiddenCategory.ToString(), (await (await anonymous.GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK)).GetRawText(), StringComparison.Ordinal);
        await (await anonymous.GetAsync("/api/v1/brands?limit=100&status=all")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/v1/brands/{deleted}?status=deleted")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/categories?status=all")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/v1/categories")]
    [InlineData("/api/v1/categories/{idOrSlug}")]
    [InlineData("/api/v1/brands")]
    [InlineData("/api/v1/brands/{idOrSlug}")]
    public async Task OpenApiDocument_DescribesTheStatusParameter_AndItsRefusals(string path)
    {
        var document = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).AssertStatusAsync(HttpStatusCode.OK);
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty("get");
        var status = Assert.Single(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "status");
        Assert.Equal("query", status.GetProperty("in").GetString());
        Assert.Contains("active, inactive, deleted or all", status.GetProperty("description").GetString(), StringComparison.Ordinal);
        foreach (var code in new[] { "400", "401", "403" })
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty(code, out _), code);
        }
    }

    private static JsonElement Node(JsonElement tree, Guid id) =>
        Find(tree, id.ToString()) ?? throw new Xunit.Sdk.XunitException($"category {id} is not in the tree");

    private static JsonElement? Find(JsonElement nodes, string id)
    {
        foreach (var node in nodes.EnumerateArray())
        {
            if (node.Id() == id)
            {
                return node;
            }

            if (Find(node.GetProperty("children"), id) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
