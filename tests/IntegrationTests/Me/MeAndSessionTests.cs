using System.Net;
using System.Net.Http.Json;
using System.Text;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Me;

public sealed class MeAndSessionTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task GetMe_ReturnsTheProfile_WithNoStore_AndAnonymousIs401()
    {
        var (client, user) = await factory.CreateClientAsAsync("user");
        var response = await client.GetAsync("/api/v1/me");
        var me = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(me.TryGetProperty("passwordHash", out _));
        Assert.False(me.TryGetProperty("securityStamp", out _));
        await (await factory.CreateClient().GetAsync("/api/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PatchMe_ChangesOnlyProfileFields_IgnoringRolesEmailAndFlags()
    {
        var (client, user) = await factory.CreateClientAsAsync("user");
        var body = """
            {"firstName":"Grace","avatarUrl":"https://img.example/g.png","metadata":{"theme":"dark"},
             "roles":["admin"],"email":"evil@example.com","emailVerified":true,"isActive":false,"id":"00000000-0000-0000-0000-000000000001",
             "passwordHash":"x","securityStamp":"00000000-0000-0000-0000-000000000002","loginCount":99}
            """;
        var response = await client.PatchAsync("/api/v1/me", new StringContent(body, Encoding.UTF8, "application/json"));
        var me = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Grace", me.GetProperty("firstName").GetString());
        Assert.Equal("User", me.GetProperty("lastName").GetString());
        Assert.Equal("dark", me.GetProperty("metadata").GetProperty("theme").GetString());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());

        var row = await factory.ScalarAsync<string>(
            "SELECT concat_ws('|', email, roles::text, email_verified, is_active, id, login_count) FROM users WHERE id = @Id", new { user.Id });
        Assert.Equal($"{user.Email}|{{user}}|f|t|{user.Id}|0", row);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(1, await factory.AuditCountAsync("user.profile_updated", user.Id));
    }

    [Fact]
    public async Task PatchMe_InvalidFields_Is400()
    {
        var (client, _) = await factory.CreateClientAsAsync("user");
        var response = await client.PatchAsync("/api/v1/me", JsonContent.Create(new { avatarUrl = "javascript:alert(1)", firstName = new string('a', 101), metadata = new[] { 1 } }));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("avatarUrl", out _));
        Assert.True(errors.TryGetProperty("firstName", out _));
        Assert.True(errors.TryGetProperty("metadata", out _));
    }

    [Fact]
    public async Task ListSessions_MarksTheCurrentOne_AndDeletingAnotherEndsIt()
    {
        var user = await factory.CreateUserAsync();
        var anonymous = factory.CreateClient();
        var laptop = await anonymous.LoginAsync(user.Email);
        var phone = await anonymous.LoginAsync(user.Email);
        var laptopClient = factory.WithBearer(laptop.GetProperty("accessToken").GetString());

        var sessions = await (await laptopClient.GetAsync("/api/v1/me/sessions")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, sessions.GetArrayLength());
        Assert.Single(sessions.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        var first = sessions[0];
        foreach (var field in new[] { "id", "ipAddress", "userAgent", "createdAt", "lastActivityAt", "expiresAt" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }

        var other = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await laptopClient.DeleteAsync($"/api/v1/me/sessions/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer(phone.GetProperty("accessToken").GetString()).GetAsync("/api/v1/me")).StatusCode);
        await (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = phone.GetProperty("refreshToken").GetString() })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await laptopClient.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(1, await factory.AuditCountAsync("session.ended", Guid.Parse(other!)));
    }

    [Fact]
    public async Task DeletingSomeoneElsesSession_Is404_AndTheSessionLives()
    {
        var victim = await factory.CreateUserAsync();
        var victimTokens = await factory.CreateClient().LoginAsync(victim.Email);
        var victimSession = await factory.ScalarAsync<Guid>("SELECT id FROM user_sessions WHERE user_id = @Id", new { victim.Id });
        var (attacker, _) = await factory.CreateClientAsAsync("admin");

        await (await attacker.DeleteAsync($"/api/v1/me/sessions/{victimSession}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(victimTokens.GetProperty("accessToken").GetString()).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await attacker.DeleteAsync("/api/v1/me/sessions/not-a-guid")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_EndsOtherSessions_KeepsTheCurrentRefreshable()
    {
        var user = await factory.CreateUserAsync();
        var anonymous = factory.CreateClient();
        var current = await anonymous.LoginAsync(user.Email);
        var other = await anonymous.LoginAsync(user.Email);
        var client = factory.WithBearer(current.GetProperty("accessToken").GetString());

        var wrong = await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = "not it at all", newPassword = "a fresh passphrase 77" });
        Assert.True((await wrong.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(1, await factory.AuditCountAsync("auth.password_change_failed", user.Id));

        var weak = await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = IdentityTestHelpers.Password, newPassword = "password1" });
        await weak.AssertProblemAsync(HttpStatusCode.BadRequest);

        var ok = await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = IdentityTestHelpers.Password, newPassword = "a fresh passphrase 77" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer(other.GetProperty("accessToken").GetString()).GetAsync("/api/v1/me")).StatusCode);
        await (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = other.GetProperty("refreshToken").GetString() })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var refreshed = await (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = current.GetProperty("refreshToken").GetString() })).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(refreshed.GetProperty("accessToken").GetString()).GetAsync("/api/v1/me")).StatusCode);
        await anonymous.LoginAsync(user.Email, "a fresh passphrase 77");
        Assert.Equal(1, await factory.AuditCountAsync("auth.password_changed", user.Id));
    }

    [Fact]
    public async Task ApiKeys_CannotUseAccountEndpoints()
    {
        var keyClient = await factory.CreateApiKeyClientAsync("users:read");
        await (await keyClient.GetAsync("/api/v1/me")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await keyClient.GetAsync("/api/v1/me/sessions")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await keyClient.PostJsonAsync("/api/v1/me/password", new { currentPassword = "whatever it is", newPassword = "a fresh passphrase 78" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
