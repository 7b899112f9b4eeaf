using System.Net;
using System.Net.Http.Json;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>
/// The in-memory test host has no peer address; this one takes it from a test-only header, set before the app's own
/// pipeline runs (so before UseForwardedHeaders), as a TCP connection from that address would.
/// </summary>
public class PeerAddressApiFactory : CatalogApiFactory
{
    public const string PeerHeader = "X-Test-Peer-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddressStartupFilter>());
    }

    private sealed class PeerAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                    context.Request.Headers.Remove(PeerHeader);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>X-Forwarded-For decides the client address (rate limits, sessions, audit) only when a configured proxy sends it.</summary>
public sealed class ForwardedForTests : IClassFixture<PeerAddressApiFactory>
{
    private const string Proxy = "10.0.0.5";
    private readonly PeerAddressApiFactory _factory;

    public ForwardedForTests(PeerAddressApiFactory factory) => _factory = (PeerAddressApiFactory)factory
        .WithSetting("ForwardedHeaders:KnownProxies:0", Proxy)
        .WithSetting("RateLimiting:AnonymousPermitsPerMinute", "3");

    [Fact]
    public async Task RateLimit_WhenAnUntrustedPeerSpoofsForwardedFor_CountsThePeerAndStillLimitsIt()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await SendAsync(client, HttpMethod.Get, "/api/v1/brands/none", "198.51.100.7", $"203.0.113.{i + 1}");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
            Assert.Equal((2 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), allowed.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        var limited = await SendAsync(client, HttpMethod.Get, "/api/v1/brands/none", "198.51.100.7", "203.0.113.99");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        // Another peer has its own budget: the limit is per peer address, not global.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Get, "/api/v1/brands/none", "198.51.100.8", "203.0.113.1")).StatusCode);
    }

    [Fact]
    public async Task RateLimit_WhenAConfiguredProxyForwards_CountsEachForwardedClientSeparately()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Get, "/api/v1/brands/none", Proxy, "203.0.113.10")).StatusCode);
        }

        await (await SendAsync(client, HttpMethod.Get, "/api/v1/brands/none", Proxy, "203.0.113.10")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        // The same proxy carrying another client: that client's own budget, not the proxy's exhausted one.
        var other = await SendAsync(client, HttpMethod.Get, "/api/v1/brands/none", Proxy, "203.0.113.11");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("2", other.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Theory]
    [InlineData("198.51.100.20", "203.0.113.20", "198.51.100.20")]
    [InlineData(Proxy, "203.0.113.21", "203.0.113.21")]
    public async Task SignIn_RecordsTheForwardedClientOnlyFromAConfiguredProxy_InSessionAndAudit(string peer, string forwardedFor, string recorded)
    {
        var user = await _factory.CreateUserAsync();
        var response = await SendAsync(_factory.CreateClient(), HttpMethod.Post, "/api/v1/auth/login", peer, forwardedFor,
            JsonContent.Create(new { email = user.Email, password = IdentityTestHelpers.Password }));
        await response.AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(recorded, await ScalarAsync($"SELECT host(ip_address) FROM user_sessions WHERE user_id = '{user.Id}'"));
        Assert.Equal(recorded, await ScalarAsync($"SELECT host(ip_address) FROM audit_logs WHERE resource_type = 'user' AND resource_id = '{user.Id}' AND action = 'auth.login_succeeded'"));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string peer, string forwardedFor, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(PeerAddressApiFactory.PeerHeader, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
