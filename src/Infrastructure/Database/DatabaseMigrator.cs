using Catalog.Infrastructure.Jobs;
using Catalog.Infrastructure.Persistence;
using Catalog.Infrastructure.Persistence.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Infrastructure.Database;

/// <summary>
/// Applies the SQL migrations through EF Core's migrator (which takes its own lock, so instances may race).
/// Migrations run as the schema owner (<see cref="CatalogConnectionStrings.Owner"/>); the application's own role
/// may not change the schema (ADR-070).
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopeFactory, CatalogConnectionStrings connectionStrings, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateOwnerContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is up to date");
        }
        else
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        // Hangfire's tables, by its own versioned scripts (nothing to do when they are current), as the owner (ADR-080).
        JobStorageSchema.Install(connectionStrings.Owner);

        await ApplyRepeatablesAsync(cancellationToken);
        return pending;
    }

    /// <summary>
    /// Migrates to <paramref name="target"/> ("0" reverts every migration). This build's repeatable scripts are applied
    /// only when that is its newest migration: below it, the database is an older release's, whose views may not read
    /// what this build's read (a column a later migration added, whose down script dropped it with its views). That
    /// release applies its own scripts when it migrates or starts, as it re-creates any missing object (ADR-083).
    /// </summary>
    public async Task MigrateToAsync(string target, CancellationToken cancellationToken)
    {
        await using var db = CreateOwnerContext();
        var migrator = db.Database.GetInfrastructure().GetRequiredService<IMigrator>();
        await migrator.MigrateAsync(target, cancellationToken);
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            logger.LogInformation("Migrated to {Target}, below this build's newest migration: its repeatable scripts are left to the release of that schema", target);
            return;
        }

        await ApplyRepeatablesAsync(cancellationToken);
    }

    // After the versioned migrations: the views and functions whose script changed or whose object is missing (ADR-083).
    private async Task ApplyRepeatablesAsync(CancellationToken cancellationToken)
    {
        var applied = await RepeatableScripts.ApplyAsync(connectionStrings.Owner, cancellationToken);
        if (applied > 0)
        {
            logger.LogInformation("Applied {Count} repeatable script(s)", applied);
        }
    }

    /// <summary>Whether every migration is applied; asked over the application's own connection (it may read the history).</summary>
    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        return !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
    }

    /// <summary>
    /// How long one migration statement may run. Index builds on a full catalogue take longer than the 30 s of an
    /// ordinary command (0034 builds 24 GIN indexes: ~55 s at 1,000,000 products on 2 cores), and a migration stopped
    /// by a client timeout rolls back and leaves the instance unready.
    /// </summary>
    internal const int MigrationCommandTimeoutSeconds = 3600;

    internal CatalogDbContext CreateOwnerContext()
    {
        var options = new DbContextOptionsBuilder<CatalogDbContext>()
            .UseNpgsql(connectionStrings.Owner, npgsql => npgsql.CommandTimeout(MigrationCommandTimeoutSeconds))
            .UseCatalogNaming()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        return new CatalogDbContext(options);
    }
}
