using Catalog.Infrastructure.Persistence;
using Catalog.Infrastructure.Persistence.Replicas;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Observability;

/// <summary>
/// Readiness details of the replica (ADR-100), which never fail readiness: reads go to the primary meanwhile. Degraded
/// (still 200) when the replica is unreachable, when it fell behind the newest write beyond <c>Database:ReplicaMaxWaitMs</c>,
/// when its replay is paused, or when the newest write position cannot be known (Redis unreachable, ADR-107); the data
/// says how far behind it is, in bytes of log, and how many reads each served.
/// </summary>
public sealed class ReplicaHealthCheck(ReplicaReadRouter router, IWritePositionChannel positions, ReadDataSource replica, NpgsqlDataSource primary) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (replicaReads, primaryReads) = router.Counts;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["replica.reads"] = replicaReads,
            ["replica.primaryReads"] = primaryReads,
        };
        var problems = new List<string>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var command = replica.DataSource.CreateCommand("SELECT pg_last_wal_replay_lsn(), pg_is_in_recovery() AND pg_is_wal_replay_paused()");
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            var replayed = reader.IsDBNull(0) ? (ulong?)null : (ulong)reader.GetFieldValue<NpgsqlLogSequenceNumber>(0);
            var paused = reader.GetBoolean(1);
            await using var current = primary.CreateCommand("SELECT pg_current_wal_insert_lsn()");
            var written = (ulong)(NpgsqlLogSequenceNumber)(await current.ExecuteScalarAsync(timeout.Token))!;
            if (replayed is { } position)
            {
                data["replica.lagBytes"] = position >= written ? 0L : (long)(written - position);
            }

            if (paused)
            {
                problems.Add("the replica's replay is paused");
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            problems.Add("the replica is unreachable; reads go to the primary");
        }

        if (router.IsUnreachable && problems.Count == 0)
        {
            problems.Add("the replica refused connections recently; reads go to the primary");
        }

        if (positions.Unavailable is { } unavailable)
        {
            problems.Add(unavailable);
        }

        if (router.IsLagging)
        {
            problems.Add("the replica lags behind the newest write beyond Database:ReplicaMaxWaitMs; reads that need it go to the primary");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("The replica is current.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }
}
