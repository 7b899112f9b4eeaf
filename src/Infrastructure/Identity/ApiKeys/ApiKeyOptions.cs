namespace Catalog.Infrastructure.Identity.ApiKeys;

/// <summary>Section <c>ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>How long a key's row is cached per instance (revocation on another instance takes effect within this).</summary>
    public int CacheSeconds { get; set; } = 10;

    /// <summary>How often the in-memory last-use times are written to <c>api_keys.last_used_at</c>.</summary>
    public int UsageFlushSeconds { get; set; } = 60;
}
