using System.Net;
using System.Text;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.WebApi.Hardening;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>Security headers, HSTS, CORS, forwarded headers and the signing-key start-up check (ADR-071).</summary>
public sealed class SecurityDefaultsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/v1/does-not-exist")]
    [InlineData("/openapi/v1.json")]
    public async Task Responses_CarryTheSecurityHeaders_WithALockedDownCsp(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(SecurityHeadersMiddleware.ApiContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task SwaggerUi_GetsACspThatLetsItsOwnScriptsRun_AndStillNoFraming()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");
        response.EnsureSuccessStatusCode();
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Hsts_IsSentOverHttpsOutsideDevelopment_AndNeverOverPlainHttp()
    {
        var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.catalog.example") });
        var secure = await https.GetAsync("/health/live");
        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);

        var plain = await factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://api.catalog.example") }).GetAsync("/health/live");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Cors_ByDefault_AllowsNoOrigin()
    {
        using var preflight = Preflight("https://evil.example");
        var response = await factory.CreateClient().SendAsync(preflight);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        using var simple = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        simple.Headers.Add("Origin", "https://evil.example");
        Assert.False((await factory.CreateClient().SendAsync(simple)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_AllowsExactlyTheConfiguredOrigins()
    {
        await using var configured = await StartFactoryAsync(("Cors:AllowedOrigins:0", "https://shop.example"), ("Cors:AllowedOrigins:1", "https://admin.shop.example"));
        var client = configured.CreateClient();

        using var allowed = Preflight("https://admin.shop.example");
        var ok = await client.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal("https://admin.shop.example", ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(ok.Headers.Contains("Access-Control-Allow-Credentials"));

        using var refused = Preflight("https://evil.example");
        Assert.False((await client.SendAsync(refused)).Headers.Contains("Access-Control-Allow-Origin"));

        using var simple = new HttpRequestMessage(HttpMethod.Get, "/api/v1/brands/none");
        simple.Headers.Add("Origin", "https://shop.example");
        var actual = await client.SendAsync(simple);
        Assert.Equal("https://shop.example", actual.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", actual.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedHeaders_AreBelievedOnlyFromKnownProxies()
    {
        await using var proxied = await StartFactoryAsync(
            ("ForwardedHeaders:KnownProxies:0", "10.0.0.5"),
            ("Https:RedirectHttp", "true"),
            ("Https:Port", "443"));

        // Behind the known proxy, which terminated TLS: the request counts as HTTPS (no redirect, HSTS sent).
        var viaProxy = await SendAsync(proxied, "10.0.0.5", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal(StatusCodes.Status200OK, viaProxy.Response.StatusCode);
        Assert.True(viaProxy.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Equal("203.0.113.9", viaProxy.Connection.RemoteIpAddress?.ToString());

        // Anyone else claiming HTTPS is not believed: plain HTTP is redirected, and the client address stays theirs.
        var forged = await SendAsync(proxied, "198.51.100.7", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal(StatusCodes.Status308PermanentRedirect, forged.Response.StatusCode);
        Assert.Equal("https://api.catalog.example/health/live", forged.Response.Headers.Location.ToString());
        Assert.Equal("198.51.100.7", forged.Connection.RemoteIpAddress?.ToString());
    }

    [Fact]
    public async Task ForwardedHeaders_InvalidProxyAddress_FailsAtStartWithAClearMessage()
    {
        await using var broken = await StartFactoryAsync(("ForwardedHeaders:KnownProxies:0", "not-an-ip"));
        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains("ForwardedHeaders:KnownProxies", Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Jwt:SigningKey is required outside Development")]
    [InlineData("", "Jwt:SigningKey is required outside Development")]
    [InlineData("too-short", "at least 32 bytes")]
    public async Task MissingOrWeakSigningKey_OutsideDevelopment_StopsTheStartWithAClearError(string? key, string message)
    {
        await using var production = await StartFactoryAsync(("Jwt:SigningKey", key));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains(message, Flatten(error), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/brands");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    private static Task<HttpContext> SendAsync(CatalogApiFactory target, string remoteIp, params (string Name, string Value)[] headers) =>
        target.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("api.catalog.example");
            context.Request.Path = "/health/live";
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteIp);
            foreach (var (name, value) in headers)
            {
                context.Request.Headers[name] = value;
            }
        });

    private static async Task<CatalogApiFactory> StartFactoryAsync(params (string Key, string? Value)[] settings)
    {
        var created = new CatalogApiFactory();
        await created.InitializeAsync();
        foreach (var (key, value) in settings)
        {
            created.WithSetting(key, value);
        }

        return created;
    }

    private static string Flatten(Exception error)
    {
        var text = new StringBuilder();
        for (var e = error; e is not null; e = e.InnerException)
        {
            text.AppendLine(e.Message);
        }

        return text.ToString();
    }
}
