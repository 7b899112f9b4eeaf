using Catalog.DevelopmentDatabase.LocalPostgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalog.DevelopmentDatabase;

/// <summary>
/// With no <c>ConnectionStrings:Catalog</c>, start (or reuse) a persistent PostgreSQL cluster under the git-ignored
/// <c>.localdb/</c> folder at the repository root and point the app at it.
/// </summary>
internal static class LocalDevelopmentCluster
{
    public const string Database = "catalog";
    public const string OwnerRole = "catalog_owner";

    /// <summary>The least-privilege role the app connects as (ADR-070); migrations and maintenance use <see cref="OwnerRole"/>.</summary>
    public const string AppRole = "catalog_app";

    public static async Task<LocalPostgresCluster?> StartIfNeededAsync(IHostApplicationBuilder builder, string repositoryRoot)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Catalog")))
        {
            return null;
        }

        var folder = builder.Configuration["LocalPostgres:DataDirectory"] ?? ".localdb";
        if (!Path.IsPathRooted(folder))
        {
            folder = Path.Combine(repositoryRoot, folder);
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
}
