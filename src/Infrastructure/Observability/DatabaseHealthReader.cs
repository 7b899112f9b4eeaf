using Catalog.Application.DatabaseHealth;
using Catalog.Infrastructure.Persistence;
using Dapper;
using Npgsql;

namespace Catalog.Infrastructure.Observability;

/// <summary>
/// The health views (v_db_health_*, repeatable scripts owned by the schema owner, SELECT for the application role):
/// the statistics of the primary in one round trip on the write side, the replication state on the read side.
/// </summary>
internal sealed class DatabaseHealthReader(NpgsqlDataSource primary, ReadDataSource readSide, TimeProvider time) : IDatabaseHealthReader
{
    public const int LongestQueries = 10;

    private const string PrimarySql = """
        SELECT table_name AS TableName, live_rows AS LiveRows, dead_rows AS DeadRows, total_bytes AS TotalBytes,
               last_vacuum AS LastVacuum, last_autovacuum AS LastAutovacuum, last_analyze AS LastAnalyze, last_autoanalyze AS LastAutoanalyze
          FROM v_db_health_tables ORDER BY total_bytes DESC, table_name;
        SELECT table_name AS TableName, index_name AS IndexName, scans AS Scans, bytes AS Bytes, never_used AS NeverUsed
          FROM v_db_health_indexes ORDER BY never_used DESC, bytes DESC, index_name;
        SELECT blocks_hit AS BlocksHit, blocks_read AS BlocksRead, hit_ratio AS HitRatio FROM v_db_health_cache;
        SELECT state AS State, connections AS Connections FROM v_db_health_connections ORDER BY connections DESC, state;
        SELECT pid AS Pid, application_name AS ApplicationName, state AS State, running_seconds AS RunningSeconds, query AS Query
          FROM v_db_health_queries ORDER BY running_seconds DESC LIMIT @Limit;
        SELECT count(*)::int AS Partitions, min(month) AS Oldest, max(month) AS Newest FROM v_db_health_audit_partitions;
        """;

    private const string ReplicationSql = "SELECT is_replica AS IsReplica, lag_seconds AS LagSeconds FROM v_db_health_replication";

    public async Task<DatabaseHealthResponse> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        ReplicationRow replication;
        await using (var read = await readSide.DataSource.OpenConnectionAsync(cancellationToken))
        {
            replication = await read.QuerySingleAsync<ReplicationRow>(new CommandDefinition(ReplicationSql, cancellationToken: cancellationToken));
        }

        await using var connection = await primary.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(PrimarySql, new { Limit = LongestQueries }, cancellationToken: cancellationToken));
        var tables = (await results.ReadAsync<TableRow>()).Select(t => new TableHealth(
            t.TableName, t.LiveRows, t.DeadRows, t.TotalBytes, Utc(t.LastVacuum), Utc(t.LastAutovacuum), Utc(t.LastAnalyze), Utc(t.LastAutoanalyze))).ToList();
        var indexes = (await results.ReadAsync<IndexRow>()).Select(i => new IndexHealth(i.TableName, i.IndexName, i.Scans, i.Bytes, i.NeverUsed)).ToList();
        var cache = await results.ReadSingleAsync<CacheRow>();
        var connections = (await results.ReadAsync<ConnectionRow>()).Select(c => new ConnectionCount(c.State, c.Connections)).ToList();
        var queries = (await results.ReadAsync<QueryRow>()).Select(q => new RunningQuery(q.Pid, q.ApplicationName, q.State, Math.Round(q.RunningSeconds, 3), q.Query)).ToList();
        var partitions = await results.ReadSingleAsync<PartitionsRow>();
        return new DatabaseHealthResponse(
            now,
            tables,
            indexes,
            new CacheHealth(cache.BlocksHit, cache.BlocksRead, cache.HitRatio),
            connections,
            queries,
            new AuditPartitionHealth(partitions.Partitions, Month(partitions.Oldest), Month(partitions.Newest), MonthsAhead(partitions.Newest, now)),
            new ReplicationHealth(replication.IsReplica, replication.LagSeconds is { } lag ? Math.Round(lag, 3) : null));
    }

    /// <summary>Whole months from the current month to the newest partition's (0: only this month is covered; negative: not even it).</summary>
    public static int MonthsAhead(DateOnly? newest, DateTimeOffset now) =>
        newest is { } month ? ((month.Year - now.UtcDateTime.Year) * 12) + month.Month - now.UtcDateTime.Month : -1;

    private static string? Month(DateOnly? month) => month?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private sealed record TableRow(string TableName, long LiveRows, long DeadRows, long TotalBytes, DateTime? LastVacuum, DateTime? LastAutovacuum, DateTime? LastAnalyze, DateTime? LastAutoanalyze);

    private sealed record IndexRow(string TableName, string IndexName, long Scans, long Bytes, bool NeverUsed);

    private sealed record CacheRow(long BlocksHit, long BlocksRead, double? HitRatio);

    private sealed record ConnectionRow(string State, long Connections);

    private sealed record QueryRow(int Pid, string? ApplicationName, string State, double RunningSeconds, string Query);

    private sealed record PartitionsRow(int Partitions, DateOnly? Oldest, DateOnly? Newest);

    private sealed record ReplicationRow(bool IsReplica, double? LagSeconds);
}
