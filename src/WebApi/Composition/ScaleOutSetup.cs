using Catalog.Infrastructure;
using Catalog.WebApi.Caching;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.Scaling;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;

namespace Catalog.WebApi.Composition;

/// <summary>
/// Scale-out through Redis when <c>ConnectionStrings:Redis</c> is set (ADR-098): the rate-limit budgets
/// (<c>SharedRateBudgets</c>, which finds the connection here), the output cache and, with a replica, the newest write
/// position (ADR-107) move there, with this instance's own as the fallback, and readiness reports whether they are
/// shared. Without it, nothing changes.
/// </summary>
public static class ScaleOutSetup
{
    public const string ConnectionStringName = "Redis";

    /// <summary>After <c>AddCatalogCaching</c> (it wraps the output-cache store registered there), before observability.</summary>
    public static IServiceCollection AddCatalogScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddSingleton(provider => new RedisConnection(connectionString, provider.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddHealthChecks().AddCheck<RedisReadyCheck>("redis", tags: [HealthSetup.ReadyTag]);
        services.AddRedisWritePositionSharing(configuration, provider => provider.GetRequiredService<RedisConnection>().MultiplexerAsync());

        if (OutputCacheStores.TakeRegistered(services) is { } local)
        {
            services.AddStackExchangeRedisOutputCache(_ => { });
            services.AddOptions<RedisOutputCacheOptions>().Configure<RedisConnection>((options, redis) =>
            {
                options.InstanceName = "catalog:output:";
                options.ConnectionMultiplexerFactory = redis.MultiplexerAsync;
            });
            var shared = OutputCacheStores.TakeRegistered(services)!;
            services.AddSingleton<IOutputCacheStore>(provider => new FailoverOutputCacheStore(
                shared(provider), local(provider), provider.GetRequiredService<RedisConnection>(), provider.GetRequiredService<ILogger<FailoverOutputCacheStore>>()));
        }

        return services;
    }
}
