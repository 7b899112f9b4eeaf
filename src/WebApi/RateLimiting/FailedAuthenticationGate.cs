using Microsoft.Extensions.Options;

namespace Catalog.WebApi.RateLimiting;

/// <summary>
/// In front of authentication, for requests that present credentials: an address whose refused credentials have
/// spent <see cref="RateLimitingOptions.FailedAuthenticationsPerMinute"/> in this window gets 429 before any scheme
/// looks at the request, so a stream of forged API keys or tokens costs no key look-up once the budget is gone.
/// Each refusal is counted by the credential check (<see cref="NoteFailure"/>). Valid credentials from that address
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

    /// <summary>Spends one permit of the caller's address for a refused credential.</summary>
    public static void NoteFailure(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            context.RequestServices.GetRequiredService<CatalogRateLimiters>().FailedAuthentication.AttemptAcquire(context).Dispose();
        }
    }
}
