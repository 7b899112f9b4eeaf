using Catalog.Infrastructure.Persistence.Migrations;
using Catalog.IntegrationTests.Infrastructure;
using Npgsql;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>Views and read-side functions are repeatable scripts, re-applied when their text changes (ADR-083).</summary>
public sealed class RepeatableScriptsTests
{
    [Fact]
    public async Task Apply_RunsNothing_WhenNoScriptChanged()
    {
        var connectionString = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        var before = await ScalarAsync<DateTime>(connectionString, "SELECT max(applied_at) FROM schema_repeatables");

        Assert.Equal(0, await RepeatableScripts.ApplyAsync(connectionString, CancellationToken.None));
        Assert.Equal(before, await ScalarAsync<DateTime>(connectionString, "SELECT max(applied_at) FROM schema_repeatables"));
    }

    [Fact]
    public async Task Apply_RecreatesAChangedScript_AndEveryLaterOne_EvenWhenItDropsColumns()
    {
        var connectionString = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        var scripts = RepeatableScripts.Load().ToList();
        var index = scripts.FindIndex(s => s.ObjectName == "v_storefront_brands");
        var original = scripts[index];
        // Fewer columns than before: CREATE OR REPLACE VIEW could not do this; drop and create can.
        scripts[index] = RepeatableScripts.Parse(original.Name, """
            -- repeatable: view v_storefront_brands
            CREATE VIEW v_storefront_brands AS SELECT b.id, b.name FROM v_brands b WHERE b.is_active;
            """);

        Assert.Equal(scripts.Count - index, await RepeatableScripts.ApplyAsync(connectionString, scripts, CancellationToken.None));
        Assert.Equal(2L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'v_storefront_brands'"));
        Assert.Equal(scripts[index].Checksum, await ScalarAsync<string>(connectionString, $"SELECT checksum FROM schema_repeatables WHERE script = '{original.Name}'"));

        // Back to the embedded text: applied again, all columns back.
        Assert.Equal(scripts.Count - index, await RepeatableScripts.ApplyAsync(connectionString, CancellationToken.None));
        Assert.True(await ScalarAsync<long>(connectionString, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'v_storefront_brands'") > 2);
        Assert.Equal(original.Checksum, await ScalarAsync<string>(connectionString, $"SELECT checksum FROM schema_repeatables WHERE script = '{original.Name}'"));
    }

    [Fact]
    public async Task Apply_RecreatesAnObjectThatAMigrationDropped()
    {
        var connectionString = await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        await ScalarAsync<int>(connectionString, "DROP VIEW v_audit_logs; SELECT 1");

        Assert.True(await RepeatableScripts.ApplyAsync(connectionString, CancellationToken.None) >= 1);
        Assert.True(await ScalarAsync<bool>(connectionString, "SELECT to_regclass('v_audit_logs') IS NOT NULL"));
    }

    [Fact]
    public void Parse_RejectsAScriptThatDoesNotNameItsObject()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RepeatableScripts.Parse("R999_x.sql", "CREATE VIEW x AS SELECT 1;"));
        Assert.Contains("-- repeatable:", error.Message, StringComparison.Ordinal);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
