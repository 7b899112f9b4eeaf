namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// One spelling per API version (ADR-075): the route <c>api/v{version:apiVersion}/...</c> also matches <c>v1.0</c>,
/// <c>V1</c>, <c>v01</c>, <c>v1.00</c>..., which would give every cross-cutting concern that keys on the path (rate
/// limits, caches, audit, idempotency) a second name for the same endpoint. A served version spelled any other way
/// than <see cref="VersioningSetup.CanonicalSegment"/>, and a version segment that is no version at all (<c>v1.0.0</c>),
/// answers 404 here, after routing and the request id (so the answer carries <c>X-Request-Id</c> and
/// <c>api-supported-versions</c>) and before anything else looks at the request. A well-formed version that is not
/// served (<c>v2</c>) is left to the versioning library's own problem response.
/// </summary>
internal sealed class CanonicalApiVersionMiddleware(RequestDelegate next)
{
    // Not async: a canonical request (all but a handful) only compares one path segment.
    public Task InvokeAsync(HttpContext context) =>
        IsNonCanonical(context) ? WriteNotFoundAsync(context) : next(context);

    /// <summary>
    /// True for <c>/api/{segment}/...</c> where the segment is written as a version (<c>v</c> or <c>V</c>, then a
    /// digit) but is not the canonical one, unless it is a well-formed version that is not served (<c>v2</c>, left to
    /// the versioning library). The version is read from the matched endpoint's route value when there is one, else
    /// (routing answered with an endpoint of its own: 415 for a content type no action consumes, 405) from the segment.
    /// </summary>
    internal static bool IsNonCanonical(HttpContext context)
    {
        var path = context.Request.Path.Value.AsSpan();
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var segment = path["/api/".Length..];
        var slash = segment.IndexOf('/');
        segment = slash < 0 ? segment : segment[..slash];
        if (segment.SequenceEqual(VersioningSetup.CanonicalSegment) || segment.Length < 2 || segment[0] is not ('v' or 'V') || !char.IsAsciiDigit(segment[1]))
        {
            return false;
        }

        var spelled = context.Request.RouteValues.TryGetValue(VersioningSetup.RouteParameter, out var value) && value is string routed
            ? routed
            : segment[1..].ToString();
        return !VersioningSetup.IsWellFormedButNotServed(spelled);
    }

    private static Task WriteNotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status404NotFound,
                Detail = $"No such resource. API versions are spelled '{VersioningSetup.CanonicalSegment}' in the path.",
            },
        }).AsTask();
    }
}
