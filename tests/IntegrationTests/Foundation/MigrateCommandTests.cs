using System.Diagnostics;
using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Audit.AuditRows;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// The operator's commands, run as a deployment runs them (<c>dotnet Catalog.WebApi.dll migrate [--to id]</c>):
/// migrate to the newest schema, roll back to an older migration with the down scripts, and forward again.
/// </summary>
public sealed class MigrateCommandTests
{
    private const string Rollback = "20261207007800_RevokePublicCreate";

    [Fact]
    public async Task MigrateTo_RollsBackToThatMigration_AndMigrateBringsTheNewestBack()
    {
        var server = await PostgresServer.InstanceAsync();
        var owner = await server.CreateEmptyDatabaseAsync();

        Assert.Equal(0, (await RunAsync(owner, "migrate")).ExitCode);
        var newest = await NewestMigrationAsync(owner);
        Assert.NotEqual(Rollback, newest);
        Assert.True(await ScalarAsync<bool>(owner, "SELECT to_regclass('public.schema_repeatables') IS NOT NULL"));

        var rollback = await RunAsync(owner, "migrate", "--to", Rollback);
        Assert.True(rollback.ExitCode == 0, rollback.Output);
        Assert.Equal(Rollback, await NewestMigrationAsync(owner));
        // 9000's down script ran: the ledger of repeatable objects is gone, and what 9000 dropped is back.
        Assert.True(await ScalarAsync<bool>(owner, "SELECT to_regclass('public.schema_repeatables') IS NULL"));
        Assert.True(await ScalarAsync<bool>(owner, "SELECT to_regprocedure('soft_delete(text, uuid)') IS NOT NULL"));

        Assert.Equal(0, (await RunAsync(owner, "migrate")).ExitCode);
        Assert.Equal(newest, await NewestMigrationAsync(owner));
    }

    /// <summary>
    /// A rollback to a release that has repeatable objects but not a later column: 9100's down drops brands.archived_at
    /// with the views that read it, and this build's scripts (which read it) must not be re-applied on that schema. The
    /// previous release re-creates its own views at its start; migrate brings the newest schema and views back.
    /// </summary>
    [Fact]
    public async Task MigrateTo_AReleaseWithOlderColumns_LeavesThisBuildsViewsToThatRelease()
    {
        const string beforeBrandArchive = "20261207009000_RepeatableObjects";
        var server = await PostgresServer.InstanceAsync();
        var owner = await server.CreateEmptyDatabaseAsync();
        Assert.Equal(0, (await RunAsync(owner, "migrate")).ExitCode);
        var newest = await NewestMigrationAsync(owner);

        var rollback = await RunAsync(owner, "migrate", "--to", beforeBrandArchive);

        Assert.True(rollback.ExitCode == 0, rollback.Output);
        Assert.Equal(beforeBrandArchive, await NewestMigrationAsync(owner));
        Assert.False(await ScalarAsync<bool>(owner,
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'brands' AND column_name = 'archived_at')"));
        Assert.True(await ScalarAsync<bool>(owner, "SELECT to_regclass('public.v_storefront_hidden_brands') IS NULL"));

        Assert.Equal(0, (await RunAsync(owner, "migrate")).ExitCode);
        Assert.Equal(newest, await NewestMigrationAsync(owner));
        Assert.True(await ScalarAsync<bool>(owner, "SELECT to_regclass('public.v_storefront_hidden_brands') IS NOT NULL"));
        Assert.True(await ScalarAsync<bool>(owner, "SELECT to_regclass('public.v_storefront_catalog') IS NOT NULL"));
    }

    [Fact]
    public async Task MigrateTo_WithoutAMigration_FailsAndChangesNothing()
    {
        var server = await PostgresServer.InstanceAsync();
        var owner = await server.CreateDatabaseAsync();
        var before = await NewestMigrationAsync(owner);

        var result = await RunAsync(owner, "migrate", "--to");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("migrate --to needs a migration", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, await NewestMigrationAsync(owner));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string ownerConnectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Catalog.WebApi.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Catalog"] = ownerConnectionString;
        start.Environment["Jwt__SigningKey"] = "migrate-command-test-signing-key-0123456789abcdef";
        start.Environment["Jobs__Enabled"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static Task<string> NewestMigrationAsync(string connectionString) =>
        ScalarAsync<string>(connectionString, "SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\"");
}
