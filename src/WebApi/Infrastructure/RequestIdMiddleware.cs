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

    // A made id is 32 hex digits: 64 random bits drawn once per process, then a counter. Unique across instances as
    // a random GUID is for any practical count, without a read of the kernel's random source on every request.
    private static readonly ulong ProcessPrefix = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long counter = Random.Shared.NextInt64(long.MaxValue / 2);

    public Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[HeaderName].ToString();
        var requestId = IsWellFormed(supplied) ? supplied : NewId();
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(static state =>
        {
            var ctx = (HttpContext)state;
            ctx.Response.Headers[HeaderName] = ctx.TraceIdentifier;
            if (!ctx.Response.Headers.ContainsKey("api-supported-versions"))
            {
                ctx.Response.Headers["api-supported-versions"] = VersioningSetup.SupportedVersionsHeader;
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>A new request id: the process prefix and the next counter value, 32 lowercase hex digits.</summary>
    public static string NewId() => string.Create(32, (ProcessPrefix, (ulong)Interlocked.Increment(ref counter)), static (span, id) =>
    {
        id.Item1.TryFormat(span[..16], out _, "x16");
        id.Item2.TryFormat(span[16..], out _, "x16");
    });

    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);
}
