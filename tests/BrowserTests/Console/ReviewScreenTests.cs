using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// Review moderation (/admin/reviews) sends ListReviewsQuery, DeleteReviewCommand and RestoreReviewCommand: the product's
/// rating summary on the storefront follows, and without reviews:moderate there is neither link nor action.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReviewScreenTests(ConsoleApp app)
{
    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>A published product with a 5-star review "Lovely" and a 1-star review "Spam", written over the API.</summary>
    private async Task<(string ProductId, string SpamId, HttpClient Spammer)> ReviewedProductAsync()
    {
        var (manager, _) = await app.CreateClientAsAsync("catalog_manager");
        var created = await manager.PostAsJsonAsync("/api/v1/products", new { name = "Reviewed kettle " + Guid.NewGuid().ToString("N")[..6], sku = "KET-" + Guid.NewGuid().ToString("N")[..8], price = 30m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var productId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/v1/products/{productId}/publish", new { })).StatusCode);

        var (fan, _) = await app.CreateClientAsAsync("user");
        Assert.Equal(HttpStatusCode.Created, (await fan.PostAsJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 5, title = "Lovely" })).StatusCode);
        var (spammer, _) = await app.CreateClientAsAsync("user");
        var spam = await spammer.PostAsJsonAsync($"/api/v1/products/{productId}/reviews", new { rating = 1, title = "Spam", comment = "Buy followers at example.test" });
        Assert.Equal(HttpStatusCode.Created, spam.StatusCode);
        return (productId, (await spam.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, spammer);
    }

    /// <summary>The storefront's rating summary, read anonymously (through the output cache) as a shopper would.</summary>
    private async Task<(int Count, string Average)> SummaryAsync(string productId)
    {
        var body = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/products/{productId}/reviews");
        var summary = body.GetProperty("summary");
        return (summary.GetProperty("reviewCount").GetInt32(), summary.GetProperty("averageRating").GetRawText());
    }

    [Fact]
    public async Task Moderator_DeletesAReview_TheStorefrontSummaryDropsIt_AndRestoreBringsItBack()
    {
        var (productId, _, _) = await ReviewedProductAsync();
        Assert.Equal((2, "3.00"), await SummaryAsync(productId));

        var (page, _) = await app.SignedInPageAsync("moderator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reviews" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reviews");
        await page.GetByLabel("Product id").FillAsync(productId);
        await Button(page, "Filter").ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await SignInTests.AssertEveryControlLabelledAsync(page);
        Assert.Equal($"/admin/products/{productId}", await page.GetByRole(AriaRole.Link, new() { Name = "Product of the review “Spam”" }).GetAttributeAsync("href"));

        await Button(page, "Delete the review “Spam”").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The review is deleted");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        Assert.Equal((1, "5.00"), await SummaryAsync(productId));

        await page.GetByLabel("Show").SelectOptionAsync("true");
        await Button(page, "Filter").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Spam" })).ToBeVisibleAsync();
        await Button(page, "Restore the review “Spam”").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The review is restored");
        Assert.Equal((2, "3.00"), await SummaryAsync(productId));
    }

    [Fact]
    public async Task Restore_OfAReviewItsAuthorWithdrew_IsRefusedInTheCommandsWords()
    {
        var (productId, spamId, spammer) = await ReviewedProductAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await spammer.DeleteAsync($"/api/v1/reviews/{spamId}")).StatusCode);

        var (page, _) = await app.SignedInPageAsync("moderator");
        await page.GotoAsync($"/admin/reviews?deleted=true&productId={productId}");
        await Button(page, "Restore the review “Spam”").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The review was deleted by its author and cannot be restored by a moderator.");
        Assert.Equal((1, "5.00"), await SummaryAsync(productId));

        await page.GotoAsync("/admin/reviews?productId=not-a-uuid");
        await Assertions.Expect(page.Locator("#productId-error")).ToContainTextAsync("Enter a product id");
    }

    [Fact]
    public async Task WithoutReviewsModerate_NoLinkNoAction_AndForgedPostsAreRefused()
    {
        var (productId, spamId, _) = await ReviewedProductAsync();
        var (editor, _) = await app.SignedInPageAsync("editor");
        Assert.Equal(0, await editor.GetByRole(AriaRole.Link, new() { Name = "Reviews" }).CountAsync());
        await editor.GotoAsync($"/admin/reviews?productId={productId}");
        await Assertions.Expect(editor.GetByRole(AriaRole.Alert)).ToContainTextAsync("reviews:moderate");
        Assert.Equal(0, await editor.GetByRole(AriaRole.Button, new() { Name = "Delete the review “Spam”" }).CountAsync());

        // The post the moderator's Delete button sends, with the editor's own cookie and antiforgery token.
        var token = await editor.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = editor.APIRequest.CreateFormData();
        form.Append("_handler", "moderate");
        form.Append("__RequestVerificationToken", token!);
        form.Append("op", $"delete:{spamId}");
        var forged = await editor.APIRequest.PostAsync($"/admin/reviews?productId={productId}", new() { Form = form });
        Assert.Contains("Only the author or a moderator can delete a review.", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal((2, "3.00"), await SummaryAsync(productId));

        // Without the token the post does not reach the page at all.
        var tokenless = editor.APIRequest.CreateFormData();
        tokenless.Append("_handler", "moderate");
        tokenless.Append("op", $"delete:{spamId}");
        Assert.Equal(400, (await editor.APIRequest.PostAsync("/admin/reviews", new() { Form = tokenless })).Status);
        Assert.Equal((2, "3.00"), await SummaryAsync(productId));
    }
}
