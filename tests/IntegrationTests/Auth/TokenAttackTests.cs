using System.Net;
using System.Security.Claims;
using System.Text;
using Catalog.Infrastructure.Identity;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Catalog.IntegrationTests.Auth;

/// <summary>Forged, stale and misused credentials are refused with 401 on every route.</summary>
public sealed class TokenAttackTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task AlgNone_Is401()
    {
        var (user, sid) = await SignedInAsync();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(PayloadJson(user.Id, sid, user.SecurityStamp, DateTimeOffset.UtcNow.AddMinutes(5), "catalog-api")));
        await AssertRefusedAsync($"{header}.{payload}.");
    }

    [Fact]
    public async Task WrongSigningKey_Is401()
    {
        var (user, sid) = await SignedInAsync();
        await AssertRefusedAsync(Forge(user.Id, sid, user.SecurityStamp, key: "another-signing-key-of-at-least-32-bytes!!"));
    }

    [Fact]
    public async Task ExpiredBeyondTheSkew_Is401()
    {
        var (user, sid) = await SignedInAsync();
        await AssertRefusedAsync(Forge(user.Id, sid, user.SecurityStamp, expires: DateTimeOffset.UtcNow.AddSeconds(-45)));
    }

    [Fact]
    public async Task WrongAudience_Is401()
    {
        var (user, sid) = await SignedInAsync();
        await AssertRefusedAsync(Forge(user.Id, sid, user.SecurityStamp, audience: "someone-else"));
    }

    [Fact]
    public async Task WrongTyp_Is401()
    {
        var (user, sid) = await SignedInAsync();
        await AssertRefusedAsync(Forge(user.Id, sid, user.SecurityStamp, typ: "JWT"));
    }

    [Fact]
    public async Task ACorrectlySignedTokenForAnUnknownSession_Is401()
    {
        var (user, _) = await SignedInAsync();
        await AssertRefusedAsync(Forge(user.Id, Guid.NewGuid(), user.SecurityStamp));
    }

    [Fact]
    public async Task ControlToken_ForgedWithTheRightKey_IsAccepted()
    {
        var (user, sid) = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(Forge(user.Id, sid, user.SecurityStamp)).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task RefreshTokenOrApiKeyAsBearer_Is401()
    {
        var user = await factory.CreateUserAsync();
        var tokens = await factory.CreateClient().LoginAsync(user.Email);
        await AssertRefusedAsync(tokens.GetProperty("refreshToken").GetString()!);

        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var key = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "k", permissions = Array.Empty<string>() })).AssertStatusAsync(HttpStatusCode.Created);
        await AssertRefusedAsync(key.GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task Deactivation_MakesOutstandingAccessTokensFail()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.IssueTokenAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(token).GetAsync("/api/v1/me")).StatusCode);
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var patch = await admin.PatchAsync($"/api/v1/users/{user.Id}", JsonContent(new { isActive = false }));
        await patch.AssertStatusAsync(HttpStatusCode.OK);
        await AssertRefusedAsync(token);
    }

    [Fact]
    public async Task AdminSignOutEverywhere_MakesOutstandingAccessTokensFail()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.IssueTokenAsync(user);
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{user.Id}/sessions")).StatusCode);
        await AssertRefusedAsync(token);
        Assert.Equal(1, await factory.AuditCountAsync("session.ended_all", user.Id));
    }

    private async Task<(Domain.Users.User User, Guid SessionId)> SignedInAsync()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateClient().LoginAsync(user.Email);
        var jwt = new JsonWebToken(token.GetProperty("accessToken").GetString());
        return (user, Guid.Parse(jwt.GetClaim("sid").Value));
    }

    private async Task AssertRefusedAsync(string token)
    {
        var response = await factory.WithBearer(token).GetAsync("/api/v1/me");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        // Even an anonymous route refuses a broken credential rather than silently ignoring it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer(token).GetAsync("/api/v1/brands/none")).StatusCode);
    }

    private static string Forge(Guid userId, Guid sessionId, Guid stamp, string key = CatalogApiFactory.SigningKey, DateTimeOffset? expires = null, string audience = "catalog-api", string typ = JwtOptions.AccessTokenType)
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddMinutes(5);
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("sid", sessionId.ToString()), new Claim("stamp", stamp.ToString("N")), new Claim("role", "user")]),
            Issuer = "catalog",
            Audience = audience,
            IssuedAt = exp.AddMinutes(-15).UtcDateTime,
            NotBefore = exp.AddMinutes(-15).UtcDateTime,
            Expires = exp.UtcDateTime,
            TokenType = typ,
            SigningCredentials = new SigningCredentials(AccessTokenIssuer.CreateKey(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string PayloadJson(Guid userId, Guid sessionId, Guid stamp, DateTimeOffset expires, string audience) =>
        $$"""{"sub":"{{userId}}","sid":"{{sessionId}}","stamp":"{{stamp:N}}","role":"admin","iss":"catalog","aud":"{{audience}}","nbf":{{expires.AddMinutes(-10).ToUnixTimeSeconds()}},"exp":{{expires.ToUnixTimeSeconds()}}}""";

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, HttpAssertions.Json), Encoding.UTF8, "application/json");
}
