namespace Catalog.WebApi.RateLimiting;

/// <summary>Section <c>RateLimiting</c>. API keys use their own <c>rateLimit</c> per minute.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per window for each anonymous client IP.</summary>
    public int AnonymousPermitsPerMinute { get; set; } = 300;

    /// <summary>Requests per window for each signed-in user.</summary>
    public int UserPermitsPerMinute { get; set; } = 1200;

    /// <summary>The stricter per-IP budget of the endpoints marked <see cref="AuthBudgetAttribute"/> (sign-in, refresh, reset...).</summary>
    public int AuthPermitsPerMinute { get; set; } = 20;

    /// <summary>
    /// Failed authentications (a bearer token or API key presented and refused) per window for each client IP; past it,
    /// that IP's requests that present credentials get 429 before any handler looks at them (no key look-up).
    /// </summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 30;

    public int WindowSeconds { get; set; } = 60;
}
