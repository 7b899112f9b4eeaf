using Catalog.DevelopmentDatabase.DemoData;
using Catalog.DevelopmentDatabase.LocalPostgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Catalog.DevelopmentDatabase;

/// <summary>
/// What Development adds to the host (ADR-089): the embedded PostgreSQL when no connection string is set, stopped
/// when the host stops, and the demo catalog (Seed:DemoData) seeded as the host starts. Call it only in Development:
/// the production service never loads this assembly.
/// </summary>
public static class DevelopmentDatabaseSetup
{
    /// <param name="builder">The host being built; its configuration gets the connection strings of the embedded cluster.</param>
    /// <param name="repositoryRoot">The folder a relative <c>LocalPostgres:DataDirectory</c> (default <c>.localdb</c>) is under.</param>
    public static async Task AddDevelopmentDatabaseAsync(IHostApplicationBuilder builder, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = await LocalDevelopmentCluster.StartIfNeededAsync(builder, repositoryRoot);
        if (cluster is not null)
        {
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService<StopClusterWhenHostStops>();
        }

        if (builder.Configuration.GetValue("Seed:DemoData", defaultValue: true))
        {
            builder.Services.AddSingleton<DemoDataSeeder>();
            builder.Services.AddHostedService<DemoDataSeeding>();
        }
    }

    /// <summary>Instances handed to DI are not disposed by it: stop the development cluster once the host has stopped.</summary>
    private sealed class StopClusterWhenHostStops(LocalPostgresCluster cluster, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopped.Register(() => cluster.StopAsync().GetAwaiter().GetResult());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
