using Microsoft.Extensions.Options;

namespace Catalog.WebApi.RateLimiting;

/// <summary>
/// The per-address budget of API-key look-ups (<see cref="RateLimitingOptions.FailedAuthenticationsPerMinute"/>).
/// A permit is reserved by <see cref="TryReserveLookup"/> right before the verifier would read a key row from the
/// database (a prefix neither cached as live nor remembered as absent), so N parallel forged keys from one address cost
/// at most the budget in look-ups: reserve-then-work, no check-then-count window. Keys answered from the caches and
/// bearer tokens (validated by signature, no I/O) spend nothing and are never refused by it; a refused reservation
/// answers 429 right after authentication (<see cref="RefuseOverBudget"/>).
/// </summary>
internal static class FailedAuthenticationGate
{
    /// <summary>
    /// One permit of the caller's address for one key look-up. False when the window has none left; the refusal is
    /// remembered on the request for <see cref="RefuseOverBudget"/>.
    /// </summary>
    public static bool TryReserveLookup(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (!settings.Enabled)
        {
            return true;
        }

        var shared = context.RequestServices.GetRequiredService<SharedRateBudgets>();
        if (shared.IsAvailable
            && shared.Take(CatalogRateLimiters.FailedAuthenticationPartition(context, settings), CatalogRateLimiters.Window(settings)) is { } budget)
        {
            return budget.Acquired || Refuse(context, budget.RetryAfter);
        }

        using var lease = context.RequestServices.GetRequiredService<CatalogRateLimiters>().FailedAuthentication.AttemptAcquire(context);
        return lease.IsAcquired || Refuse(context, RateLimitingMiddleware.RetryAfter(lease));
    }

    private static bool Refuse(HttpContext context, TimeSpan? retryAfter)
    {
        context.Features.Set(new LookupRefused(retryAfter));
        Observability.RateLimitTelemetry.Rejected(PartitionKind.FailedAuthentication);
        return false;
    }

    /// <summary>Right after authentication: a request whose key look-up found no permit gets 429 instead of 401.</summary>
    public static Task RefuseOverBudget(HttpContext context, RequestDelegate next)
    {
        var refused = context.Features.Get<LookupRefused>();
        return refused is null
            ? next(context)
            : RateLimitingMiddleware.WriteTooManyRequestsAsync(
                context,
                refused.RetryAfter,
                context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value,
                "Too many unknown API keys from this address; retry after the time in Retry-After.");
    }

    private sealed record LookupRefused(TimeSpan? RetryAfter);
}
