using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>The product screens in a real browser: the same commands, rights and concurrency checks as the API.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProductScreenTests(ConsoleApp app)
{
    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private static ILocator Status(IPage page) => page.GetByTestId("status");

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>A draft made over the API by <paramref name="client"/>; its id.</summary>
    private static async Task<string> CreateOverApiAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/products", new { name, sku = "SKU-" + Guid.NewGuid().ToString("N")[..10], price = 12.5m, stockQuantity = 3 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> StatusOverApiAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{id}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task EditorCreatesAndSubmits_ManagerPublishes_AndTheStorefrontServesIt()
    {
        var name = Unique("Desk lamp");
        var (editor, _) = await app.SignedInPageAsync("editor");
        await editor.GotoAsync("/admin/products/new");
        await SignInTests.AssertEveryControlLabelledAsync(editor);
        await editor.GetByLabel("Name").FillAsync(name);
        await editor.GetByLabel("SKU").FillAsync("LAMP-" + Guid.NewGuid().ToString("N")[..8]);
        await editor.GetByLabel("Price", new() { Exact = true }).FillAsync("49.90");
        await editor.GetByLabel("Stock", new() { Exact = true }).FillAsync("7");
        await Button(editor, "Create draft").ClickAsync();
        await Assertions.Expect(Status(editor)).ToHaveTextAsync("Draft");
        var id = editor.Url.Split('/').Last().Split('?')[0];

        Assert.Equal(0, await Button(editor, "Publish").CountAsync());
        await Button(editor, "Submit for review").ClickAsync();
        await Assertions.Expect(Status(editor)).ToHaveTextAsync("In review");

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/products/{id}")).StatusCode);

        var (manager, _) = await app.SignedInPageAsync("catalog_manager");
        await manager.GotoAsync($"/admin/products/{id}");
        await Button(manager, "Publish").ClickAsync();
        await Assertions.Expect(Status(manager)).ToHaveTextAsync("Published");

        var served = await anonymous.GetAsync($"/api/v1/products/{id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(name, (await served.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Editor_SeesNoPublishAction_AndAForgedPublishPost_IsRefusedByTheCommand()
    {
        var (api, _) = await app.CreateClientAsAsync("editor");
        var id = await CreateOverApiAsync(api, Unique("Chair"));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/products/{id}/submit-for-review", null)).StatusCode);

        var (editor, _) = await app.SignedInPageAsync("editor");
        await editor.GotoAsync($"/admin/products/{id}");
        await Assertions.Expect(Status(editor)).ToHaveTextAsync("In review");
        Assert.Equal(0, await Button(editor, "Publish").CountAsync());

        // The post a publish button would send, with the editor's own cookie and antiforgery token.
        var token = await editor.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = editor.APIRequest.CreateFormData();
        form.Append("_handler", "workflow");
        form.Append("__RequestVerificationToken", token!);
        form.Append("Workflow.Action", "publish");
        var forged = await editor.APIRequest.PostAsync($"/admin/products/{id}", new() { Form = form });
        Assert.Contains("requires the &#x27;products:publish&#x27; permission", await forged.TextAsync(), StringComparison.Ordinal);

        // Without the token the post does not reach the page at all.
        var tokenless = editor.APIRequest.CreateFormData();
        tokenless.Append("_handler", "workflow");
        tokenless.Append("Workflow.Action", "submit");
        Assert.Equal(400, (await editor.APIRequest.PostAsync($"/admin/products/{id}", new() { Form = tokenless })).Status);

        Assert.Equal("in_review", await StatusOverApiAsync(api, id));
    }

    [Fact]
    public async Task TwoEditorsEditOneProduct_TheSecondIsToldOfTheConflict_AndCanReload()
    {
        var (api, _) = await app.CreateClientAsAsync("editor");
        var id = await CreateOverApiAsync(api, Unique("Table"));
        var (first, _) = await app.SignedInPageAsync("editor");
        var (second, _) = await app.SignedInPageAsync("editor");
        await first.GotoAsync($"/admin/products/{id}");
        await second.GotoAsync($"/admin/products/{id}");

        var winner = Unique("Oak table");
        await first.GetByLabel("Name").FillAsync(winner);
        await Button(first, "Save").ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        await second.GetByLabel("Name").FillAsync(Unique("Pine table"));
        await Button(second, "Save").ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed this product");

        await second.GetByRole(AriaRole.Link, new() { Name = "Reload the product" }).ClickAsync();
        await Assertions.Expect(second.GetByLabel("Name")).ToHaveValueAsync(winner);
    }

    [Fact]
    public async Task Import_WithTwoBadRows_ShowsBothRowsErrors_AndSavesTheGoodOne()
    {
        var (page, _) = await app.SignedInPageAsync("editor");
        await page.GotoAsync("/admin/products/import");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        var sku = "IMP-" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"name,sku,price\nGood import,{sku}-1,10.00\n,{sku}-2,5.00\nNegative price,{sku}-3,-4\n";
        await page.GetByLabel("File (.csv or .ndjson)").SetInputFilesAsync(new FilePayload { Name = "products.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Button(page, "Import").ClickAsync();

        await Assertions.Expect(page.GetByTestId("failed")).ToHaveTextAsync("2");
        Assert.Equal("1", await page.GetByTestId("created").InnerTextAsync());
        var rows = await page.GetByTestId("import-error").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.StartsWith("2\tname", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("3\tprice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StockAdjustment_WithAReason_ChangesTheStock_AndBelowZeroIsRefusedInline()
    {
        var (api, _) = await app.CreateClientAsAsync("editor");
        var id = await CreateOverApiAsync(api, Unique("Shelf"));
        var (page, _) = await app.SignedInPageAsync("editor");
        await page.GotoAsync($"/admin/products/{id}");

        await page.GetByLabel("Change (+/−)").FillAsync("5");
        await page.GetByLabel("Reason").FillAsync("delivery");
        await Button(page, "Adjust").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stock")).ToHaveTextAsync("8");

        await page.GetByLabel("Change (+/−)").FillAsync("-100");
        await page.GetByLabel("Reason").FillAsync("count");
        await Button(page, "Adjust").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.Equal("8", await page.GetByTestId("stock").InnerTextAsync());
    }

    [Fact]
    public async Task Create_WithBadInput_ShowsTheValidatorsMessagesBesideTheFields()
    {
        var (page, _) = await app.SignedInPageAsync("editor");
        await page.GotoAsync("/admin/products/new");
        await page.GetByLabel("Price", new() { Exact = true }).FillAsync("-1");
        await Button(page, "Create draft").ClickAsync();
        await Assertions.Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#price-error")).ToBeVisibleAsync();
        Assert.Contains("/admin/products/new", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersBySearchAndStatus_AndExportsWhatItShows()
    {
        var (api, _) = await app.CreateClientAsAsync("editor");
        var name = Unique("Filterable vase");
        await CreateOverApiAsync(api, name);
        var (page, _) = await app.SignedInPageAsync("editor");
        await page.GotoAsync("/admin/products");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await page.GetByLabel("Search").FillAsync(name);
        await page.GetByLabel("Status").SelectOptionAsync("draft");
        await Button(page, "Filter").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        Assert.Equal(1, await page.Locator("tbody tr").CountAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV (these filters)" }).ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path!)).Where(l => l.Length > 0).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Contains(name, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersByBrandSlug_TypedLikeTheApisBrandParameter()
    {
        // The list's brand and category filters take a slug or an id, as the API's do: the page no longer renders every
        // brand and category as options on each view (at 1m: 5,000 brands read in pages, 2,000 categories).
        var (manager, _) = await app.CreateClientAsAsync("catalog_manager");
        var brandName = Unique("Filter brand");
        var brandResponse = await manager.PostAsJsonAsync("/api/v1/brands", new { name = brandName });
        Assert.Equal(HttpStatusCode.Created, brandResponse.StatusCode);
        var brand = await brandResponse.Content.ReadFromJsonAsync<JsonElement>();
        var (api, _) = await app.CreateClientAsAsync("editor");
        var branded = Unique("Branded jug");
        var created = await api.PostAsJsonAsync("/api/v1/products", new { name = branded, sku = "SKU-" + Guid.NewGuid().ToString("N")[..10], price = 9m, brandId = brand.GetProperty("id").GetString() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await CreateOverApiAsync(api, Unique("Unbranded jug"));

        var (page, _) = await app.SignedInPageAsync("editor");
        await page.GotoAsync("/admin/products");
        await page.GetByLabel("Brand (slug or id)").FillAsync(brand.GetProperty("slug").GetString()!);
        await page.GetByLabel("Status").SelectOptionAsync("draft");
        await Button(page, "Filter").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = branded })).ToBeVisibleAsync();
        Assert.Equal(1, await page.Locator("tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("select#brand option, select#category option").CountAsync());
    }
}
