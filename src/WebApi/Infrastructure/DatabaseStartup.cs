using Catalog.Infrastructure.Database;

namespace Catalog.WebApi.Infrastructure;

/// <summary>What happens to the database before the host serves: migrate, bootstrap admin, demo data.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var services = app.Services;
        var configuration = app.Configuration;
        if (configuration.GetValue("Database:MigrateOnStartup", app.Environment.IsDevelopment()))
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        await services.GetRequiredService<BootstrapAdmin>().EnsureAsync(cancellationToken);
        if (configuration.GetValue("Seed:DemoData", app.Environment.IsDevelopment()))
        {
            var seeder = services.GetService<IDemoDataSeeder>();
            if (seeder is not null)
            {
                await seeder.SeedAsync(cancellationToken);
            }
        }
    }

    /// <summary><c>dotnet run --project src/WebApi -- migrate</c>: apply pending migrations and exit.</summary>
    public static async Task<int> RunMigrateCommandAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Catalog.Migrate");
        var applied = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        logger.LogInformation("Migrations applied: {Count}", applied.Count);
        return 0;
    }
}
