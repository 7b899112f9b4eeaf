using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Observability;

/// <summary>
/// No token, password or key in any log line. The host logs everything it can (every category at Trace) through the
/// JSON formatter the console uses outside Development; the run registers, verifies, signs in (wrongly, then rightly),
/// refreshes, resets a password and creates and uses an API key; then every captured line is searched for each secret
/// the run handled (and the secrets of the host's own configuration).
/// </summary>
public sealed class LogSecretsTests : IClassFixture<ObservabilityApiFactory>
{
    private readonly ObservabilityApiFactory _factory;

    public LogSecretsTests(ObservabilityApiFactory factory) => _factory = (ObservabilityApiFactory)factory
        .WithSetting("Logging:LogLevel:Default", "Trace")
        .WithSetting("Logging:LogLevel:Microsoft", "Trace")
        .WithSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
        .WithSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace")
        .WithSetting("Logging:LogLevel:Hangfire", "Trace");

    [Fact]
    public async Task AFullRun_WritesNoTokenPasswordOrKeyToTheLog()
    {
        var client = _factory.CreateClient();
        var email = $"logs-{Guid.NewGuid():N}@example.com";
        var password = "log-secret-password-" + Guid.NewGuid().ToString("N");
        var wrongPassword = "log-secret-wrong-" + Guid.NewGuid().ToString("N");
        var newPassword = "log-secret-new-" + Guid.NewGuid().ToString("N");

        await (await client.PostJsonAsync("/api/v1/auth/register", new { email, password })).AssertStatusAsync(HttpStatusCode.Created);
        var verifyToken = await _factory.TokenFromLatestMailAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/auth/verify-email", new { token = verifyToken })).StatusCode);
        await (await client.PostJsonAsync("/api/v1/auth/login", new { email, password = wrongPassword })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var signedIn = await client.LoginAsync(email, password);
        var refreshed = await (await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = Text(signedIn, "refreshToken") })).AssertStatusAsync(HttpStatusCode.OK);
        await (await _factory.WithBearer(Text(refreshed, "accessToken")).GetAsync("/api/v1/me")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email })).StatusCode);
        var resetToken = await _factory.TokenFromLatestMailAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/v1/auth/reset-password", new { token = resetToken, newPassword })).StatusCode);

        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "log scan", permissions = new[] { "products:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        var apiKey = Text(created, "key");
        await (await _factory.WithApiKey(apiKey).GetAsync("/api/v1/products?status=draft")).AssertStatusAsync(HttpStatusCode.OK);
        await (await _factory.WithApiKey(apiKey[..^4] + "AAAA").GetAsync("/api/v1/products?status=draft")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var secrets = new Dictionary<string, string>
        {
            ["password"] = password,
            ["wrong password"] = wrongPassword,
            ["new password"] = newPassword,
            ["email verification token"] = verifyToken,
            ["password reset token"] = resetToken,
            ["access token"] = Text(signedIn, "accessToken"),
            ["refresh token"] = Text(signedIn, "refreshToken"),
            ["rotated access token"] = Text(refreshed, "accessToken"),
            ["rotated refresh token"] = Text(refreshed, "refreshToken"),
            ["API key"] = apiKey,
            ["API key secret part"] = apiKey[^20..],
            ["signing key"] = CatalogApiFactory.SigningKey,
            ["app role password"] = PostgresServer.AppPassword,
            ["owner password"] = PostgresServer.OwnerPassword,
        };
        var lines = _factory.Logs.Lines.ToList();
        // The scan covers a real run: the framework's request lines, EF Core's commands and the catalog's own are there.
        Assert.Contains(lines, l => l.Contains("\"category\":\"Microsoft.AspNetCore.Hosting.Diagnostics\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"category\":\"Microsoft.EntityFrameworkCore.Database.Command\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("LoginCommand", StringComparison.Ordinal));
        foreach (var (what, secret) in secrets)
        {
            var leaks = lines.Where(l => l.Contains(secret, StringComparison.Ordinal) || l.Contains(JsonEncodedText.Encode(secret).ToString(), StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"The {what} is in {leaks.Count} log line(s), e.g. {leaks.FirstOrDefault()}");
        }
    }

    private static string Text(JsonElement body, string property) => body.GetProperty(property).GetString()!;
}
