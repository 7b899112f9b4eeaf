using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Database;

/// <summary>
/// Holds one connection to the primary with <c>LISTEN</c> on its channels and hands each notification's channel and
/// payload to <see cref="OnNotification"/>. A broken connection is reopened (1 s, then up to 10 s apart); notifications sent while
/// no one listened are lost, which <see cref="OnListeningAsync"/> makes up for.
/// </summary>
internal abstract class PostgresChannelListener(CatalogConnectionStrings connectionStrings, ILogger logger) : BackgroundService
{
    // Named, so that Npgsql's metrics label its connection with the application name, not with its connection string.
    private NpgsqlDataSource? _dataSource;

    protected abstract IReadOnlyList<string> Channels { get; }

    protected abstract string ApplicationName { get; }

    public override void Dispose()
    {
        _dataSource?.Dispose();
        base.Dispose();
    }

    /// <summary>Runs once LISTEN is in place, on each (re)connect; <paramref name="reconnected"/> after the first.</summary>
    protected abstract Task OnListeningAsync(NpgsqlConnection connection, bool reconnected, CancellationToken cancellationToken);

    protected abstract void OnNotification(string channel, string payload);

    /// <summary>How often <see cref="OnIdleAsync"/> runs while listening; null (the default): never.</summary>
    protected virtual TimeSpan? IdleInterval => null;

    /// <summary>Runs on the listening connection every <see cref="IdleInterval"/>, between notifications.</summary>
    protected virtual Task OnIdleAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        var connected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await OpenAsync(stoppingToken);
                await OnListeningAsync(connection, connected, stoppingToken);
                connected = true;
                delay = TimeSpan.FromSeconds(1);
                await ListenAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listener on {Channels} lost its connection; reconnecting in {Delay}", string.Join(", ", Channels), delay);
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

    private async Task ListenAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        if (IdleInterval is not { } interval)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await connection.WaitAsync(stoppingToken);
            }

            return;
        }

        var next = Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (remaining <= TimeSpan.Zero)
            {
                next = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
                await OnIdleAsync(connection, stoppingToken);
                continue;
            }

            // Whole milliseconds, at least one: Npgsql takes a timeout of 0 as none.
            await connection.WaitAsync((int)Math.Ceiling(remaining.TotalMilliseconds), stoppingToken);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Its own connection, outside the pool: LISTEN is session state. Keepalives find a dead peer.
        var builder = new NpgsqlConnectionStringBuilder(connectionStrings.Write)
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = ApplicationName,
        };
        _dataSource ??= new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = builder.ApplicationName }.Build();
        var connection = _dataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.Notification += (_, e) => OnNotification(e.Channel, e.Payload);
            await using var listen = new NpgsqlCommand(string.Join("; ", Channels.Select(c => $"LISTEN {c}")), connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
