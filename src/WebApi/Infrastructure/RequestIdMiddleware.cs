using System.Buffers;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// Accepts a well-formed <c>X-Request-Id</c> (or makes one), uses it as the trace identifier and echoes it;
/// also stamps <c>api-supported-versions</c> on every response, errors included.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Request-Id";
    public const int MaxLength = 100;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    public Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[HeaderName].ToString();
        var requestId = IsWellFormed(supplied) ? supplied : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(static state =>
        {
            var ctx = (HttpContext)state;
            ctx.Response.Headers[HeaderName] = ctx.TraceIdentifier;
            if (!ctx.Response.Headers.ContainsKey("api-supported-versions"))
            {
                ctx.Response.Headers["api-supported-versions"] = "1.0";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);
}
