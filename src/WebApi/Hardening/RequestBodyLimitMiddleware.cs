using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.Hardening;

/// <summary>
/// Per-request body limit: small for JSON, larger for bulk import, or what the endpoint declares
/// (<c>[RequestSizeLimit]</c>). A declared <c>Content-Length</c> over the limit is refused at once with 413;
/// a streamed (chunked) body fails with 413 when it passes the limit while being read.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    // Not async: the limit is set (or a declared length refused) before the rest of the pipeline runs.
    public Task InvokeAsync(HttpContext context)
    {
        if (!MayHaveBody(context.Request))
        {
            return next(context);
        }

        var limit = ResolveLimit(context, options.Value);
        if (limit is null)
        {
            return next(context);
        }

        if (context.Request.ContentLength > limit)
        {
            return WriteTooLargeAsync(context, limit.Value);
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }
        else if (context.Request.ContentLength is null && feature is null)
        {
            // No server-side enforcement (an in-memory test server): count the bytes ourselves.
            context.Request.Body = new LengthLimitedStream(context.Request.Body, limit.Value);
        }

        return next(context);
    }

    /// <summary>
    /// False for a request that cannot carry a body: a declared length of zero, or neither a length nor chunked framing
    /// (HTTP/1.1 and HTTP/2 alike expose that as <see cref="IHttpRequestBodyDetectionFeature"/>). Such a request needs no limit.
    /// </summary>
    internal static bool MayHaveBody(HttpRequest request) =>
        request.ContentLength is not 0
        && (request.ContentLength is not null || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false);

    internal static long? ResolveLimit(HttpContext context, RequestLimitsOptions options)
    {
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        if (declared is not null)
        {
            return declared.MaxRequestBodySize;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        return options.LargeBodyPaths.Any(p => string.Equals(p.TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            ? options.MaxImportBodyBytes
            : options.MaxBodyBytes;
    }

    private static async Task WriteTooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.Headers.Connection = "close";
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Payload Too Large",
                Detail = $"The request body is larger than {limit} bytes.",
            },
        });
    }
}
