namespace Catalog.Infrastructure.Identity.ApiKeys;

/// <summary>Section <c>ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>How long a key's row is cached per instance (revocation on another instance takes effect within this).</summary>
    public int CacheSeconds { get; set; } = 10;

    /// <summary>
    /// How long a prefix without a live row is remembered per instance, so that a repeated forged or dead key costs no
    /// query (<see cref="ApiKeyNegativeCache"/>); 0 turns it off.
    /// </summary>
    public int NegativeCacheSeconds { get; set; } = 30;

    /// <summary>At most this many such prefixes are remembered per instance (older ones are evicted first).</summary>
    public int NegativeCacheEntries { get; set; } = 10_000;

    /// <summary>How often the in-memory last-use times are written to <c>api_keys.last_used_at</c>.</summary>
    public int UsageFlushSeconds { get; set; } = 60;
}
