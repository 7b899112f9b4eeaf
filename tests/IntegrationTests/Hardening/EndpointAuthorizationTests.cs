using System.Text;
using System.Text.RegularExpressions;
using Catalog.Application.Common.Security;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.WebApi.Security;
using IAllowAnonymous = Microsoft.AspNetCore.Authorization.IAllowAnonymous;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>
/// Every back-office route is authorized at the endpoint, before a byte of its body is read (issue 22): a caller that
/// may not send the request gets its 401/403 while the body it is still sending stays unread.
/// </summary>
public sealed partial class EndpointAuthorizationTests(EndpointAuthorizationTests.KestrelFactory factory) : IClassFixture<EndpointAuthorizationTests.KestrelFactory>
{
    /// <summary>Over a real socket: the in-memory test server waits for a request body to end before it answers.</summary>
    public sealed class KestrelFactory : CatalogApiFactory
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            UseKestrel(0);
            StartServer();
        }
    }

    [Fact]
    public void EveryAction_DeclaresItsDemand_OrThatAnyoneMayCallIt()
    {
        var undeclared = Actions()
            .Where(a => a.Metadata.GetMetadata<IAuthorizeAsMetadata>() is null && a.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(a => a.DisplayName)
            .ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void EveryAction_ThatBindsAnAuthorizedRequest_IsAuthorizedAsThatRequest()
    {
        var mismatched = new List<string>();
        foreach (var action in Actions())
        {
            var descriptor = action.Metadata.GetMetadata<ControllerActionDescriptor>()!;
            var bound = descriptor.Parameters.Select(p => p.ParameterType).FirstOrDefault(t => AuthorizationRule.For(t) is not null);
            if (bound is not null && action.Metadata.GetMetadata<IAuthorizeAsMetadata>()?.RequestType != bound)
            {
                mismatched.Add(action.DisplayName!);
            }
        }

        Assert.Empty(mismatched);
    }

    [Fact]
    public async Task AnonymousCaller_Gets401_WhileItsBodyIsStillUnread()
    {
        var checkedRoutes = 0;
        foreach (var (method, url, _) in DemandingRoutes())
        {
            var (status, text) = await SendEndlessAsync(method, url);
            Assert.True(status == 401 && text.Contains("\"code\":\"unauthorized\"", StringComparison.Ordinal), $"{method} {url}: {text}");
            checkedRoutes++;
        }

        Assert.True(checkedRoutes >= 30, $"only {checkedRoutes} routes with a body were walked");
    }

    [Fact]
    public async Task CallerWithoutThePermission_Gets403_WhileItsBodyIsStillUnread()
    {
        var key = (await factory.CreateApiKeyClientAsync()).DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var checkedRoutes = 0;
        foreach (var (method, url, _) in DemandingRoutes().Where(r => r.Demand.Permission is not null || r.Demand.UsersOnly))
        {
            var (status, text) = await SendEndlessAsync(method, url, "X-Api-Key: " + key);
            Assert.True(status == 403 && text.Contains("\"code\":\"forbidden\"", StringComparison.Ordinal), $"{method} {url}: {text}");
            checkedRoutes++;
        }

        Assert.True(checkedRoutes >= 25, $"only {checkedRoutes} routes with a body were walked");
    }

    /// <summary>
    /// Over a raw socket: the request line, the headers and a first 64 KB chunk of a body that never ends. Only an answer
    /// given without reading the body can arrive; one that waits for it fails after 30 s.
    /// </summary>
    private async Task<(int Status, string Text)> SendEndlessAsync(HttpMethod method, string url, string? header = null)
    {
        var server = factory.CreateClient().BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        var mediaType = url.EndsWith("/import", StringComparison.Ordinal) ? "text/csv" : "application/json";
        var head = $"{method} {url} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {mediaType}\r\nTransfer-Encoding: chunked\r\n"
            + (header is null ? string.Empty : header + "\r\n") + "\r\n" + $"{64 * 1024:x}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        await stream.WriteAsync(Enumerable.Repeat((byte)' ', 64 * 1024).ToArray(), timeout.Token);
        await stream.WriteAsync("\r\n"u8.ToArray(), timeout.Token);
        await stream.FlushAsync(timeout.Token);

        var received = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            while (!received.ToString().Contains("\"code\"", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{method} {url} waited for the request body instead of answering");
        }

        var text = received.ToString();
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }

    private IEnumerable<RouteEndpoint> Actions() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null);

    /// <summary>Each route whose request demands something and whose method carries a body, with its parameters filled in.</summary>
    private IEnumerable<(HttpMethod Method, string Url, AuthorizeAttribute Demand)> DemandingRoutes()
    {
        foreach (var action in Actions())
        {
            var demand = action.Metadata.GetMetadata<IAuthorizeAsMetadata>() is { } declared ? AuthorizationRule.For(declared.RequestType) : null;
            var method = action.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            if (demand is null || method is "GET" or "HEAD")
            {
                continue;
            }

            var url = "/" + RouteParameter().Replace(action.RoutePattern.RawText!, m => m.Groups[1].Value switch
            {
                "version" => "1",
                _ when m.Value.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
                _ => "x",
            });
            yield return (new HttpMethod(method), url, demand);
        }
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
