using System.Globalization;
using Asp.Versioning;

namespace Catalog.WebApi.Infrastructure;

public static class VersioningSetup
{
    /// <summary>The route parameter of every controller's template, <c>api/v{version:apiVersion}/...</c>.</summary>
    public const string RouteParameter = "version";

    /// <summary>
    /// How a version is written in a path, an API-explorer group and an OpenAPI document name: <c>v</c>, the major
    /// version, and the minor only when it is not 0 (1.0 is <c>v1</c>).
    /// </summary>
    public const string GroupNameFormat = "'v'VVV";

    /// <summary>
    /// The versions this service serves. The OpenAPI documents are registered from it (before the API explorer can
    /// be asked) and <c>api-supported-versions</c> is formatted from it; ApiVersionHeaderTests checks that it names
    /// exactly the versions the controllers declare, and VersionedOpenApiTests that the explorer's groups match.
    /// </summary>
    public static readonly IReadOnlyList<ApiVersion> Served = [new(1, 0)];

    /// <summary>The <c>api-supported-versions</c> header value, formatted once: "1.0" (as the library would report it).</summary>
    public static readonly string SupportedVersionsHeader = string.Join(", ", Served.Order().Select(v => v.ToString()));

    /// <summary>
    /// The one spelling of each served version in a path (ADR-075), the same as its OpenAPI document name: <c>v1</c>.
    /// Any other version segment (<c>v1.0</c>, <c>V1</c>, <c>v2</c>) is a 404 problem (CanonicalApiVersionMiddleware).
    /// </summary>
    public static readonly IReadOnlyList<string> CanonicalSegments = [.. Served.Select(DocumentName)];

    /// <summary>The detail of the 404 problem that refuses any other version segment.</summary>
    public static readonly string NotServedDetail =
        $"No such resource. API versions are spelled {string.Join(", ", CanonicalSegments.Select(s => $"'{s}'"))} in the path.";

    /// <summary>
    /// The index in <see cref="CanonicalSegments"/> of the version segment of an <c>/api/{segment}/...</c> path, or -1
    /// when the path has none or a non-canonical one.
    /// </summary>
    internal static int CanonicalSegmentIndex(ReadOnlySpan<char> path) =>
        TryGetApiSegment(path, out var segment) ? CanonicalIndex(segment) : -1;

    /// <summary>The first segment after <c>/api/</c> (<c>v1</c> in <c>/api/v1/products</c>); false for other paths.</summary>
    internal static bool TryGetApiSegment(ReadOnlySpan<char> path, out ReadOnlySpan<char> segment)
    {
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            segment = default;
            return false;
        }

        segment = path["/api/".Length..];
        var slash = segment.IndexOf('/');
        segment = slash < 0 ? segment : segment[..slash];
        return true;
    }

    /// <summary>The index of <paramref name="segment"/> in <see cref="CanonicalSegments"/>, or -1.</summary>
    internal static int CanonicalIndex(ReadOnlySpan<char> segment)
    {
        // Indexed, not foreach: enumerating the IReadOnlyList would allocate on every request.
        for (var i = 0; i < CanonicalSegments.Count; i++)
        {
            if (segment.SequenceEqual(CanonicalSegments[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The OpenAPI document (and API-explorer group) name of <paramref name="version"/>: <c>v1</c>.</summary>
    public static string DocumentName(ApiVersion version) => version.ToString(GroupNameFormat, CultureInfo.InvariantCulture);

    public static IServiceCollection AddCatalogVersioning(this IServiceCollection services)
    {
        services
            .AddApiVersioning(options =>
            {
                options.DefaultApiVersion = Served[0];
                options.AssumeDefaultVersionWhenUnspecified = false;
                // api-supported-versions is stamped on every response, errors and health checks included, by
                // RequestIdMiddleware (SupportedVersionsHeader). The library's reporter would do it again per action:
                // a response callback and the header formatted anew on every request.
                options.ReportApiVersions = false;
                options.ApiVersionReader = new UrlSegmentApiVersionReader();
                // Versioning errors are written by IProblemDetailsService (AddCatalogProblemDetails): RFC 9457 problems
                // with requestId, like every other error.
            })
            .AddMvc()
            .AddApiExplorer(options =>
            {
                // One API-explorer group, so one OpenAPI document, per version; the version is put into each path
                // (/api/v1/...) and the version parameter dropped from the description.
                options.GroupNameFormat = GroupNameFormat;
                options.SubstituteApiVersionInUrl = true;
            });
        ApiVersionJumpTableCache.Register(services);
        return services;
    }

    /// <summary>Refuses every version segment but the canonical ones (ADR-075). Right after the request id.</summary>
    public static IApplicationBuilder UseCanonicalApiVersion(this IApplicationBuilder app) => app.UseMiddleware<CanonicalApiVersionMiddleware>();
}
