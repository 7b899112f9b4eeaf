namespace Catalog.WebApi.Caching;

/// <summary>Section <c>Caching</c>: how long clients and this server keep anonymous catalog reads.</summary>
public sealed class CatalogCachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>
    /// Whether this instance keeps anonymous catalog reads in its output cache. Off, every read goes to the database
    /// (ETags, 304 and <c>Cache-Control</c> stay): for instances behind a shared HTTP cache or CDN, and for measuring
    /// the uncached read path (bench/suite.py).
    /// </summary>
    public bool ServerCacheEnabled { get; set; } = true;

    /// <summary><c>Cache-Control: public, max-age</c> of anonymous catalog reads (browsers, CDNs).</summary>
    public int MaxAgeSeconds { get; set; } = 10;

    /// <summary>Upper bound of an entry's life in the server's output cache; changes evict it sooner.</summary>
    public int ServerSeconds { get; set; } = 300;

    /// <summary>
    /// Upper bound of the output cache's total size in MB (its entries' bodies and headers); when full, the least
    /// recently used entries go first. Bounds the memory that many distinct URLs (filters, cursors) can take.
    /// </summary>
    public int SizeLimitMegabytes { get; set; } = 32;

    /// <summary>A response larger than this (KB) is served but not cached (the whole category tree stays under it).</summary>
    public int MaximumBodySizeKilobytes { get; set; } = 2048;
}
