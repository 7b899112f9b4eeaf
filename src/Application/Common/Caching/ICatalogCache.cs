namespace Catalog.Application.Common.Caching;

/// <summary>
/// This instance's cache of anonymous catalog reads (products, categories, brands). Evicted on every committed
/// catalog change, locally at once and on the other instances through <see cref="ICatalogChangeBroadcaster"/>.
/// </summary>
public interface ICatalogCache
{
    /// <summary>Drops every cached catalog read of this instance.</summary>
    ValueTask EvictAllAsync(CancellationToken cancellationToken);
}
