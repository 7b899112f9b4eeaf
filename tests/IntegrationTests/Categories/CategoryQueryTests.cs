using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.Categories;

public sealed class CategoryQueryTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task Tree_HasActiveCategoriesNestedBySortOrder_AndHidesInactiveSubtrees()
    {
        var root = await _catalog.CategoryAsync("Tree Root");
        var second = await _catalog.CategoryAsync("Second Child", root, sortOrder: 2);
        var first = await _catalog.CategoryAsync("First Child", root, sortOrder: 1);
        var grandchild = await _catalog.CategoryAsync("Grandchild", first);
        var inactive = await _catalog.CategoryAsync("Inactive Child", root, active: false);
        var underInactive = await _catalog.CategoryAsync("Under Inactive", inactive);
        await _catalog.CategoryAsync("Deleted Child", root, deleted: true);

        var tree = await (await factory.CreateClient().GetAsync("/api/v1/categories")).AssertStatusAsync(HttpStatusCode.OK);
        var node = tree.EnumerateArray().Single(n => n.GetProperty("id").GetString() == root.ToString());
        var children = node.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal([first.ToString(), second.ToString()], children.Select(c => c.GetProperty("id").GetString()).ToList());
        Assert.Equal(grandchild.ToString(), children[0].GetProperty("children")[0].GetProperty("id").GetString());
        Assert.DoesNotContain(underInactive.ToString(), tree.GetRawText(), StringComparison.Ordinal);
        foreach (var field in new[] { "id", "name", "slug", "description", "imageUrl", "sortOrder", "children" })
        {
            Assert.True(node.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Detail_HasParentChildrenAndPath_ETag_And304()
    {
        var root = await _catalog.CategoryAsync("Detail Root");
        var middle = await _catalog.CategoryAsync("Detail Middle", root);
        var leaf = await _catalog.CategoryAsync("Detail Leaf", middle);
        var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/categories/detail-middle");
        var body = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(root.ToString(), body.GetProperty("parent").GetProperty("id").GetString());
        Assert.Equal(leaf.ToString(), body.GetProperty("children")[0].GetProperty("id").GetString());
        Assert.Equal([root.ToString(), middle.ToString()], body.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList());
        Assert.Equal(2, body.GetProperty("depth").GetInt32());
        Assert.Equal(JsonValueKind.Null, (await (await client.GetAsync($"/api/v1/categories/{root}")).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("parent").ValueKind);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/categories/{middle}");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
    }

    [Theory]
    [InlineData("no-such-category")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Unknown_Is404(string idOrSlug) =>
        await (await factory.CreateClient().GetAsync($"/api/v1/categories/{idOrSlug}")).AssertProblemAsync(HttpStatusCode.NotFound);
}
