using Microsoft.Extensions.Options;

namespace Catalog.WebApi.RateLimiting;

/// <summary>
/// In front of authentication, for requests that present credentials: an address whose refused credentials have
/// spent <see cref="RateLimitingOptions.FailedAuthenticationsPerMinute"/> in this window gets 429 before any scheme
/// looks at the request, so a stream of forged API keys or tokens costs no key look-up once the budget is gone.
/// Each refusal is counted right after authentication (<see cref="CountRefusal"/>). Valid credentials from that address
/// wait for the window too: the gate cannot tell them apart without the look-up it exists to avoid.
/// </summary>
internal sealed class FailedAuthenticationGate(RequestDelegate next, CatalogRateLimiters limiters, IOptions<RateLimitingOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return next(context);
        }

        // Zero permits: asks whether the window has any left without spending one.
        using var lease = limiters.FailedAuthentication.AttemptAcquire(context, 0);
        return lease.IsAcquired
            ? next(context)
            : RateLimitingMiddleware.WriteTooManyRequestsAsync(context, lease, settings, "Too many refused credentials from this address; retry after the time in Retry-After.");
    }

    /// <summary>
    /// Right after authentication, for requests that present credentials: refused ones (no authenticated user) spend
    /// one permit of the caller's address, before the rate limiter or anything else can answer first.
    /// </summary>
    public static Task CountRefusal(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated != true
            && context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            context.RequestServices.GetRequiredService<CatalogRateLimiters>().FailedAuthentication.AttemptAcquire(context).Dispose();
        }

        return next(context);
    }
}
