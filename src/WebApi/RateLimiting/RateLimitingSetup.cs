using System.Globalization;
using System.Threading.RateLimiting;
using Catalog.Application.Common.Security;
using Catalog.WebApi.Security;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.RateLimiting;

/// <summary>
/// Fixed-window limits from System.Threading.RateLimiting, partitioned per API key (its own rateLimit), per user and
/// per anonymous IP, plus a stricter per-IP budget on the endpoints marked <see cref="AuthBudgetAttribute"/> (sign-in,
/// refresh, reset...). Per instance: see ADR-013 for sharing limits.
/// </summary>
public static class RateLimitingSetup
{
    public static IServiceCollection AddCatalogRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName));
        services.AddSingleton<CatalogRateLimiters>();
        return services;
    }

    public static IApplicationBuilder UseCatalogRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<RateLimitingMiddleware>();
}

/// <summary>The partitioned limiters, one set per instance.</summary>
internal sealed class CatalogRateLimiters : IDisposable
{
    public CatalogRateLimiters(IOptions<RateLimitingOptions> options)
    {
        var settings = options.Value;
        var window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds));
        // One limiter factory for every partition (RateLimitPartition.GetFixedWindowLimiter wraps its options factory in
        // a new delegate on each call, i.e. on every request). As there, a partition's limiter does not replenish itself
        // with a timer of its own: the partitioned limiter replenishes all of its partitions from one timer.
        Func<PartitionKey, RateLimiter> limiter = p => new FixedWindowRateLimiter(Window(p.Limit, window));
        Principal = PartitionedRateLimiter.Create<HttpContext, PartitionKey>(
            context => new RateLimitPartition<PartitionKey>(Resolve(context, settings), limiter));
        Auth = PartitionedRateLimiter.Create<HttpContext, PartitionKey>(
            context => new RateLimitPartition<PartitionKey>(new PartitionKey(PartitionKind.Auth, ClientAddress(context), settings.AuthPermitsPerMinute), limiter));
        FailedAuthentication = PartitionedRateLimiter.Create<HttpContext, PartitionKey>(
            context => new RateLimitPartition<PartitionKey>(new PartitionKey(PartitionKind.FailedAuthentication, ClientAddress(context), settings.FailedAuthenticationsPerMinute), limiter));
    }

    public PartitionedRateLimiter<HttpContext> Principal { get; }

    public PartitionedRateLimiter<HttpContext> Auth { get; }

    /// <summary>API-key look-ups per client address: a permit reserved before each (<see cref="FailedAuthenticationGate"/>).</summary>
    public PartitionedRateLimiter<HttpContext> FailedAuthentication { get; }

    /// <summary>
    /// The caller's partition: its API key (with the key's own limit), its user, or its address. The key holds the
    /// address object itself rather than its text, so that finding the partition formats nothing per request.
    /// </summary>
    public static PartitionKey Resolve(HttpContext context, RateLimitingOptions settings)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var keyId = user.FindFirst(CatalogClaims.ApiKeyId)?.Value;
            if (keyId is not null && int.TryParse(user.FindFirst(ApiKeyAuthenticationHandler.RateLimitClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var keyLimit))
            {
                return new PartitionKey(PartitionKind.ApiKey, keyId, keyLimit);
            }

            return new PartitionKey(PartitionKind.User, user.FindFirst("sub")?.Value ?? string.Empty, settings.UserPermitsPerMinute);
        }

        return new PartitionKey(PartitionKind.Address, ClientAddress(context), settings.AnonymousPermitsPerMinute);
    }

    public void Dispose()
    {
        Principal.Dispose();
        Auth.Dispose();
        FailedAuthentication.Dispose();
    }

    // After UseForwardedHeaders this is the client address when the request came through a trusted proxy.
    private static object ClientAddress(HttpContext context) => (object?)context.Connection.RemoteIpAddress ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(int limit, TimeSpan window) => new()
    {
        PermitLimit = Math.Max(1, limit),
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = false,
    };
}

internal enum PartitionKind
{
    Address,
    User,
    ApiKey,
    Auth,
    FailedAuthentication,
}

/// <summary>A rate-limit partition: what kind of caller, which one (an <c>IPAddress</c> or an id), and its limit per window.</summary>
internal readonly record struct PartitionKey(PartitionKind Kind, object Id, int Limit);

internal sealed class RateLimitingMiddleware(RequestDelegate next, CatalogRateLimiters limiters, IOptions<RateLimitingOptions> options)
{
    // Not async: fixed-window leases hold nothing (a permit is spent when acquired and never handed back), so disposing
    // them before the rest of the request runs changes nothing, and an admitted request needs no state machine here.
    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return next(context);
        }

        var isAuth = context.GetEndpoint()?.Metadata.GetMetadata<AuthBudgetAttribute>() is not null;
        using var principalLease = limiters.Principal.AttemptAcquire(context);
        using var authLease = isAuth ? limiters.Auth.AttemptAcquire(context) : null;
        var (limiter, lease, limit) = authLease is not null && (!authLease.IsAcquired || principalLease.IsAcquired)
            ? (limiters.Auth, authLease, settings.AuthPermitsPerMinute)
            : (limiters.Principal, principalLease, CatalogRateLimiters.Resolve(context, settings).Limit);

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        var remaining = limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
        headers["X-RateLimit-Remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
        if (principalLease.IsAcquired && authLease is not { IsAcquired: false })
        {
            return next(context);
        }

        headers["X-RateLimit-Remaining"] = "0";
        Observability.RateLimitTelemetry.Rejected(limiter == limiters.Auth ? PartitionKind.Auth : CatalogRateLimiters.Resolve(context, settings).Kind);
        return WriteTooManyRequestsAsync(context, lease, settings, "The rate limit for this client was exceeded; retry after the time in Retry-After.");
    }

    /// <summary>The 429 problem with <c>Retry-After</c> from the refused lease (or a whole window when it has none).</summary>
    internal static Task WriteTooManyRequestsAsync(HttpContext context, RateLimitLease lease, RateLimitingOptions settings, string detail)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(settings.WindowSeconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Title = "Too Many Requests",
                Detail = detail,
            },
        }).AsTask();
    }
}
