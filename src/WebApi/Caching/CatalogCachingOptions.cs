namespace Catalog.WebApi.Caching;

/// <summary>Section <c>Caching</c>: how long clients and this server keep anonymous catalog reads.</summary>
public sealed class CatalogCachingOptions
{
    public const string SectionName = "Caching";

    /// <summary><c>Cache-Control: public, max-age</c> of anonymous catalog reads (browsers, CDNs).</summary>
    public int MaxAgeSeconds { get; set; } = 10;

    /// <summary>Upper bound of an entry's life in the server's output cache; changes evict it sooner.</summary>
    public int ServerSeconds { get; set; } = 300;
}
