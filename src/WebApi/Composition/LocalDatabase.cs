using Catalog.Infrastructure.Database.LocalPostgres;

namespace Catalog.WebApi.Composition;

/// <summary>
/// Development convenience: with no <c>ConnectionStrings:Catalog</c>, start (or reuse) a persistent PostgreSQL
/// cluster under the git-ignored <c>.localdb/</c> folder at the repository root and point the app at it.
/// </summary>
public static class LocalDatabase
{
    public const string Database = "catalog";
    public const string OwnerRole = "catalog_owner";

    /// <summary>The least-privilege role the app connects as (ADR-070); migrations and maintenance use <see cref="OwnerRole"/>.</summary>
    public const string AppRole = "catalog_app";

    /// <summary>Starts the development cluster when it is needed, and stops it once the host has stopped.</summary>
    public static async Task AddLocalDatabaseAsync(this WebApplicationBuilder builder)
    {
        var cluster = await StartIfNeededAsync(builder);
        if (cluster is not null)
        {
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService<LocalDatabaseStopper>();
        }
    }

    public static async Task<LocalPostgresCluster?> StartIfNeededAsync(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Catalog")))
        {
            return null;
        }

        var folder = builder.Configuration["LocalPostgres:DataDirectory"] ?? ".localdb";
        if (!Path.IsPathRooted(folder))
        {
            folder = Path.Combine(FindRepositoryRoot(builder.Environment.ContentRootPath), folder);
        }

        // Lives as long as the process: the cluster logs through it again when it stops at shutdown.
        var logger = LoggerFactory.Create(b => b.AddConsole()).CreateLogger("Catalog.LocalPostgres");
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = Path.Combine(folder, "pg"), Persistent = true },
            logger);

        var password = await ReadOrCreatePasswordAsync(Path.Combine(folder, "catalog_owner.password"));
        var appPassword = await ReadOrCreatePasswordAsync(Path.Combine(folder, "catalog_app.password"));
        await cluster.EnsureRoleAsync(OwnerRole, password, canLogin: true);
        await cluster.EnsureRoleAsync(AppRole, appPassword, canLogin: true);
        await cluster.EnsureDatabaseAsync(Database, OwnerRole);
        builder.Configuration["ConnectionStrings:Catalog"] = cluster.ConnectionString(Database, AppRole, appPassword);
        builder.Configuration["ConnectionStrings:CatalogOwner"] = cluster.ConnectionString(Database, OwnerRole, password);
        return cluster;
    }

    private static async Task<string> ReadOrCreatePasswordAsync(string passwordFile)
    {
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return (await File.ReadAllTextAsync(passwordFile)).Trim();
    }

    /// <summary>The folder holding Catalog.sln, searched upwards from <paramref name="start"/>; else <paramref name="start"/> itself.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Catalog.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}

/// <summary>Instances handed to DI are not disposed by it: stops the development cluster once the host has stopped.</summary>
internal sealed class LocalDatabaseStopper(LocalPostgresCluster cluster, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(() => cluster.StopAsync().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
