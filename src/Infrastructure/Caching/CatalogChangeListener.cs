using Catalog.Application.Common.Caching;
using Catalog.Infrastructure.Database;
using Catalog.Infrastructure.Identity;
using Microsoft.Extensions.Hosting;
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
    : BackgroundService
{
    // Named, so that Npgsql's metrics label its connection catalog-cache-listener, not with its connection string.
    private NpgsqlDataSource? _dataSource;

    public override void Dispose()
    {
        _dataSource?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        var connected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await OpenAsync(stoppingToken);
                if (connected)
                {
                    identity.Evict(PermissionCatalog.Change);
                    await cache.EvictAllAsync(stoppingToken);
                }

                connected = true;
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Catalog change listener lost its connection; reconnecting in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Its own connection, outside the pool: LISTEN is session state. Keepalives find a dead peer.
        var builder = new NpgsqlConnectionStringBuilder(connectionStrings.Write)
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "catalog-cache-listener",
        };
        _dataSource ??= new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = builder.ApplicationName }.Build();
        var connection = _dataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.Notification += (_, e) =>
            {
                if (e.Channel == IdentityChangeAnnouncer.Channel)
                {
                    identity.Evict(e.Payload);
                }
                else
                {
                    _ = EvictAsync();
                }
            };
            await using var listen = new NpgsqlCommand(
                $"LISTEN {PostgresCatalogChangeBroadcaster.Channel}; LISTEN {IdentityChangeAnnouncer.Channel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
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
