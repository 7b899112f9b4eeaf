using System.Globalization;
using Npgsql;

namespace Catalog.Benchmarks.Loading;

/// <summary>Monthly audit_logs partitions for the generated months (the migration only creates the current and next).</summary>
internal static class AuditPartitions
{
    /// <summary>
    /// Creates the missing partitions. Called in the transaction of the audit COPY: on a <c>wal_level = minimal</c>
    /// cluster, rows copied into a table created in the same transaction are not WAL-logged (the file is synced at commit).
    /// </summary>
    public static async Task<int> EnsureAsync(NpgsqlConnection connection, DateTime from, DateTime to)
    {
        var created = 0;
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            var name = "audit_logs_" + month.ToString("yyyy_MM", CultureInfo.InvariantCulture);
            if (await LoadCommand.ScalarAsync<bool>(connection, $"SELECT to_regclass('public.{name}') IS NOT NULL"))
            {
                continue;
            }

            var start = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var end = month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await LoadCommand.ExecuteAsync(connection, $"CREATE TABLE public.{name} PARTITION OF public.audit_logs FOR VALUES FROM ('{start} 00:00:00+00') TO ('{end} 00:00:00+00')");
            await LoadCommand.ExecuteAsync(connection, $"CREATE TRIGGER trg_audit_logs_block_truncate BEFORE TRUNCATE ON public.{name} FOR EACH STATEMENT EXECUTE FUNCTION public.audit_logs_block_mutation()");
            created++;
        }

        return created;
    }
}
