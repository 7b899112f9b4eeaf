using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>The tables whose statistics and bloat matter most: the catalog, the reviews and the sign-in tables.</summary>
internal static class HotTables
{
    public static readonly IReadOnlyList<string> All =
    [
        "products", "categories", "brands", "reviews", "review_helpful_votes",
        "users", "user_sessions", "refresh_tokens", "api_keys", "user_tokens",
        "email_outbox", "idempotency_records", "job_runs",
    ];
}

/// <summary>Hourly ANALYZE of the hot tables, so the planner's statistics follow the data.</summary>
internal sealed class DatabaseAnalyzeJob(MaintenanceDatabase database) : IMaintenanceJob
{
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var table in HotTables.All)
        {
            await MaintenanceDatabase.ExecuteAsync(connection, $"ANALYZE public.{MaintenanceDatabase.Quote(table)}", cancellationToken);
        }

        return HotTables.All.Count;
    }
}

/// <summary>
/// Nightly VACUUM (ANALYZE) of the hot tables: reclaims dead rows for reuse without the exclusive lock of
/// VACUUM FULL, which is deliberately never scheduled (ADR-051).
/// </summary>
internal sealed class DatabaseVacuumJob(MaintenanceDatabase database) : IMaintenanceJob
{
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var table in HotTables.All)
        {
            await MaintenanceDatabase.ExecuteAsync(connection, $"VACUUM (ANALYZE) public.{MaintenanceDatabase.Quote(table)}", cancellationToken);
        }

        return HotTables.All.Count;
    }
}

/// <summary>
/// Weekly REINDEX INDEX CONCURRENTLY of every index of products: rebuilds bloated indexes while reads and writes go on.
/// A rebuild that failed earlier (lock_timeout, cancellation) leaves an invalid <c>*_ccnew</c> index behind;
/// those are dropped first.
/// </summary>
internal sealed class DatabaseReindexJob(MaintenanceDatabase database, ILogger<DatabaseReindexJob> logger) : IMaintenanceJob
{
    private const string LeftoversSql = """
        SELECT c.relname
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'public.products'::regclass AND NOT i.indisvalid AND c.relname ~ '_ccnew[0-9]*$'
        """;

    private const string IndexesSql = """
        SELECT c.relname
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'public.products'::regclass AND i.indisvalid
        ORDER BY c.relname
        """;

    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var leftover in await NamesAsync(connection, LeftoversSql, cancellationToken))
        {
            logger.LogWarning("Dropping invalid index {Index} left by an interrupted REINDEX CONCURRENTLY", leftover);
            await MaintenanceDatabase.ExecuteAsync(connection, $"DROP INDEX CONCURRENTLY IF EXISTS public.{MaintenanceDatabase.Quote(leftover)}", cancellationToken);
        }

        var indexes = await NamesAsync(connection, IndexesSql, cancellationToken);
        foreach (var index in indexes)
        {
            await MaintenanceDatabase.ExecuteAsync(connection, $"REINDEX INDEX CONCURRENTLY public.{MaintenanceDatabase.Quote(index)}", cancellationToken);
        }

        return indexes.Count;
    }

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
