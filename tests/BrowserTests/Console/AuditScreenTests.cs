using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// The audit-log browser (/admin/audit) sends GetAuditLogsQuery with its filters, and an entry's page
/// (/admin/audit/{id}) GetAuditLogQuery, showing the before/after as a diff; without audit_logs:read both refuse.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AuditScreenTests(ConsoleApp app)
{
    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private async Task<string> ProductOverApiAsync(string name)
    {
        var (manager, _) = await app.CreateClientAsAsync("catalog_manager");
        var created = await manager.PostAsJsonAsync("/api/v1/products", new { name, sku = "AUD-" + Guid.NewGuid().ToString("N")[..8], price = 20m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task AnEditInTheConsole_IsFoundByAction_AndItsEntryShowsTheOldAndNewValue()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var id = await ProductOverApiAsync("Audited lamp " + suffix);
        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync($"/admin/products/{id}");
        await page.GetByLabel("Name").FillAsync("Audited lamp, brass " + suffix);
        await Button(page, "Save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit log");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await page.GetByLabel("Action").FillAsync("product.updated");
        await Button(page, "Filter").ClickAsync();
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = id })).ToHaveCountAsync(1); // the edit; its product.created is filtered out
        Assert.All(await page.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync(), action => Assert.Equal("product.updated", action));

        await rows.Filter(new() { HasText = id }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit entry");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        var name = page.Locator("tr[data-field='name']");
        await Assertions.Expect(name.Locator("del")).ToHaveTextAsync("Audited lamp " + suffix);
        await Assertions.Expect(name.Locator("ins")).ToHaveTextAsync("Audited lamp, brass " + suffix);
        await Assertions.Expect(name).ToContainTextAsync("changed");
        Assert.Equal(0, await page.Locator("tr[data-field='price']").CountAsync()); // only what changed

        // A date the query's validator refuses is shown under its field.
        await page.GotoAsync("/admin/audit?from=yesterday");
        await Assertions.Expect(page.Locator("#from-error")).ToContainTextAsync("ISO-8601");

        // The dashboard's recent entries open the same page.
        await page.GotoAsync("/admin");
        await page.Locator("section[aria-labelledby='recent-audit'] tbody a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit entry");
    }

    [Fact]
    public async Task WithoutTheAuditRight_NoLink_AndBothScreensRefuse()
    {
        var (admin, _) = await app.CreateClientAsAsync("admin");
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit-logs?limit=1");
        var entryId = listed.GetProperty("items")[0].GetProperty("id").GetString();

        var (page, _) = await app.SignedInPageAsync("catalog_manager");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).CountAsync());
        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("audit_logs:read");
        Assert.Equal(0, await page.Locator("tbody tr").CountAsync());
        await page.GotoAsync($"/admin/audit/{entryId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("audit_logs:read");
        Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { Name = "Changes" }).CountAsync());
    }
}
