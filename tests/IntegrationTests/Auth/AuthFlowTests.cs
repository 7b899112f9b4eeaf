using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Catalog.IntegrationTests.Auth;

public sealed class AuthFlowTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static string NewEmail() => $"u-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Register_Returns201User_QueuesVerificationMail_AndSecondRegistrationIs409()
    {
        var client = factory.CreateClient();
        var email = NewEmail();
        var response = await client.PostJsonAsync("/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = IdentityTestHelpers.Password, firstName = "Ada" });
        var user = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.False(user.GetProperty("emailVerified").GetBoolean());
        Assert.Equal(["user"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(user.TryGetProperty("createdAt", out _));
        Assert.False(user.TryGetProperty("passwordHash", out _));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM email_outbox WHERE recipient = @Email", new { Email = email }));
        Assert.Equal(1, await factory.AuditCountAsync("user.registered", Guid.Parse(user.GetProperty("id").GetString()!)));

        var again = await client.PostJsonAsync("/api/v1/auth/register", new { email, password = IdentityTestHelpers.Password });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password123")]
    [InlineData("qwertyuiop")]
    public async Task Register_WeakOrCommonPassword_Is400AndWritesNothing(string password)
    {
        var email = NewEmail();
        var response = await factory.CreateClient().PostJsonAsync("/api/v1/auth/register", new { email, password });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(0, await factory.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @Email", new { Email = email }));
    }

    [Fact]
    public async Task Register_LongPassphrase_IsAcceptedWithoutTruncation()
    {
        var client = factory.CreateClient();
        var email = NewEmail();
        var password = new string('x', 40) + "-a long passphrase of more than sixty four characters ✓";
        await (await client.PostJsonAsync("/api/v1/auth/register", new { email, password })).AssertStatusAsync(HttpStatusCode.Created);
        await client.LoginAsync(email, password);
        var truncated = await client.PostJsonAsync("/api/v1/auth/login", new { email, password = password[..64] });
        await truncated.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_ReturnsBearerPair_AndWrongPasswordOrUnknownEmailGiveTheSame401()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateClient();
        var response = await client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityTestHelpers.Password });
        var tokens = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.Equal(900, tokens.GetProperty("expiresIn").GetInt32());
        Assert.True(tokens.GetProperty("refreshToken").GetString()!.Length >= 43);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(1, await factory.AuditCountAsync("auth.login_succeeded", user.Id));

        var wrong = await (await client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the password" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await client.PostJsonAsync("/api/v1/auth/login", new { email = NewEmail(), password = "not the password" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(Strip(wrong), Strip(unknown));
        Assert.True(await factory.AuditCountAsync("auth.login_failed", user.Id) >= 1);
        Assert.True(await factory.ScalarAsync<long>("SELECT count(*) FROM audit_logs WHERE action = 'auth.login_failed' AND resource_id IS NULL") >= 1);
    }

    [Fact]
    public async Task Login_WithAWeakerStoredHash_RehashesAt210000Iterations()
    {
        var user = await factory.CreateUserAsync();
        var weak = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 })).HashPassword(new object(), IdentityTestHelpers.Password);
        await factory.ExecuteAsync("UPDATE users SET password_hash = @Hash WHERE id = @Id", new { Hash = weak, user.Id });
        await factory.CreateClient().LoginAsync(user.Email);
        var stored = await factory.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id });
        Assert.NotEqual(weak, stored);
        var bytes = Convert.FromBase64String(stored!);
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.Equal(210_000, iterations);
    }

    [Fact]
    public async Task Refresh_RotatesTheToken_AndReusingTheOldOneRevokesTheWholeFamily()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateClient();
        var first = await client.LoginAsync(user.Email);
        var oldRefresh = first.GetProperty("refreshToken").GetString();

        var rotated = await (await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = oldRefresh })).AssertStatusAsync(HttpStatusCode.OK);
        var newRefresh = rotated.GetProperty("refreshToken").GetString();
        Assert.NotEqual(oldRefresh, newRefresh);
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(rotated.GetProperty("accessToken").GetString()).GetAsync("/api/v1/me")).StatusCode);

        var reuse = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = oldRefresh });
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var successor = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = newRefresh });
        await successor.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer(rotated.GetProperty("accessToken").GetString()).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(1, await factory.ScalarAsync<long>(
            "SELECT count(*) FROM audit_logs WHERE action = 'auth.refresh_reused' AND metadata->>'userId' = @Id", new { Id = user.Id.ToString() }));
        Assert.Equal(0, await factory.ScalarAsync<long>(
            "SELECT count(*) FROM refresh_tokens WHERE user_id = @Id AND revoked_at IS NULL", new { user.Id }));
    }

    [Fact]
    public async Task Refresh_GarbageOrMissingToken_Is401Or400()
    {
        var client = factory.CreateClient();
        await (await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostJsonAsync("/api/v1/auth/refresh", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refresh_AfterTheAbsoluteLifetime_Is401()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync(user.Email);
        await factory.ExecuteAsync("UPDATE user_sessions SET absolute_expires_at = now() - interval '1 minute' WHERE user_id = @Id", new { user.Id });
        var response = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_EndsTheSession_SoRefreshAndAccessTokenFail()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync(user.Email);
        var refresh = tokens.GetProperty("refreshToken").GetString();
        var bearer = factory.WithBearer(tokens.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = refresh })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        await (await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(1, await factory.AuditCountAsync("session.ended"
            , await factory.ScalarAsync<Guid>("SELECT id FROM user_sessions WHERE user_id = @Id", new { user.Id })));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = "unknown" })).StatusCode);
    }

    [Fact]
    public async Task VerifyEmail_WithTheMailedToken_MarksVerified_AndTheTokenIsSingleUse()
    {
        var client = factory.CreateClient();
        var email = NewEmail();
        await (await client.PostJsonAsync("/api/v1/auth/register", new { email, password = IdentityTestHelpers.Password })).AssertStatusAsync(HttpStatusCode.Created);
        var token = await factory.TokenFromLatestMailAsync(email);
        Assert.Equal(0, await factory.ScalarAsync<long>("SELECT count(*) FROM user_tokens WHERE token_hash = @T OR token_hash LIKE @P", new { T = token, P = token[..10] + "%" }));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/auth/verify-email", new { token })).StatusCode);
        Assert.True(await factory.ScalarAsync<bool>("SELECT email_verified FROM users WHERE email = @Email", new { Email = email }));
        await (await client.PostJsonAsync("/api/v1/auth/verify-email", new { token })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/auth/verify-email", new { token = "garbage" })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task VerifyEmail_WrongSecretSpendsAttempts_UntilTheTokenIsDead()
    {
        var client = factory.CreateClient();
        var email = NewEmail();
        await (await client.PostJsonAsync("/api/v1/auth/register", new { email, password = IdentityTestHelpers.Password })).AssertStatusAsync(HttpStatusCode.Created);
        var token = await factory.TokenFromLatestMailAsync(email);
        var forged = token[..33] + new string('A', token.Length - 33);
        for (var i = 0; i < 5; i++)
        {
            await (await client.PostJsonAsync("/api/v1/auth/verify-email", new { token = forged })).AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        Assert.Equal(5, await factory.ScalarAsync<int>("SELECT attempts FROM user_tokens WHERE id = @Id", new { Id = Guid.ParseExact(token[..32], "N") }));
        await (await client.PostJsonAsync("/api/v1/auth/verify-email", new { token })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ForgotPassword_Is202ForKnownAndUnknownEmails_AndMailsOnlyTheKnownOne()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateClient();
        var unknown = NewEmail();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = unknown })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = user.Email })).StatusCode);
        Assert.Equal(0, await factory.ScalarAsync<long>("SELECT count(*) FROM email_outbox WHERE recipient = @E", new { E = unknown }));
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM email_outbox WHERE recipient = @E", new { E = user.Email }));
        Assert.Equal(1, await factory.ScalarAsync<long>(
            "SELECT count(*) FROM user_tokens WHERE user_id = @Id AND purpose = 'password_reset' AND expires_at <= now() + interval '61 minutes'", new { user.Id }));
    }

    [Fact]
    public async Task ResetPassword_SetsTheNewPassword_EndsEverySession_AndTheTokenIsSingleUse()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateClient();
        var session = await client.LoginAsync(user.Email);
        await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = user.Email });
        var token = await factory.TokenFromLatestMailAsync(user.Email);

        const string newPassword = "a brand new passphrase 42";
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/auth/reset-password", new { token, newPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer(session.GetProperty("accessToken").GetString()).GetAsync("/api/v1/me")).StatusCode);
        await (await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.GetProperty("refreshToken").GetString() })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityTestHelpers.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await client.LoginAsync(user.Email, newPassword);
        await (await client.PostJsonAsync("/api/v1/auth/reset-password", new { token, newPassword = "yet another passphrase 43" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(1, await factory.AuditCountAsync("auth.password_reset", user.Id));
    }

    private static string Strip(JsonElement problem)
    {
        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(problem.GetRawText())!;
        copy.Remove("traceId");
        copy.Remove("requestId");
        return JsonSerializer.Serialize(copy);
    }
}
