using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Catalog.Infrastructure.Observability;

/// <summary>
/// Readiness details that do not fail it: Degraded (still 200) when a connection pool of this instance is at 80 % of
/// its limit or more, or when the audit log has no partition for next month (the audit-partitions job is behind; rows
/// would land in the default partition). The figures are in the answer's data either way.
/// </summary>
public sealed class DatabaseCapacityCheck(DatabaseCapacity capacity) : IHealthCheck
{
    public const double PoolNearLimit = 0.8;
    public const int MinimumMonthsAhead = 1;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (pool, (used, max)) in capacity.Pools())
        {
            data[$"pool.{pool}.used"] = used;
            data[$"pool.{pool}.max"] = max;
            if (max > 0 && used >= max * PoolNearLimit)
            {
                problems.Add($"connection pool {pool} is near its limit ({used} of {max} in use)");
            }
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            if (await capacity.AuditPartitionMonthsAheadAsync(timeout.Token) is { } ahead)
            {
                data["auditPartitions.monthsAhead"] = ahead;
                if (ahead < MinimumMonthsAhead)
                {
                    problems.Add($"audit partitions run out: {ahead} month(s) ahead of the current one, {MinimumMonthsAhead} wanted");
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The database check reports an unreachable database; this one only adds details.
            data["auditPartitions.monthsAhead"] = "unknown";
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("Capacity is fine.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }
}
