using Catalog.DevelopmentDatabase.LocalPostgres;
using Catalog.Infrastructure.Persistence;
using Catalog.Infrastructure.Persistence.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run. The schema is migrated once into a template database;
/// every test class gets its own database cloned from it (CREATE DATABASE ... TEMPLATE), so tests never share data.
/// </summary>
public sealed class PostgresServer
{
    public const string OwnerRole = "catalog_owner";
    public const string OwnerPassword = "catalog-test-owner";
    public const string TemplateDatabase = "catalog_template";

    /// <summary>The application's least-privilege role (ADR-070); the API under test connects as it.</summary>
    public const string AppRole = "catalog_app";
    public const string AppPassword = "catalog-test-app";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LocalPostgresCluster _cluster;

    private PostgresServer(LocalPostgresCluster cluster) => _cluster = cluster;

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    public LocalPostgresCluster Cluster => _cluster;

    public string ConnectionString(string database) => _cluster.ConnectionString(database, OwnerRole, OwnerPassword);

    public string SuperuserConnectionString(string database) => _cluster.SuperuserConnectionString(database);

    /// <summary>The same database as <paramref name="ownerConnectionString"/>, as the application role.</summary>
    public static string AppConnectionString(string ownerConnectionString) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = AppRole, Password = AppPassword }.ConnectionString;

    /// <summary>A fresh, fully migrated database of its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await _cluster.CreateDatabaseFromTemplateAsync(name, TemplateDatabase, OwnerRole);
        return ConnectionString(name);
    }

    /// <summary>An empty database (no schema), for migration tests.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "e_" + Guid.NewGuid().ToString("N")[..16];
        await _cluster.EnsureDatabaseAsync(name, OwnerRole);
        return ConnectionString(name);
    }

    public static async Task MigrateAsync(string connectionString, string? target = null)
    {
        var options = new DbContextOptionsBuilder<CatalogDbContext>()
            .UseNpgsql(connectionString)
            .UseCatalogNaming()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;
        await using var db = new CatalogDbContext(options);
        if (target is null)
        {
            await db.Database.MigrateAsync();
            // As the migrate command does after the migrations (DatabaseMigrator): Hangfire's tables.
            Catalog.Infrastructure.Jobs.JobStorageSchema.Install(connectionString);
        }
        else
        {
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
            await migrator.MigrateAsync(target);
        }

        await RepeatableScripts.ApplyAsync(connectionString, CancellationToken.None);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        LeftoverClusters.Sweep(Path.GetTempPath(), DateTime.UtcNow);
        var folder = Path.Combine(Path.GetTempPath(), LeftoverClusters.Prefix + Guid.NewGuid().ToString("N")[..8]);
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = folder, Persistent = false },
            NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

        await cluster.EnsureRoleAsync(OwnerRole, OwnerPassword, canLogin: true);
        await cluster.EnsureRoleAsync(AppRole, AppPassword, canLogin: true);
        await using (var admin = new NpgsqlConnection(cluster.SuperuserConnectionString()))
        {
            await admin.OpenAsync();
            await using var grant = new NpgsqlCommand($"ALTER ROLE {OwnerRole} CREATEDB", admin);
            await grant.ExecuteNonQueryAsync();
        }

        await cluster.EnsureDatabaseAsync(TemplateDatabase, OwnerRole);
        var server = new PostgresServer(cluster);
        await MigrateAsync(server.ConnectionString(TemplateDatabase));
        NpgsqlConnection.ClearAllPools();
        return server;
    }
}
