using Catalog.Infrastructure.Database;

namespace Catalog.WebApi.Composition;

/// <summary>What happens to the database before the host serves: migrate, bootstrap admin (the demo data is seeded as the host starts, in Development: ADR-089).</summary>
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

        var bootstrap = services.GetRequiredService<BootstrapAdmin>();
        await bootstrap.EnsureAsync(cancellationToken);
        if (app.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["Bootstrap:AdminEmail"]))
        {
            await EnsureDevelopmentAdminAsync(bootstrap, cancellationToken);
        }
    }

    /// <summary>
    /// The <c>migrate</c> command when the arguments ask for it (<see cref="RunMigrateCommandAsync"/>: nothing is
    /// served); otherwise prepares the database, then serves until the host stops.
    /// </summary>
    public static async Task<int> RunCatalogAsync(this WebApplication app, string[] args)
    {
        if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
        {
            return await app.RunMigrateCommandAsync(args);
        }

        await app.PrepareDatabaseAsync();
        await app.RunAsync();
        return 0;
    }

    public const string DevelopmentAdminEmail = "admin@catalog.local";

    // Development without Bootstrap settings: an admin with a random password, printed once when it is created.
    private static async Task EnsureDevelopmentAdminAsync(BootstrapAdmin bootstrap, CancellationToken cancellationToken)
    {
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
        if (await bootstrap.EnsureAsync(DevelopmentAdminEmail, password, cancellationToken))
        {
            Console.WriteLine();
            Console.WriteLine("  ┌──────────────────────────────────────────────────────────────────");
            Console.WriteLine($"  │ Development admin created (shown once): {DevelopmentAdminEmail} / {password}");
            Console.WriteLine("  │ Sign in: POST /api/v1/auth/login; Swagger UI: /swagger");
            Console.WriteLine("  └──────────────────────────────────────────────────────────────────");
            Console.WriteLine();
        }
    }

    /// <summary>
    /// <c>dotnet run --project src/WebApi -- migrate</c>: apply pending migrations and exit.
    /// <c>migrate --to &lt;migration&gt;</c> moves the schema to that migration, running down scripts when it is older
    /// than the database (a rollback before deploying the previous build; "0" reverts everything).
    /// </summary>
    public static async Task<int> RunMigrateCommandAsync(this WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Catalog.Migrate");
        var to = Array.FindIndex(args, a => string.Equals(a, "--to", StringComparison.Ordinal));
        if (to >= 0)
        {
            if (to + 1 >= args.Length)
            {
                // Straight to stderr: the console logger writes from a queue that an immediate exit may not drain.
                await Console.Error.WriteLineAsync("migrate --to needs a migration name or id");
                return 2;
            }

            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateToAsync(args[to + 1], CancellationToken.None);
            logger.LogInformation("Schema migrated to {Migration}", args[to + 1]);
            return 0;
        }

        var applied = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        logger.LogInformation("Migrations applied: {Count}", applied.Count);
        return 0;
    }
}
