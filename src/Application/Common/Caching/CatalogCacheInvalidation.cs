using Catalog.Application.Common.Events;
using Catalog.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Application.Common.Caching;

public static class CatalogCacheInvalidationRegistration
{
    /// <summary>
    /// Evicts the catalog read cache after a commit, for a host that has one (<see cref="ICatalogCache"/>) and a
    /// broadcaster (<see cref="ICatalogChangeBroadcaster"/>); the handler itself stays internal to Application.
    /// </summary>
    public static IServiceCollection AddCatalogCacheInvalidation(this IServiceCollection services) =>
        services.AddScoped<IDomainEventsCommittedHandler, CatalogCacheInvalidation>();
}

/// <summary>
/// After a command commits catalog changes: evict this instance's cache at once (the caller reads its own write on
/// its next request) and broadcast the change so the other instances evict theirs within a second (ADR-031).
/// </summary>
internal sealed class CatalogCacheInvalidation(ICatalogCache cache, ICatalogChangeBroadcaster broadcaster, ILogger<CatalogCacheInvalidation> logger)
    : IDomainEventsCommittedHandler
{
    public async Task OnCommittedAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        var changes = events.OfType<ICatalogChangedEvent>().Select(e => new CatalogChange(e.ResourceType, e.ResourceId)).Distinct().ToArray();
        if (changes.Length == 0)
        {
            return;
        }

        // The commit has happened: a client disconnect must not stop the eviction.
        await cache.EvictAllAsync(CancellationToken.None);
        try
        {
            await broadcaster.BroadcastAsync(changes, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Other instances still expire their entries after Caching:ServerSeconds.
            logger.LogWarning(ex, "Broadcasting {Count} catalog change(s) failed", changes.Length);
        }
    }
}
