using System.Diagnostics.Metrics;
using Catalog.Application.Common.Observability;
using Catalog.Infrastructure.Persistence;
using Dapper;
using Npgsql;

namespace Catalog.Infrastructure.Observability;

/// <summary>
/// The two figures readiness reports as degraded (without failing): this instance's connection pools near their limit,
/// and the audit partitions running out. Cheap enough for every readiness probe: the pool figures are Npgsql's own
/// gauges read in memory; the partition runway is one catalog query, kept for a minute.
/// </summary>
public sealed class DatabaseCapacity : IDisposable
{
    private const string NewestPartitionSql = "SELECT max(month) FROM v_db_health_audit_partitions";
    private static readonly TimeSpan RunwayCacheFor = TimeSpan.FromMinutes(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly HashSet<string> _ownPools;
    private readonly TimeProvider _time;
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Used, long Max)> _pools = new(StringComparer.Ordinal);
    private (int MonthsAhead, DateTimeOffset ReadAt)? _runway;

    public DatabaseCapacity(NpgsqlDataSource dataSource, ReadDataSource readSide, TimeProvider time, IMeterFactory meters)
    {
        // The runway as a gauge for alerting, as last read (by a readiness probe, at most one query a minute).
        meters.Create(CatalogTelemetry.Name).CreateObservableGauge(
            "catalog.audit.partitions.months_ahead",
            () => _runway is { } runway ? [new Measurement<int>(runway.MonthsAhead)] : Array.Empty<Measurement<int>>(),
            "{month}",
            "Whole months of audit partitions ahead of the current one, as the last readiness probe found them.");
        _dataSource = dataSource;
        // Npgsql's gauges cover every pool of the process: this instance's two are found by their names (PoolNames).
        _ownPools = new HashSet<string>(StringComparer.Ordinal)
        {
            PoolNames.For(ApplicationName(dataSource), PoolNames.Write),
            PoolNames.For(ApplicationName(readSide.DataSource), PoolNames.Read),
        };
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.connection.count" or "db.client.connection.max")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Connections in use and the pool's maximum, per pool name (catalog-write, catalog-read), as of now.</summary>
    public IReadOnlyDictionary<string, (long Used, long Max)> Pools()
    {
        lock (_lock)
        {
            _pools.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<string, (long Used, long Max)>(_pools, StringComparer.Ordinal);
        }
    }

    /// <summary>Whole months of audit partitions ahead of the current month (-1: none for it), or null when unknown.</summary>
    public async Task<int?> AuditPartitionMonthsAheadAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_runway is { } cached && now - cached.ReadAt < RunwayCacheFor)
        {
            return cached.MonthsAhead;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var newest = await connection.ExecuteScalarAsync<DateOnly?>(new CommandDefinition(NewestPartitionSql, cancellationToken: cancellationToken));
        var ahead = DatabaseHealthReader.MonthsAhead(newest, now);
        _runway = (ahead, now);
        return ahead;
    }

    public void Dispose() => _listener.Dispose();

    private static string? ApplicationName(NpgsqlDataSource dataSource) =>
        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).ApplicationName;

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? pool = null;
        string? state = null;
        foreach (var (key, tag) in tags)
        {
            switch (key)
            {
                case "db.client.connection.pool.name":
                    pool = tag as string;
                    break;
                case "db.client.connection.state":
                    state = tag as string;
                    break;
            }
        }

        if (pool is null || !_ownPools.Contains(pool))
        {
            return;
        }

        // Called by RecordObservableInstruments, under _lock.
        var (used, max) = _pools.GetValueOrDefault(pool);
        if (instrument.Name == "db.client.connection.max")
        {
            max = value;
        }
        else if (state == "used")
        {
            used = value;
        }

        _pools[pool] = (used, max);
    }
}
