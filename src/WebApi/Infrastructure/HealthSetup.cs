using Catalog.Application.Common.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<ShutdownState>().Stopping = true);
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

internal sealed class DatabaseReadyCheck(IDatabaseReadiness database, ShutdownState shutdown) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (shutdown.Stopping)
        {
            return HealthCheckResult.Unhealthy("Shutting down.");
        }

        return await database.CheckAsync(cancellationToken) switch
        {
            DatabaseReadiness.Ready => HealthCheckResult.Healthy(),
            DatabaseReadiness.MigrationsPending => HealthCheckResult.Unhealthy("Database migrations are pending."),
            _ => HealthCheckResult.Unhealthy("Database unreachable."),
        };
    }
}
