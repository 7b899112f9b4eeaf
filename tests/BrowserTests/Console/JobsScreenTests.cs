using Catalog.BrowserTests.Infrastructure;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// The jobs screen sends ListJobsQuery and RunJobCommand; Hangfire's dashboard opens at /admin/hangfire with the console
/// session for holders of jobs:read (or jobs:run), with its antiforgery token demanded on triggers.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class JobsScreenTests(ConsoleApp app)
{
    [Fact]
    public async Task Admin_SeesTheJobs_AndRunNow_QueuesARun()
    {
        var (page, email) = await app.SignedInPageAsync("admin");
        var before = await JobsAsync("token-cleanup");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jobs");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "database-analyze" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Run token-cleanup now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("A run of token-cleanup is queued");
        Assert.Equal(before + 1, await JobsAsync("token-cleanup"));
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_logs a JOIN users u ON u.id = a.user_id WHERE u.email = @email AND a.action = 'job.token-cleanup.run_requested'",
            new { email }));
    }

    [Fact]
    public async Task HangfireDashboard_OpensForAnAdmin_WithTheConsoleSession_AndItsTriggerWorks()
    {
        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/admin/jobs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the Hangfire dashboard" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Catalog jobs"));

        // An action through the dashboard's own script carries Hangfire's antiforgery token, so it is taken.
        await page.GotoAsync("/admin/jobs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run database-analyze now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("A run of database-analyze is queued");
        var id = await app.ScalarAsync<long>("SELECT max(id) FROM hangfire.job WHERE arguments::text LIKE '%database-analyze%'");
        await page.GotoAsync($"/admin/hangfire/jobs/details/{id}");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var deleted = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync(),
            response => response.Url.Contains($"/admin/hangfire/jobs/actions/delete/{id}", StringComparison.Ordinal));
        Assert.True(deleted.Ok, deleted.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Deleted", await StateAsync(id));

        // The same kind of POST with the session cookie but without the token (a forged cross-site form) is refused.
        var forged = await page.APIRequest.PostAsync($"/admin/hangfire/jobs/actions/requeue/{id}");
        Assert.Equal(403, forged.Status);
        Assert.Equal("Deleted", await StateAsync(id));

        // The console cookie is scoped to /admin: the API's dashboard does not take it.
        var sameSession = await page.Context.NewPageAsync(); // the dashboard reloads itself after the delete
        Assert.Equal(401, (await sameSession.GotoAsync("/hangfire"))!.Status);
    }

    [Fact]
    public async Task HangfireDashboard_IsRefusedToAnEditor_AndToAnonymousCallers()
    {
        var (page, _) = await app.SignedInPageAsync("editor");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).CountAsync());
        Assert.Equal(403, (await page.GotoAsync("/admin/hangfire"))!.Status);
        Assert.Equal(403, (await page.GotoAsync("/admin/hangfire/recurring"))!.Status);
        await page.GotoAsync("/admin/jobs");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(); // the query's refusal
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Run token-cleanup now" }).CountAsync());

        // Not signed in: to the sign-in page; a bearer token does not open it either (under /admin only the cookie counts).
        var anonymous = await app.NewPageAsync();
        await anonymous.GotoAsync("/admin/hangfire");
        Assert.Contains("/admin/login", anonymous.Url, StringComparison.Ordinal);
        var (client, _) = await app.CreateClientAsAsync("admin");
        var bearer = await client.GetAsync("/admin/hangfire");
        Assert.DoesNotContain("Catalog jobs", await bearer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<string?> StateAsync(long id) =>
        app.ScalarAsync<string>("SELECT statename FROM hangfire.job WHERE id = @id", new { id });

    private Task<long> JobsAsync(string name) =>
        app.ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE @pattern", new { pattern = $"%{name}%" });
}
