using Catalog.Application.Common.Caching;
using Catalog.Infrastructure.Database;
using Catalog.Infrastructure.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Caching;

/// <summary>
/// Holds one connection to the primary with <c>LISTEN catalog_changed</c> and <c>LISTEN identity_changed</c>: evicts
/// this instance's catalog cache on each catalog notification and the named identity entries on each identity one
/// (ADR-099). A broken connection is reopened (1 s, then up to 10 s apart); after a reconnect the catalog cache and the
/// role permissions are evicted as well, because notifications sent while no one listened are lost (the other identity
/// entries live a few seconds).
/// </summary>
internal sealed class CatalogChangeListener(
    CatalogConnectionStrings connectionStrings,
    ICatalogCache cache,
    IdentityStateCache identity,
    ILogger<CatalogChangeListener> logger)
    : PostgresChannelListener(connectionStrings, logger)
{
    protected override IReadOnlyList<string> Channels { get; } =
        [PostgresCatalogChangeBroadcaster.Channel, IdentityChangeAnnouncer.Channel];

    protected override string ApplicationName => "catalog-cache-listener";

    protected override async Task OnListeningAsync(NpgsqlConnection connection, bool reconnected, CancellationToken cancellationToken)
    {
        if (reconnected)
        {
            identity.Evict(PermissionCatalog.Change);
            await cache.EvictAllAsync(cancellationToken);
        }
    }

    protected override void OnNotification(string channel, string payload)
    {
        if (channel == IdentityChangeAnnouncer.Channel)
        {
            identity.Evict(payload);
        }
        else
        {
            _ = EvictAsync();
        }
    }

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
