using System.Net;
using System.Net.Http.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Users;

/// <summary>
/// Issue 22: users:write and permissions:write never reach above the caller's own rights. A caller acts on a user only
/// when it holds every permission of that user's roles, and grants only roles and permissions it holds (ADR-077).
/// Every test here first gives the moderator role users:read, users:write, users:delete and permissions:write.
/// </summary>
public sealed class AccountAuthorityTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly string[] ModeratorWithUserAdmin = ["reviews:moderate", "users:read", "users:write", "users:delete", "permissions:read", "permissions:write"];

    [Fact]
    public async Task Moderator_CannotDemoteDeactivateDeleteOrEndSessionsOfAnAdmin()
    {
        var moderator = await ModeratorAsync();
        var admin = await factory.CreateUserAsync(null, IdentityTestHelpers.Password, "admin");
        var adminToken = await factory.IssueTokenAsync(admin);
        var url = $"/api/v1/users/{admin.Id}";

        await (await moderator.PatchAsync(url, JsonContent.Create(new { roles = new[] { "user" } }))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await moderator.PatchAsync(url, JsonContent.Create(new { isActive = false }))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await moderator.PatchAsync(url, JsonContent.Create(new { firstName = "Owned" }))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await moderator.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await moderator.DeleteAsync(url + "/sessions")).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("{admin}", await factory.ScalarAsync<string>("SELECT roles::text FROM users WHERE id = @Id", new { admin.Id }));
        Assert.True(await factory.ScalarAsync<bool>("SELECT is_active AND deleted_at IS NULL FROM users WHERE id = @Id", new { admin.Id }));
        Assert.Equal("Test", await factory.ScalarAsync<string>("SELECT first_name FROM users WHERE id = @Id", new { admin.Id }));
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(adminToken).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Moderator_ManagesAPlainUser()
    {
        var moderator = await ModeratorAsync();
        var user = await factory.CreateUserAsync();
        var userToken = await factory.IssueTokenAsync(user);
        var url = $"/api/v1/users/{user.Id}";

        await (await moderator.PatchAsync(url, JsonContent.Create(new { firstName = "Renamed" }))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.DeleteAsync(url + "/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer(userToken).GetAsync("/api/v1/me")).StatusCode);
        await (await moderator.PatchAsync(url, JsonContent.Create(new { roles = new[] { "user", "moderator" } }))).AssertStatusAsync(HttpStatusCode.OK);
        await (await moderator.PatchAsync(url, JsonContent.Create(new { roles = new[] { "user" }, isActive = false }))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.False(await factory.ScalarAsync<bool>("SELECT is_active FROM users WHERE id = @Id", new { user.Id }));
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.DeleteAsync(url)).StatusCode);
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id AND deleted_at IS NOT NULL", new { user.Id }));
    }

    [Fact]
    public async Task Moderator_CannotGrantTheAdminRole_NorARoleWithPermissionsItLacks()
    {
        var moderator = await ModeratorAsync();
        var user = await factory.CreateUserAsync();
        var url = $"/api/v1/users/{user.Id}";

        var problem = await (await moderator.PatchAsync(url, JsonContent.Create(new { roles = new[] { "user", "admin" } }))).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("products:publish", problem.GetProperty("detail").GetString());
        await (await moderator.PatchAsync(url, JsonContent.Create(new { roles = new[] { "editor" } }))).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("{user}", await factory.ScalarAsync<string>("SELECT roles::text FROM users WHERE id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Moderator_CannotSetRolePermissions_WithAPermissionItLacks_NorOnARoleAboveIt()
    {
        var moderator = await ModeratorAsync();
        var role = "helper_" + Guid.NewGuid().ToString("N")[..6];

        await (await moderator.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "reviews:moderate", "products:publish" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await factory.ScalarAsync<long>("SELECT count(*) FROM role_permissions WHERE role = @Role", new { Role = role }));

        // Taking permissions away from a role whose permissions it does not hold would strip users above it.
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var above = "publisher_" + Guid.NewGuid().ToString("N")[..6];
        await (await admin.PutAsJsonAsync($"/api/v1/roles/{above}/permissions", new { permissions = new[] { "products:read", "products:publish" } }))
            .AssertStatusAsync(HttpStatusCode.OK);
        await (await moderator.PutAsJsonAsync($"/api/v1/roles/{above}/permissions", new { permissions = Array.Empty<string>() }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(2, await factory.ScalarAsync<long>("SELECT count(*) FROM role_permissions WHERE role = @Role", new { Role = above }));

        await (await moderator.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "reviews:moderate" } }))
            .AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoAdmins_OneDemotesTheOther()
    {
        var (first, _) = await factory.CreateClientAsAsync("admin");
        var second = await factory.CreateUserAsync(null, IdentityTestHelpers.Password, "admin");

        await (await first.PatchAsync($"/api/v1/users/{second.Id}", JsonContent.Create(new { roles = new[] { "user" } }))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("{user}", await factory.ScalarAsync<string>("SELECT roles::text FROM users WHERE id = @Id", new { second.Id }));
    }

    /// <summary>A client for a new moderator, once the moderator role holds <see cref="ModeratorWithUserAdmin"/>.</summary>
    private async Task<HttpClient> ModeratorAsync()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        await (await admin.PutAsJsonAsync("/api/v1/roles/moderator/permissions", new { permissions = ModeratorWithUserAdmin })).AssertStatusAsync(HttpStatusCode.OK);
        var (moderator, _) = await factory.CreateClientAsAsync("moderator");
        return moderator;
    }
}
