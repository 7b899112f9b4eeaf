using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>The category tree and a category's page in a real browser: the API's commands, rights and refusals.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CategoryScreenTests(ConsoleApp app)
{
    private const string CycleMessage = "A category cannot be moved under itself or one of its descendants.";

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The tree node of <paramref name="childId"/> nested in that of <paramref name="parentId"/>.</summary>
    private static ILocator Nested(IPage page, string parentId, string childId) => page.Locator($"li[data-id='{parentId}'] li[data-id='{childId}']");

    private static async Task<string> CreateOverApiAsync(HttpClient client, string name, string? parentId = null, object? metadata = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/categories", new { name, parentId, metadata });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The parent of <paramref name="id"/> in the storefront's tree (GET /api/v1/categories): "" for a root, null when absent.</summary>
    private async Task<string?> StorefrontParentAsync(string id)
    {
        var tree = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/categories");
        return Find(tree, id, string.Empty);

        static string? Find(JsonElement nodes, string id, string parent)
        {
            foreach (var node in nodes.EnumerateArray())
            {
                var nodeId = node.GetProperty("id").GetString()!;
                if (nodeId == id)
                {
                    return parent;
                }

                if (Find(node.GetProperty("children"), id, nodeId) is { } found)
                {
                    return found;
                }
            }

            return null;
        }
    }

    [Fact]
    public async Task Manager_MovesACategory_AndTheStorefrontTreeThenShowsItUnderTheNewParent()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var garden = await CreateOverApiAsync(api, Unique("Garden"));
        var kitchenName = Unique("Kitchen");
        var kitchen = await CreateOverApiAsync(api, kitchenName);
        var pots = await CreateOverApiAsync(api, Unique("Pots"), garden);

        var (page, _) = await app.SignedInPageAsync("catalog_manager");
        await page.GotoAsync("/admin/categories");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await Assertions.Expect(Nested(page, garden, pots)).ToHaveCountAsync(1);

        await page.Locator($"li[data-id='{pots}'] a").First.ClickAsync();
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await page.GetByLabel("New parent").SelectOptionAsync(kitchen);
        await Button(page, "Move").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved (moved)");
        await Assertions.Expect(page.GetByTestId("path")).ToContainTextAsync(kitchenName);

        Assert.Equal(kitchen, await StorefrontParentAsync(pots));
        await page.GotoAsync("/admin/categories");
        await Assertions.Expect(Nested(page, kitchen, pots)).ToHaveCountAsync(1);
        await Assertions.Expect(Nested(page, garden, pots)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task MoveUnderItsOwnDescendant_ShowsTheApisCycleMessage_AndChangesNothing()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var hall = await CreateOverApiAsync(api, Unique("Hall"));
        var shelves = await CreateOverApiAsync(api, Unique("Shelves"), hall);
        var hooks = await CreateOverApiAsync(api, Unique("Hooks"), shelves);

        var (page, _) = await app.SignedInPageAsync("catalog_manager");
        await page.GotoAsync($"/admin/categories/{hall}");
        await page.GetByLabel("New parent").SelectOptionAsync(hooks);
        await Button(page, "Move").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(CycleMessage);
        Assert.Equal(string.Empty, await StorefrontParentAsync(hall));
        Assert.Equal(shelves, await StorefrontParentAsync(hooks));
    }

    [Fact]
    public async Task WithoutCategoriesWrite_NoEditOrMoveControls_AndAForgedMove_IsRefusedByTheCommand()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var attic = await CreateOverApiAsync(api, Unique("Attic"));
        var cellar = await CreateOverApiAsync(api, Unique("Cellar"));
        var boxes = await CreateOverApiAsync(api, Unique("Boxes"), attic);

        var (page, _) = await app.SignedInPageAsync("moderator");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Categories", Exact = true }).CountAsync());
        await page.GotoAsync($"/admin/categories/{boxes}");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Active");
        foreach (var name in new[] { "Move", "Save", "Delete" })
        {
            Assert.Equal(0, await Button(page, name).CountAsync());
        }

        Assert.Equal(0, await page.Locator("select, input:not([type=hidden]), textarea").CountAsync());

        var forged = await ForgedPost.SendAsync(page, $"/admin/categories/{boxes}", "move", ("Move.ParentId", cellar));
        Assert.Contains("requires the &#x27;categories:write&#x27; permission", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(attic, await StorefrontParentAsync(boxes));
    }

    [Fact]
    public async Task Editor_EditsKeepingTheMetadata_MayMoveButNotDelete_AndAForgedDelete_IsRefusedByTheCommand()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var leaf = await CreateOverApiAsync(api, Unique("Porch"), metadata: new { banner = "summer" });

        var (page, _) = await app.SignedInPageAsync("editor");
        await page.GotoAsync($"/admin/categories/{leaf}");
        await Assertions.Expect(Button(page, "Move")).ToBeVisibleAsync();
        Assert.Equal(0, await Button(page, "Delete").CountAsync());

        // The form does not show the metadata; a save sends it back unchanged (the PUT replaces every field).
        await page.GetByLabel("Description").FillAsync("Benches and planters");
        await Button(page, "Save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved (details)");
        var saved = await api.GetFromJsonAsync<JsonElement>($"/api/v1/categories/{leaf}");
        Assert.Equal(("Benches and planters", "summer"), (saved.GetProperty("description").GetString(), saved.GetProperty("metadata").GetProperty("banner").GetString()));

        var forged = await ForgedPost.SendAsync(page, $"/admin/categories/{leaf}", "lifecycle", ("Lifecycle.Action", "delete"));
        Assert.Contains("requires the &#x27;categories:delete&#x27; permission", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await StorefrontParentAsync(leaf));
    }

    [Fact]
    public async Task Manager_CreatesEditsDeletesAndRestores_WithTheValidatorsAndTheDomainsMessages()
    {
        var (api, _) = await app.CreateClientAsAsync("catalog_manager");
        var parentName = Unique("Study");
        var parent = await CreateOverApiAsync(api, parentName);
        var (page, _) = await app.SignedInPageAsync("catalog_manager");

        await page.GotoAsync("/admin/categories");
        await page.GetByLabel("Image URL").FillAsync("not a url");
        await Button(page, "Create category").ClickAsync();
        await Assertions.Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#imageUrl-error")).ToBeVisibleAsync();

        var name = Unique("Desks");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Image URL").FillAsync(string.Empty);
        await page.GetByLabel("Parent").SelectOptionAsync(parent);
        await Button(page, "Create category").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved (created)");
        var id = page.Url.Split('/').Last().Split('?')[0];
        Assert.Equal(parent, await StorefrontParentAsync(id));

        var renamed = Unique("Standing desks");
        await page.GetByLabel("Name").FillAsync(renamed);
        await Button(page, "Save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(renamed);

        // The parent still has a live subcategory: the domain refuses, in its words.
        await page.GotoAsync($"/admin/categories/{parent}");
        await Button(page, "Delete").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("still has 1 subcategories");

        await page.GotoAsync($"/admin/categories/{id}");
        await Button(page, "Delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Deleted");
        Assert.Null(await StorefrontParentAsync(id));

        await page.GotoAsync("/admin/categories");
        await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync("deleted");
        await Button(page, "Show").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = renamed }).ClickAsync();
        await Button(page, "Restore").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Active");
        Assert.Equal(parent, await StorefrontParentAsync(id));
    }
}
