using Catalog.Infrastructure.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// Holds one connection to the primary with <c>LISTEN catalog_write_position</c> and makes each announced position this
/// instance's newest. Notifications sent while no one listened are lost: after each (re)connect the primary's current
/// position is taken as the newest, which covers every write committed before.
/// </summary>
internal sealed class WritePositionListener(CatalogConnectionStrings connectionStrings, WritePositions positions, ILogger<WritePositionListener> logger)
    : BackgroundService
{
    private NpgsqlDataSource? _dataSource;

    public override void Dispose()
    {
        _dataSource?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await OpenAsync(stoppingToken);
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
                logger.LogWarning(ex, "Write position listener lost its connection; reconnecting in {Delay}", delay);
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
            ApplicationName = "catalog-position-listener",
        };
        _dataSource ??= new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = builder.ApplicationName }.Build();
        var connection = _dataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.Notification += (_, e) =>
            {
                if (NpgsqlLogSequenceNumber.TryParse(e.Payload, out var position))
                {
                    positions.Observe(WritePositions.Reachable((ulong)position));
                }
            };
            await using (var listen = new NpgsqlCommand($"LISTEN {NotifyWritePositionChannel.Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var current = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", connection);
            positions.Observe(WritePositions.Reachable((ulong)(NpgsqlLogSequenceNumber)(await current.ExecuteScalarAsync(cancellationToken))!));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
