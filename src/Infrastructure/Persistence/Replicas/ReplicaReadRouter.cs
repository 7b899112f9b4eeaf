using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Catalog.Application.Common.Observability;
using Catalog.Infrastructure.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// Chooses the server of each read when <c>ConnectionStrings:CatalogRead</c> names a replica (ADR-100): the replica when
/// it has replayed the newest write known when the read starts (<see cref="IWritePositionChannel.NewestAsync"/>; the
/// primary when that cannot be known, ADR-107), after waiting up to
/// <see cref="DatabaseOptions.ReplicaMaxWaitMs"/> for it; else the primary. A replica that refuses a connection, or that
/// fell behind beyond that bound, is left alone for <see cref="DatabaseOptions.ReplicaRetrySeconds"/>; while it lags, only
/// the reads it can serve already go to it (one look at its position, no wait).
/// </summary>
public sealed class ReplicaReadRouter
{
    private static readonly Meter Meter = new(CatalogTelemetry.Name);

    private static readonly Counter<long> Reads = Meter.CreateCounter<long>(
        "catalog.db.reads", "{read}", "Read-side connections, by the server that served them (replica, primary) and why (current, lagging, unreachable, position_unknown).");

    private static readonly Histogram<double> WriteWaits = Meter.CreateHistogram<double>(
        "catalog.db.write_wait", "ms", "NOTIFY mode (ADR-113): how long a write waited before its answer, by outcome (replayed: the replica replayed it; outwaited: the position leases ran out).");

    // How far each replica (host:port) has replayed, as last seen. A position only grows, so a value seen earlier is a
    // safe lower bound: a read whose write is at or below it needs no question to the replica.
    private readonly ConcurrentDictionary<string, ulong> _replayed = new(StringComparer.Ordinal);
    private readonly ReadDataSource _replica;
    private readonly PrimaryReadDataSource _primary;
    private readonly IWritePositionChannel _positions;
    private readonly ILogger<ReplicaReadRouter> _logger;
    private readonly int _maxWaitMs;
    private readonly long _retryMs;
    private readonly bool _severalHosts;
    private long _unreachableUntil;
    private long _laggingUntil;
    private long _replicaReads;
    private long _primaryReads;

    public ReplicaReadRouter(ReadDataSource replica, PrimaryReadDataSource primary, IWritePositionChannel positions, IOptions<DatabaseOptions> options, ILogger<ReplicaReadRouter> logger)
    {
        _replica = replica;
        _primary = primary;
        _positions = positions;
        _logger = logger;
        _maxWaitMs = Math.Max(0, options.Value.ReplicaMaxWaitMs);
        _retryMs = Math.Max(0, options.Value.ReplicaRetrySeconds) * 1000L;
        _severalHosts = new NpgsqlConnectionStringBuilder(replica.DataSource.ConnectionString).Host?.Contains(',', StringComparison.Ordinal) == true;
    }

    /// <summary>Reads served by the replica and by the primary since the start.</summary>
    public (long Replica, long Primary) Counts => (Interlocked.Read(ref _replicaReads), Interlocked.Read(ref _primaryReads));

    /// <summary>The replica refused a connection within the retry period.</summary>
    public bool IsUnreachable => Environment.TickCount64 < Volatile.Read(ref _unreachableUntil);

    /// <summary>The replica fell behind the newest write beyond the wait bound within the retry period.</summary>
    public bool IsLagging => Environment.TickCount64 < Volatile.Read(ref _laggingUntil);

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (IsUnreachable)
        {
            return await PrimaryAsync("unreachable", cancellationToken);
        }

        if (await _positions.NewestAsync(cancellationToken) is not { } pending)
        {
            return await PrimaryAsync("position_unknown", cancellationToken);
        }

        NpgsqlConnection? connection = null;
        bool current;
        try
        {
            connection = await _replica.DataSource.OpenConnectionAsync(cancellationToken);
            current = await HasReplayedAsync(connection, pending, cancellationToken);
        }
        catch (Exception ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            if (!IsUnavailable(ex, cancellationToken))
            {
                throw;
            }

            Volatile.Write(ref _unreachableUntil, Environment.TickCount64 + _retryMs);
            _logger.LogWarning(ex, "The replica is unreachable; reads go to the primary for {RetrySeconds} s", _retryMs / 1000);
            return await PrimaryAsync("unreachable", cancellationToken);
        }

        if (current)
        {
            Interlocked.Increment(ref _replicaReads);
            Reads.Add(1, new KeyValuePair<string, object?>("catalog.db.server", "replica"), new KeyValuePair<string, object?>("catalog.db.reason", "current"));
            return connection;
        }

        await connection.DisposeAsync();
        return await PrimaryAsync("lagging", cancellationToken);
    }

    private async Task<bool> HasReplayedAsync(NpgsqlConnection connection, ulong pending, CancellationToken cancellationToken)
    {
        var key = connection.Host + ":" + connection.Port;
        if (pending == 0 || (_replayed.TryGetValue(key, out var known) && known >= pending))
        {
            return true;
        }

        var lagging = IsLagging;
        var deadline = Environment.TickCount64 + (lagging ? 0 : _maxWaitMs);
        var pause = 1;
        while (true)
        {
            if (await ReplayedAsync(connection, key, cancellationToken) is not { } replayed)
            {
                // Not in recovery (a primary or a promoted replica): what it has is what it serves.
                return true;
            }

            if (replayed >= pending)
            {
                if (lagging)
                {
                    Volatile.Write(ref _laggingUntil, 0);
                }

                return true;
            }

            if (Environment.TickCount64 >= deadline)
            {
                if (!lagging)
                {
                    Volatile.Write(ref _laggingUntil, Environment.TickCount64 + _retryMs);
                    _logger.LogWarning("The replica has not replayed the newest write within {MaxWaitMs} ms; reads that need it go to the primary", _maxWaitMs);
                }

                return false;
            }

            await Task.Delay(pause, cancellationToken);
            pause = Math.Min(pause * 2, 10);
        }
    }

    /// <summary>
    /// NOTIFY mode (ADR-113), after a write announced <paramref name="position"/> at <paramref name="announcedAt"/>: returns
    /// once the replica has replayed it, so that any read starting afterwards sees it there, or else once every lease that
    /// may have missed the announcement has run out (<see cref="PositionLease.OutlivedAt"/>), so that every instance either
    /// knows it or reads from the primary. With several replica hosts, only the latter. A replica error is not thrown.
    /// </summary>
    public async Task AwaitReplayAsync(ulong position, long announcedAt, PositionLease lease, CancellationToken cancellationToken)
    {
        var replayed = await ReplayedWithinAsync(position, lease.OutlivedAt(announcedAt), cancellationToken);
        WriteWaits.Record(Stopwatch.GetElapsedTime(announcedAt).TotalMilliseconds, new KeyValuePair<string, object?>("catalog.db.outcome", replayed ? "replayed" : "outwaited"));
    }

    private async Task<bool> ReplayedWithinAsync(ulong position, long deadline, CancellationToken cancellationToken)
    {
        if (!IsUnreachable && !_severalHosts)
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = await _replica.DataSource.OpenConnectionAsync(cancellationToken);
                var key = connection.Host + ":" + connection.Port;
                for (var pause = 1; ; pause = Math.Min(pause * 2, 10))
                {
                    if (await ReplayedAsync(connection, key, cancellationToken) is not { } replayed || replayed >= position)
                    {
                        return true;
                    }

                    var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                    if (remaining <= TimeSpan.Zero)
                    {
                        return false;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(pause, remaining.TotalMilliseconds)), cancellationToken);
                }
            }
            catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
            {
                Volatile.Write(ref _unreachableUntil, Environment.TickCount64 + _retryMs);
                _logger.LogWarning(ex, "The replica is unreachable; a write waits out the position leases before it answers");
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }

        var rest = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, cancellationToken);
        }

        return false;
    }

    /// <summary><c>pg_last_wal_replay_lsn()</c>, kept as the replica's newest seen; null when the server is not in recovery.</summary>
    private async Task<ulong?> ReplayedAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn()", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is NpgsqlLogSequenceNumber lsn
            ? _replayed.AddOrUpdate(key, (ulong)lsn, (_, seen) => Math.Max(seen, (ulong)lsn))
            : null;
    }

    private async Task<DbConnection> PrimaryAsync(string reason, CancellationToken cancellationToken)
    {
        var connection = await _primary.DataSource.OpenConnectionAsync(cancellationToken);
        Interlocked.Increment(ref _primaryReads);
        Reads.Add(1, new KeyValuePair<string, object?>("catalog.db.server", "primary"), new KeyValuePair<string, object?>("catalog.db.reason", reason));
        return connection;
    }

    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is NpgsqlException or SocketException or TimeoutException or OperationCanceledException;
}

/// <summary>The read side's pool on the primary, for the reads a replica cannot serve (read-pool settings, its own name).</summary>
public sealed class PrimaryReadDataSource(NpgsqlDataSource dataSource) : IDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public void Dispose() => DataSource.Dispose();
}
