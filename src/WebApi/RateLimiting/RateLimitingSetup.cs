using System.Globalization;
using System.Threading.RateLimiting;
using Catalog.Application.Common.Security;
using Catalog.WebApi.Security;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.RateLimiting;

/// <summary>
/// Fixed-window limits partitioned per API key (its own rateLimit), per user and per anonymous IP, plus a stricter
/// per-IP budget on the endpoints marked <see cref="AuthBudgetAttribute"/> (sign-in, refresh, reset...). Kept in Redis
/// and shared by every instance when <c>ConnectionStrings:Redis</c> is set (<see cref="SharedRateBudgets"/>), else, and
/// while Redis is unreachable, per instance with System.Threading.RateLimiting (ADR-098).
/// </summary>
public static class RateLimitingSetup
{
    public static IServiceCollection AddCatalogRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName));
        services.AddSingleton<CatalogRateLimiters>();
        services.AddSingleton(provider => new SharedRateBudgets(provider.GetService<Scaling.RedisConnection>()));
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
        var window = Window(settings);
        // One limiter factory for every partition (RateLimitPartition.GetFixedWindowLimiter wraps its options factory in
        // a new delegate on each call, i.e. on every request). As there, a partition's limiter does not replenish itself
        // with a timer of its own: the partitioned limiter replenishes all of its partitions from one timer.
        Func<PartitionKey, RateLimiter> limiter = p => new FixedWindowRateLimiter(Window(p.Limit, window));
        Principal = PartitionedRateLimiter.Create<HttpContext, PartitionKey>(
            context => new RateLimitPartition<PartitionKey>(Resolve(context, settings), limiter));
        Auth = PartitionedRateLimiter.Create<HttpContext, PartitionKey>(
            context => new RateLimitPartition<PartitionKey>(AuthPartition(context, settings), limiter));
        FailedAuthentication = PartitionedRateLimiter.Create<HttpContext, PartitionKey>(
            context => new RateLimitPartition<PartitionKey>(FailedAuthenticationPartition(context, settings), limiter));
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

    public static PartitionKey AuthPartition(HttpContext context, RateLimitingOptions settings) =>
        new(PartitionKind.Auth, ClientAddress(context), settings.AuthPermitsPerMinute);

    public static PartitionKey FailedAuthenticationPartition(HttpContext context, RateLimitingOptions settings) =>
        new(PartitionKind.FailedAuthentication, ClientAddress(context), settings.FailedAuthenticationsPerMinute);

    public static TimeSpan Window(RateLimitingOptions settings) => TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds));

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

internal sealed class RateLimitingMiddleware(RequestDelegate next, CatalogRateLimiters limiters, SharedRateBudgets shared, IOptions<RateLimitingOptions> options)
{
    private const string ExceededDetail = "The rate limit for this client was exceeded; retry after the time in Retry-After.";

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return next(context);
        }

        var isAuth = context.GetEndpoint()?.Metadata.GetMetadata<AuthBudgetAttribute>() is not null;
        return shared.IsAvailable ? InvokeSharedAsync(context, settings, isAuth) : InvokeLocal(context, settings, isAuth);
    }

    // The budgets in Redis; the same choice of the budget to report as the local path. Redis failing mid-request: local.
    private async Task InvokeSharedAsync(HttpContext context, RateLimitingOptions settings, bool isAuth)
    {
        var window = CatalogRateLimiters.Window(settings);
        var principal = CatalogRateLimiters.Resolve(context, settings);
        var auth = CatalogRateLimiters.AuthPartition(context, settings);
        var principalTake = shared.TakeAsync(principal, window);
        var authTake = isAuth ? shared.TakeAsync(auth, window) : null;
        var principalBudget = await principalTake;
        var authBudget = authTake is null ? null : await authTake;
        if (principalBudget is not { } p || (isAuth && authBudget is null))
        {
            await InvokeLocal(context, settings, isAuth);
            return;
        }

        var (partition, budget) = authBudget is { } a && (!a.Acquired || p.Acquired) ? (auth, a) : (principal, p);
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = partition.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = budget.Remaining.ToString(CultureInfo.InvariantCulture);
        if (p.Acquired && authBudget is not { Acquired: false })
        {
            await next(context);
            return;
        }

        Observability.RateLimitTelemetry.Rejected(partition.Kind);
        await WriteTooManyRequestsAsync(context, budget.RetryAfter, settings, ExceededDetail);
    }

    // Not async: fixed-window leases hold nothing (a permit is spent when acquired and never handed back), so disposing
    // them before the rest of the request runs changes nothing, and an admitted request needs no state machine here.
    private Task InvokeLocal(HttpContext context, RateLimitingOptions settings, bool isAuth)
    {
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
        return WriteTooManyRequestsAsync(context, RetryAfter(lease), settings, ExceededDetail);
    }

    /// <summary>When a refused local lease says the window ends, if it does.</summary>
    internal static TimeSpan? RetryAfter(RateLimitLease lease) => lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;

    /// <summary>The 429 problem with <c>Retry-After</c> from the refusal (or a whole window when it has none).</summary>
    internal static Task WriteTooManyRequestsAsync(HttpContext context, TimeSpan? wait, RateLimitingOptions settings, string detail)
    {
        var retryAfter = wait ?? TimeSpan.FromSeconds(settings.WindowSeconds);
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
