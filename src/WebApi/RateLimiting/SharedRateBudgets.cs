using Catalog.Application.Common.Observability;
using Catalog.WebApi.Scaling;
using StackExchange.Redis;

namespace Catalog.WebApi.RateLimiting;

/// <summary>
/// The fixed-window budgets kept in Redis when <c>ConnectionStrings:Redis</c> is set, so that a client gets its limit
/// once whatever instance it reaches (ADR-098): one atomic script per partition counts the request and starts the
/// window's expiry on its first one. Same partitions and limits as the local limiters. A <c>null</c> answer means Redis
/// is not configured or not reachable: the caller uses this instance's budgets (counted in <c>catalog.redis.fallbacks</c>).
/// </summary>
internal sealed class SharedRateBudgets(RedisConnection? redis)
{
    // INCR then, on the window's first request (or a key left without expiry), PEXPIRE: { count, milliseconds left }.
    private const string TakeScript = """
        local count = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return { count, ttl }
        """;

    /// <summary>Whether budgets can be shared now; false (and a fallback counted) while configured Redis is unreachable.</summary>
    public bool IsAvailable
    {
        get
        {
            if (redis is null)
            {
                return false;
            }

            if (redis.IsAvailable)
            {
                return true;
            }

            CatalogTelemetry.RedisFallback("rate_limit");
            return false;
        }
    }

    public async Task<SharedBudget?> TakeAsync(PartitionKey partition, TimeSpan window)
    {
        try
        {
            return Read(partition, await redis!.Database.ScriptEvaluateAsync(TakeScript, [Key(partition)], [(long)window.TotalMilliseconds]));
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            CatalogTelemetry.RedisFallback("rate_limit");
            return null;
        }
    }

    /// <summary>Synchronous, for the look-up budget that the key verifier asks for through a <c>Func&lt;bool&gt;</c>.</summary>
    public SharedBudget? Take(PartitionKey partition, TimeSpan window)
    {
        try
        {
            return Read(partition, redis!.Database.ScriptEvaluate(TakeScript, [Key(partition)], [(long)window.TotalMilliseconds]));
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            CatalogTelemetry.RedisFallback("rate_limit");
            return null;
        }
    }

    private static RedisKey Key(PartitionKey partition) => $"catalog:rate:{partition.Kind}:{partition.Id}";

    private static SharedBudget Read(PartitionKey partition, RedisResult result)
    {
        var values = (long[])result!;
        var count = values[0];
        var limit = Math.Max(1, partition.Limit);
        return new SharedBudget(count <= limit, (int)Math.Max(0, limit - count), TimeSpan.FromMilliseconds(Math.Max(0, values[1])));
    }
}

/// <summary>One request's draw on a shared budget: admitted or not, what is left, and when the window ends.</summary>
internal readonly record struct SharedBudget(bool Acquired, int Remaining, TimeSpan RetryAfter);
