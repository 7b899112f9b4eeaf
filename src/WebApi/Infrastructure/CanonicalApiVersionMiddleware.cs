namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// One spelling per API version (ADR-075). The route <c>api/v{version:apiVersion}/...</c> also matches <c>v1.0</c>,
/// <c>V1</c>, <c>v01</c>, <c>v1.00</c>... (the literal <c>v</c> is matched without regard to case, and the library
/// parses each as 1.0), which would give every cross-cutting concern that keys on the path (rate limits, caches,
/// audit, idempotency) a second name for the same endpoint. So a path segment after <c>/api/</c> written as a version
/// (<c>v</c> or <c>V</c>, then a digit) that is not one of <see cref="VersioningSetup.CanonicalSegments"/> answers a
/// 404 problem here, right after the request id (so the answer carries <c>X-Request-Id</c> and
/// <c>api-supported-versions</c>) and before anything else looks at the request. That covers a version that is not
/// served (<c>v2</c>, <c>v1.1</c>) too: Asp.Versioning would answer it with an empty 404.
/// </summary>
internal sealed class CanonicalApiVersionMiddleware(RequestDelegate next)
{
    // Not async: a canonical request (all but a handful) only compares one path segment.
    public Task InvokeAsync(HttpContext context) =>
        IsNonCanonical(context.Request.Path.Value) ? WriteNotFoundAsync(context) : next(context);

    /// <summary>True for <c>/api/{segment}/...</c> where the segment is written as a version but is not a canonical one.</summary>
    internal static bool IsNonCanonical(ReadOnlySpan<char> path) =>
        VersioningSetup.TryGetApiSegment(path, out var segment)
        && segment.Length >= 2 && segment[0] is ('v' or 'V') && char.IsAsciiDigit(segment[1])
        && VersioningSetup.CanonicalIndex(segment) < 0;

    private static Task WriteNotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status404NotFound,
                Detail = VersioningSetup.NotServedDetail,
            },
        }).AsTask();
    }
}
