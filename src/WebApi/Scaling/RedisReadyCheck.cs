using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalog.WebApi.Scaling;

/// <summary>
/// Readiness detail that never fails it: Degraded (still 200) while Redis is unreachable, because the instance keeps
/// serving with its own rate-limit budgets and output cache (ADR-098).
/// </summary>
internal sealed class RedisReadyCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var shared = redis.IsAvailable;
        var data = new Dictionary<string, object> { ["shared"] = shared };
        return Task.FromResult(shared
            ? HealthCheckResult.Healthy("Rate-limit budgets and the output cache are shared through Redis.", data)
            : HealthCheckResult.Degraded("Redis unreachable: rate-limit budgets and the output cache are this instance's own until it returns.", data: data));
    }
}
