using Catalog.BrowserTests.Infrastructure;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>
/// The users screens send the API's ListUsersQuery, GetUserQuery, UpdateUserCommand, DeleteUserCommand,
/// ListUserSessionsQuery, EndUserSessionCommand and EndUserSessionsCommand; ending a user's sessions signs their console out.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class UserScreenTests(ConsoleApp app)
{
    [Fact]
    public async Task Admin_FindsAUser_ChangesNameAndRoles_DeactivatesAndDeletes()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var target = await app.CreateUserAsync($"find-{tag}@example.com", ConsoleApp.Password, "user");
        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Users");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await page.GetByLabel("Email or name").FillAsync(tag);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // the header and the one match
        await page.GetByRole(AriaRole.Link, new() { Name = target.Email }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(target.Email);
        await SignInTests.AssertEveryControlLabelledAsync(page);

        await page.GetByLabel("First name").FillAsync("Grace");
        await page.GetByLabel("editor", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        Assert.Equal("Grace", await app.ScalarAsync<string>("SELECT first_name FROM users WHERE id = @Id", new { target.Id }));
        Assert.Equal("{editor,user}", await app.ScalarAsync<string>("SELECT array(SELECT unnest(roles) ORDER BY 1)::text FROM users WHERE id = @Id", new { target.Id }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("deactivated");
        Assert.False(await app.ScalarAsync<bool>("SELECT is_active FROM users WHERE id = @Id", new { target.Id }));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("active again");
        Assert.True(await app.ScalarAsync<bool>("SELECT is_active FROM users WHERE id = @Id", new { target.Id }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{target.Email} was deleted");
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id AND deleted_at IS NOT NULL", new { target.Id }));
    }

    [Fact]
    public async Task Admin_RemovingTheirOwnAdminRole_IsRefusedInTheApisWords()
    {
        var (page, email) = await app.SignedInPageAsync("admin");
        var self = await app.ScalarAsync<Guid>("SELECT id FROM users WHERE email = @email", new { email });
        await page.GotoAsync($"/admin/users/{self}");
        await page.GetByLabel("admin", new() { Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You cannot change your own roles or deactivate yourself.");
        Assert.Equal("{admin}", await app.ScalarAsync<string>("SELECT roles::text FROM users WHERE id = @self", new { self }));
    }

    [Fact]
    public async Task EndingAUsersSessions_FromTheUserPage_SignsTheirConsoleOut()
    {
        var b = await app.CreateUserAsync(null, ConsoleApp.Password, "catalog_manager");
        var first = await app.NewPageAsync();
        await ConsoleApp.SignInAsync(first, b.Email, ConsoleApp.Password);
        var (admin, _) = await app.SignedInPageAsync("admin");
        await admin.GotoAsync($"/admin/users/{b.Id}");
        var sessions = admin.Locator("section", new() { Has = admin.GetByRole(AriaRole.Heading, new() { Name = "Sessions" }) });
        await Assertions.Expect(sessions.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(sessions.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("HeadlessChrome"); // the user agent as stored

        // End that one session: B's next console request lands on the sign-in page.
        await sessions.GetByRole(AriaRole.Button, new() { Name = "End", Exact = false }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("The session has ended.");
        await Assertions.Expect(admin.GetByText("No live session.")).ToBeVisibleAsync();
        await first.GotoAsync("/admin/products");
        Assert.Contains("/admin/login", first.Url, StringComparison.Ordinal);

        // Signed in again in another browser; "End all sessions" signs that one out too.
        var second = await app.NewPageAsync();
        await ConsoleApp.SignInAsync(second, b.Email, ConsoleApp.Password);
        await second.GotoAsync("/admin/products");
        Assert.DoesNotContain("/admin/login", second.Url, StringComparison.Ordinal);
        await admin.ReloadAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "End all sessions" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Every session of this user has ended.");
        await second.GotoAsync("/admin/products");
        Assert.Contains("/admin/login", second.Url, StringComparison.Ordinal);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM user_sessions WHERE user_id = @Id AND revoked_at IS NULL", new { b.Id }));
    }

    [Fact]
    public async Task WithoutUserRights_NoLinkNoAction_AndAForgedPostIsRefusedByTheCommand()
    {
        var (editor, _) = await app.SignedInPageAsync("editor");
        Assert.Equal(0, await editor.GetByRole(AriaRole.Link, new() { Name = "Users" }).CountAsync());
        await editor.GotoAsync("/admin/users");
        await Assertions.Expect(editor.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(); // the query's refusal

        // A role that may read users but not change them: the user page shows no action, and the post a
        // "Deactivate" button would send (own cookie and antiforgery token) is refused by UpdateUserCommand.
        var (api, _) = await app.CreateClientAsAsync("admin");
        var role = "viewer_" + Guid.NewGuid().ToString("N")[..6];
        (await api.PutAsync($"/api/v1/roles/{role}/permissions", System.Net.Http.Json.JsonContent.Create(new { permissions = new[] { "users:read" } }))).EnsureSuccessStatusCode();
        var target = await app.CreateUserAsync();
        var (viewer, _) = await app.SignedInPageAsync(role);
        await viewer.GotoAsync($"/admin/users/{target.Id}");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(target.Email);
        foreach (var action in new[] { "Deactivate", "Delete user", "Save", "End all sessions" })
        {
            Assert.Equal(0, await viewer.GetByRole(AriaRole.Button, new() { Name = action }).CountAsync());
        }

        var token = await viewer.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = viewer.APIRequest.CreateFormData();
        form.Append("_handler", "user-status");
        form.Append("__RequestVerificationToken", token!);
        form.Append("isActive", "false");
        var forged = await viewer.APIRequest.PostAsync($"/admin/users/{target.Id}", new() { Form = form });
        Assert.Contains("requires the &#x27;users:write&#x27; permission", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.True(await app.ScalarAsync<bool>("SELECT is_active FROM users WHERE id = @Id", new { target.Id }));
    }
}
