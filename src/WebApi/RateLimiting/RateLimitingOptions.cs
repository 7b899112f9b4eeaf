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

    public int WindowSeconds { get; set; } = 60;
}
