using Catalog.Application.Common.Caching;
using Catalog.Infrastructure.Database;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Caching;

/// <summary>
/// Holds one connection to the primary with <c>LISTEN catalog_changed</c> and evicts this instance's catalog cache
/// on each notification. A broken connection is reopened (1 s, then up to 10 s apart); after a reconnect the cache
/// is evicted as well, because notifications sent while no one listened are lost.
/// </summary>
internal sealed class CatalogChangeListener(CatalogConnectionStrings connectionStrings, ICatalogCache cache, ILogger<CatalogChangeListener> logger)
    : PostgresChannelListener(connectionStrings, logger)
{
    protected override string Channel => PostgresCatalogChangeBroadcaster.Channel;

    protected override string ApplicationName => "catalog-cache-listener";

    protected override async Task OnListeningAsync(NpgsqlConnection connection, bool reconnected, CancellationToken cancellationToken)
    {
        if (reconnected)
        {
            await cache.EvictAllAsync(cancellationToken);
        }
    }

    protected override void OnNotification(string payload) => _ = EvictAsync();

    private async Task EvictAsync()
    {
        try
        {
            await cache.EvictAllAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Evicting the catalog cache after a notification failed");
        }
    }
}
