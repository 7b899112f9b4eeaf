using System.Net;
using System.Net.Http.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Users;

public sealed class UserAdminTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task ListUsers_PagesWithAKeysetCursor_AndFilters()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            await factory.CreateUserAsync($"list-{tag}-{i}@example.com", IdentityTestHelpers.Password, i == 0 ? "moderator" : "user");
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/users?q=list-{tag}&limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await admin.GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal($"list-{tag}-4@example.com", seen[0]);

        var moderators = await (await admin.GetAsync($"/api/v1/users?q=list-{tag}&role=moderator")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Single(moderators.GetProperty("items").EnumerateArray());
        await (await admin.GetAsync("/api/v1/users?limit=101")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync("/api/v1/users?cursor=tampered")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var (plain, _) = await factory.CreateClientAsAsync("user");
        await (await plain.GetAsync("/api/v1/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetUser_ById_AndUnknownIs404()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var user = await factory.CreateUserAsync();
        var body = await (await admin.GetAsync($"/api/v1/users/{user.Id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(user.Email, body.GetProperty("email").GetString());
        await (await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PatchUser_ChangesRoles_AndTheOldTokenStopsWorking()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var (userClient, user) = await factory.CreateClientAsAsync("user");
        var updated = await (await admin.PatchAsync($"/api/v1/users/{user.Id}", JsonContent.Create(new { roles = new[] { "editor" }, firstName = "Ed" }))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(["editor"], updated.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Ed", updated.GetProperty("firstName").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await userClient.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(1, await factory.AuditCountAsync("user.updated", user.Id));
        await (await admin.PatchAsync($"/api/v1/users/{user.Id}", JsonContent.Create(new { roles = new[] { "emperor" } }))).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PatchUser_CannotGrantRolesBeyondTheCallersPermissions()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var role = "support_" + Guid.NewGuid().ToString("N")[..6];
        await (await admin.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "users:read", "users:write" } })).AssertStatusAsync(HttpStatusCode.OK);
        var (support, self) = await factory.CreateClientAsAsync(role);
        var target = await factory.CreateUserAsync();

        await (await support.PatchAsync($"/api/v1/users/{target.Id}", JsonContent.Create(new { roles = new[] { "admin" } }))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await support.PatchAsync($"/api/v1/users/{self.Id}", JsonContent.Create(new { roles = new[] { "admin" } }))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await support.PatchAsync($"/api/v1/users/{target.Id}", JsonContent.Create(new { roles = new[] { role } }))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("{" + role + "}", await factory.ScalarAsync<string>("SELECT roles::text FROM users WHERE id = @Id", new { self.Id }));
    }

    [Fact]
    public async Task DeleteUser_SoftDeletes_EndsSessions_AndRevokesApiKeys()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var victim = await factory.CreateUserAsync(null, IdentityTestHelpers.Password, "admin");
        var token = await factory.IssueTokenAsync(victim);
        var keyBody = await (await factory.WithBearer(token).PostJsonAsync("/api/v1/api-keys", new { name = "victim key", permissions = new[] { "users:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        var key = factory.WithApiKey(keyBody.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/users")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{victim.Id}")).StatusCode);
        await (await admin.GetAsync($"/api/v1/users/{victim.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer(token).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id AND deleted_at IS NOT NULL", new { victim.Id }));
        Assert.Equal(0, await factory.ScalarAsync<long>("SELECT count(*) FROM user_sessions WHERE user_id = @Id AND revoked_at IS NULL", new { victim.Id }));
        Assert.Equal(1, await factory.AuditCountAsync("user.deleted", victim.Id));
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE created_by = @Id AND revoked_at IS NOT NULL", new { victim.Id }));
    }

    [Fact]
    public async Task Permissions_AndRoles_AreListed()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var permissions = await (await admin.GetAsync("/api/v1/permissions")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(20, permissions.GetArrayLength());
        Assert.Contains(permissions.EnumerateArray(), p => p.GetProperty("resource").GetString() == "products" && p.GetProperty("action").GetString() == "publish");
        var roles = await (await admin.GetAsync("/api/v1/roles")).AssertStatusAsync(HttpStatusCode.OK);
        var editor = roles.EnumerateArray().Single(r => r.GetProperty("role").GetString() == "editor");
        Assert.DoesNotContain(editor.GetProperty("permissions").EnumerateArray(), p => p.GetString() == "products:publish");
        Assert.Contains(roles.EnumerateArray(), r => r.GetProperty("role").GetString() == "user");
        var (plain, _) = await factory.CreateClientAsAsync("user");
        await (await plain.GetAsync("/api/v1/permissions")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PutRolePermissions_TakesEffectOnTheNextRequest_AndIsAudited()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var role = "auditor_" + Guid.NewGuid().ToString("N")[..6];
        var (member, _) = await factory.CreateClientAsAsync(role);
        await (await member.GetAsync("/api/v1/permissions")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var put = await (await admin.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "permissions:read" } })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(role, put.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/permissions")).StatusCode);
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM audit_logs WHERE action = 'role.permissions_changed' AND metadata->>'role' = @R", new { R = role }));

        await (await admin.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "nope:never" } })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync("/api/v1/roles/admin/permissions", new { permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await member.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "users:delete" } })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
