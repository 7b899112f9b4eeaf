using System.Net;
using System.Net.Http.Json;
using Catalog.BrowserTests.Infrastructure;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Console;

/// <summary>The roles screen lists ListRolesQuery and ListPermissionsQuery as checkboxes and saves with SetRolePermissionsCommand.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RoleScreenTests(ConsoleApp app)
{
    [Fact]
    public async Task GrantingAPermissionInTheConsole_LetsAUserOfThatRoleDoItThroughTheApi()
    {
        var (api, _) = await app.CreateClientAsAsync("admin");
        var role = "support_" + Guid.NewGuid().ToString("N")[..6];
        (await api.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "reviews:moderate" } })).EnsureSuccessStatusCode();
        var (member, _) = await app.CreateClientAsAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/users")).StatusCode); // and the answer is cached now

        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Roles");
        await SignInTests.AssertEveryControlLabelledAsync(page);
        await Assertions.Expect(page.GetByLabel($"reviews:moderate for {role}")).ToBeCheckedAsync();
        await page.GetByLabel($"users:read for {role}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Save the permissions of {role}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The permissions of {role} are saved");
        await Assertions.Expect(page.GetByLabel($"users:read for {role}")).ToBeCheckedAsync();

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_logs WHERE action = 'role.permissions_changed' AND metadata->>'role' = @role AND changes::text LIKE '%users:read%'", new { role }));
    }

    [Fact]
    public async Task SavingTheAdminRole_IsRefusedInTheApisWords_AndTheBoxesStayAsPosted()
    {
        var (page, _) = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/admin/roles");
        await page.GetByLabel("users:delete for admin").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the permissions of admin" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The admin role always holds every permission.");
        await Assertions.Expect(page.GetByLabel("users:delete for admin")).Not.ToBeCheckedAsync();
        var (api, _) = await app.CreateClientAsAsync("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/users/{(await app.CreateUserAsync()).Id}")).StatusCode); // admin still deletes users
    }

    [Fact]
    public async Task WithReadOnlyRights_NoSaveButton_AndAForgedSaveIsRefusedByTheCommand()
    {
        var (editor, _) = await app.SignedInPageAsync("editor");
        Assert.Equal(0, await editor.GetByRole(AriaRole.Link, new() { Name = "Roles" }).CountAsync());

        var (api, _) = await app.CreateClientAsAsync("admin");
        var role = "auditor_" + Guid.NewGuid().ToString("N")[..6];
        (await api.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "permissions:read" } })).EnsureSuccessStatusCode();
        var (reader, _) = await app.SignedInPageAsync(role);
        await reader.GotoAsync("/admin/roles");
        await Assertions.Expect(reader.GetByLabel($"permissions:read for {role}")).ToBeCheckedAsync();
        Assert.Equal(0, await reader.GetByRole(AriaRole.Button, new() { Name = $"Save the permissions of {role}" }).CountAsync());
        await Assertions.Expect(reader.GetByLabel($"users:read for {role}")).ToBeDisabledAsync();

        // The post a Save button would send, with the reader's own cookie and antiforgery token.
        var token = await reader.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = reader.APIRequest.CreateFormData();
        form.Append("_handler", $"role-{role}-permissions");
        form.Append("__RequestVerificationToken", token!);
        form.Append("permission", "permissions:read");
        form.Append("permission", "users:delete");
        var forged = await reader.APIRequest.PostAsync("/admin/roles", new() { Form = form });
        Assert.Contains("requires the &#x27;permissions:write&#x27; permission", await forged.TextAsync(), StringComparison.Ordinal);
        var roles = await (await api.GetAsync("/api/v1/roles")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var granted = roles.EnumerateArray().Single(r => r.GetProperty("role").GetString() == role).GetProperty("permissions");
        Assert.Equal(["permissions:read"], granted.EnumerateArray().Select(p => p.GetString()));
    }
}
