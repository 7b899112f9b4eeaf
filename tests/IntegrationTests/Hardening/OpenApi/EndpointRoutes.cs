using System.Text.RegularExpressions;
using Catalog.Application.Common.Security;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Hardening.OpenApi;

/// <summary>
/// One route the application serves, read off its endpoint: the method ("*" for any), the path as OpenAPI writes it
/// (<c>/api/v1/brands/{idOrSlug}/archive</c>: the version filled in, constraints dropped), the operationId
/// (<c>[EndpointName]</c>) and the demand of its <c>[AuthorizeAs&lt;T&gt;]</c> (T's <see cref="AuthorizeAttribute"/>), null
/// when it declares none; and the first media type it consumes.
/// </summary>
public sealed partial record EndpointRoute(string Method, string Path, string? OperationId, AuthorizeAttribute? Demand, string ContentType)
{
    public string Key => $"{Method} {Path}";

    /// <summary>The demand as docs/api.md's operation table writes it: <c>anyone</c>, <c>signed in</c> or the permission, then <c>, people only</c>.</summary>
    public string Who => Demand is null ? "anyone" : (Demand.Permission ?? "signed in") + (Demand.UsersOnly ? ", people only" : string.Empty);

    /// <summary>The path with a fresh id for each parameter (a name where the route takes one): it finds nothing, so a probe changes nothing.</summary>
    public string ProbeUrl() => Parameter().Replace(Path, m => m.Groups[1].Value switch
    {
        "name" or "role" => "matrix-probe",
        "documentName" => "v1",
        _ => Guid.NewGuid().ToString(),
    });

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Parameter();
}

public static partial class EndpointRoutes
{
    /// <summary>
    /// Every route endpoint of the running application (the host must have been built: create a client first) but the
    /// back-office console's: its pages (<c>/admin</c>) need a console session by the endpoint policy of
    /// MapCatalogConsole and are probed in a browser (tests/BrowserTests), its stylesheets and scripts are public files.
    /// </summary>
    public static IReadOnlyList<EndpointRoute> Read(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => !IsConsole(endpoint.RoutePattern.RawText ?? string.Empty))
            .SelectMany(endpoint =>
            {
                var path = "/" + Constraint().Replace(endpoint.RoutePattern.RawText!.TrimStart('/').Replace("v{version:apiVersion}", "v1", StringComparison.Ordinal), "{$1}");
                var declared = endpoint.Metadata.GetMetadata<IAuthorizeAsMetadata>();
                var demand = declared is null ? null : AuthorizationRule.For(declared.RequestType)
                    ?? throw new InvalidOperationException($"{path}: [AuthorizeAs<{declared.RequestType.Name}>] of a request without [Authorize]");
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
                var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
                return methods.Select(method => new EndpointRoute(method, path, endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, demand, contentType));
            })
            .DistinctBy(r => r.Key)
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Method, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The console's page routes (<c>/admin</c>, <c>/admin/…</c>) with their methods and whether the page is marked
    /// <c>[AllowAnonymous]</c>; every other one must turn an anonymous caller away (AuthorizationMatrixTests).
    /// </summary>
    public static IReadOnlyList<(string Method, string Path, bool Anonymous)> ReadConsolePages(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/') is var p
                && (p == "admin" || p.StartsWith("admin/", StringComparison.Ordinal)))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)))
            .Distinct()
            .OrderBy(r => r.Item2, StringComparer.Ordinal)
            .ThenBy(r => r.method, StringComparer.Ordinal),
    ];

    private static bool IsConsole(string pattern) =>
        pattern.TrimStart('/') is var p
        && (p == "admin" || p.StartsWith("admin/", StringComparison.Ordinal) || p.StartsWith("_content/", StringComparison.Ordinal)
            || p.StartsWith("_framework/", StringComparison.Ordinal) || p == "{**path:file}");

    [GeneratedRegex(@"\{(\w+):[^}]*\}")]
    private static partial Regex Constraint();
}
