using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// Creates the monthly audit_logs partitions for the current and the next <see cref="AuditPartitionsOptions.MonthsAhead"/>
/// months (ensure_audit_partitions: idempotent, serialised by an advisory lock, moves matching rows out of the
/// DEFAULT partition), then detaches and drops the partitions whose month ended more than
/// <see cref="AuditPartitionsOptions.RetentionMonths"/> months ago (0 keeps everything).
/// </summary>
internal sealed partial class AuditPartitionsJob(
    MaintenanceDatabase database,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<AuditPartitionsJob> logger) : IMaintenanceJob
{
    private const string PartitionsSql = """
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'public.audit_logs'::regclass
        ORDER BY c.relname
        """;

    private const string PartitionLockSql = "SELECT pg_advisory_xact_lock(hashtext('audit_partitions'))";

    // A statement of its own, after the lock: its snapshot then sees a drop that a concurrent run committed meanwhile.
    private const string StillAttachedSql = """
        SELECT EXISTS (SELECT 1 FROM pg_inherits
                       WHERE inhrelid = to_regclass(@name) AND inhparent = 'public.audit_logs'::regclass)
        """;

    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.AuditPartitions;
        await using var connection = await database.OpenAsync(cancellationToken);

        long created;
        await using (var ensure = new NpgsqlCommand("SELECT ensure_audit_partitions(@months)", connection))
        {
            ensure.Parameters.AddWithValue("months", settings.MonthsAhead);
            created = Convert.ToInt64(await ensure.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        if (created > 0)
        {
            logger.LogInformation("Created {Count} audit_logs partition(s)", created);
        }

        if (settings.RetentionMonths <= 0)
        {
            return created;
        }

        var now = time.GetUtcNow();
        var oldestKept = new DateOnly(now.Year, now.Month, 1).AddMonths(-settings.RetentionMonths);
        long dropped = 0;
        foreach (var partition in await ExpiredPartitionsAsync(connection, oldestKept, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await DropAsync(connection, partition, cancellationToken))
            {
                logger.LogInformation("Detached and dropped audit partition {Partition} (retention {Months} months)", partition, settings.RetentionMonths);
                dropped++;
            }
        }

        return created + dropped;
    }

    private static async Task<List<string>> ExpiredPartitionsAsync(NpgsqlConnection connection, DateOnly oldestKept, CancellationToken cancellationToken)
    {
        var expired = new List<string>();
        await using var command = new NpgsqlCommand(PartitionsSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var match = MonthlyPartition().Match(name);
            if (!match.Success)
            {
                continue; // audit_logs_default and anything an operator attached by hand
            }

            var month = new DateOnly(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), 1);
            if (month < oldestKept)
            {
                expired.Add(name);
            }
        }

        return expired;
    }

    /// <summary>Detaches and drops one partition; false when a concurrent run already did.</summary>
    private async Task<bool> DropAsync(NpgsqlConnection connection, string partition, CancellationToken cancellationToken)
    {
        // DETACH ... CONCURRENTLY is refused while a DEFAULT partition exists, so the plain DETACH runs under
        // lock_timeout: it gives up (and the next run tries again) rather than queue writers behind it.
        // The advisory lock is ensure_audit_partitions' own, so two runs at once take turns.
        var table = "public." + MaintenanceDatabase.Quote(partition);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var partitionLock = new NpgsqlCommand(PartitionLockSql, connection, transaction))
        {
            await partitionLock.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var check = new NpgsqlCommand(StillAttachedSql, connection, transaction))
        {
            check.Parameters.AddWithValue("name", "public." + MaintenanceDatabase.Quote(partition));
            if (await check.ExecuteScalarAsync(cancellationToken) is not true)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await using (var command = new NpgsqlCommand(
            MaintenanceDatabase.GuardsSql(database.LockTimeout, database.StatementTimeout, local: true) +
            $"ALTER TABLE public.audit_logs DETACH PARTITION {table}; DROP TABLE {table};",
            connection,
            transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [GeneratedRegex(@"^audit_logs_(\d{4})_(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthlyPartition();
}
