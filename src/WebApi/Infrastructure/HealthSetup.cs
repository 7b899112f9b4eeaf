using Catalog.Infrastructure.Database;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Catalog.WebApi.Infrastructure;

public static class HealthSetup
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddCatalogHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<ShutdownState>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapCatalogHealth(this WebApplication app)
    {
        // Liveness never touches the database: a database outage must not get healthy instances restarted.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = Observability.HealthResponseWriter.WriteAsync });
        return app;
    }
}

/// <summary>Set when the host begins to stop, so readiness turns 503 before in-flight requests drain.</summary>
public sealed class ShutdownState
{
    public volatile bool Stopping;
}

internal sealed class DatabaseReadyCheck(NpgsqlDataSource dataSource, DatabaseMigrator migrator, ShutdownState shutdown) : IHealthCheck
{
    private volatile bool _migrated;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (shutdown.Stopping)
        {
            return HealthCheckResult.Unhealthy("Shutting down.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            if (!_migrated)
            {
                _migrated = await migrator.IsUpToDateAsync(timeout.Token);
                if (!_migrated)
                {
                    return HealthCheckResult.Unhealthy("Database migrations are pending.");
                }
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.");
        }
    }
}
