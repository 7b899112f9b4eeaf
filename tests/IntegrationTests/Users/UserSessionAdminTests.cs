using System.Net;
using System.Net.Http.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Users;

/// <summary>GET /users/{id}/sessions and DELETE /users/{id}/sessions/{sessionId}: the back office's view of one user's sessions.</summary>
public sealed class UserSessionAdminTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task Admin_ListsAUsersSessions_AndEndsOne_WhichStopsItsTokens()
    {
        var (admin, adminUser) = await factory.CreateClientAsAsync("admin");
        var user = await factory.CreateUserAsync();
        var laptop = await factory.CreateClient().LoginAsync(user.Email);
        var phone = await factory.CreateClient().LoginAsync(user.Email);
        var phoneClient = factory.WithBearer(phone.GetProperty("accessToken").GetString());
        var laptopClient = factory.WithBearer(laptop.GetProperty("accessToken").GetString());

        var sessions = await (await admin.GetAsync($"/api/v1/users/{user.Id}/sessions")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, sessions.GetArrayLength());
        Assert.DoesNotContain(sessions.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        foreach (var field in new[] { "id", "ipAddress", "userAgent", "createdAt", "lastActivityAt", "expiresAt" })
        {
            Assert.True(sessions[0].TryGetProperty(field, out _), field);
        }

        var phoneSession = await factory.ScalarAsync<Guid>(
            "SELECT session_id FROM refresh_tokens WHERE token_hash = encode(sha256(convert_to(@T, 'UTF8')), 'hex')",
            new { T = phone.GetProperty("refreshToken").GetString() });
        Assert.Contains(sessions.EnumerateArray(), s => s.GetProperty("id").GetGuid() == phoneSession);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{user.Id}/sessions/{phoneSession}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phoneClient.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptopClient.GetAsync("/api/v1/me")).StatusCode);
        var left = await (await admin.GetAsync($"/api/v1/users/{user.Id}/sessions")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, left.GetArrayLength());
        Assert.Equal(1L, await factory.ScalarAsync<long>(
            "SELECT count(*) FROM audit_logs WHERE action = 'session.ended' AND resource_id = @S AND user_id = @A AND metadata->>'reason' = 'admin_ended'",
            new { S = phoneSession, A = adminUser.Id }));

        // Ended already, or someone else's session under this user's address: not found, and nothing else ends.
        await (await admin.DeleteAsync($"/api/v1/users/{user.Id}/sessions/{phoneSession}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var other = await factory.CreateUserAsync();
        await factory.CreateClient().LoginAsync(other.Email);
        var otherSession = await factory.ScalarAsync<Guid>("SELECT id FROM user_sessions WHERE user_id = @Id", new { other.Id });
        await (await admin.DeleteAsync($"/api/v1/users/{user.Id}/sessions/{otherSession}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT count(*) FROM user_sessions WHERE id = @Id AND revoked_at IS NULL", new { Id = otherSession }));
    }

    [Fact]
    public async Task UserSessions_NeedTheRights_AndAnUnknownUserIs404()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        await (await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}/sessions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/v1/users/{Guid.NewGuid()}/sessions/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var target = await factory.CreateUserAsync(null, IdentityTestHelpers.Password, "admin");
        var tokens = await factory.CreateClient().LoginAsync(target.Email);
        var session = await factory.ScalarAsync<Guid>("SELECT id FROM user_sessions WHERE user_id = @Id", new { target.Id });
        var (plain, _) = await factory.CreateClientAsAsync("user");
        await (await plain.GetAsync($"/api/v1/users/{target.Id}/sessions")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await plain.DeleteAsync($"/api/v1/users/{target.Id}/sessions/{session}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        // A role holding users:write but not every permission of an admin cannot end an admin's session (ADR-077).
        var role = "support_" + Guid.NewGuid().ToString("N")[..6];
        await (await admin.PutAsJsonAsync($"/api/v1/roles/{role}/permissions", new { permissions = new[] { "users:read", "users:write" } })).AssertStatusAsync(HttpStatusCode.OK);
        var (support, _) = await factory.CreateClientAsAsync(role);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync($"/api/v1/users/{target.Id}/sessions")).StatusCode);
        await (await support.DeleteAsync($"/api/v1/users/{target.Id}/sessions/{session}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(tokens.GetProperty("accessToken").GetString()).GetAsync("/api/v1/me")).StatusCode);
    }
}
