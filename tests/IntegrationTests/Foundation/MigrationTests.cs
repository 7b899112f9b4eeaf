using Catalog.Infrastructure.Persistence.Migrations;
using Catalog.IntegrationTests.Infrastructure;
using Npgsql;

namespace Catalog.IntegrationTests.Foundation;

public sealed class MigrationTests
{
    private static readonly string[] Tables =
    [
        "users", "products", "categories", "brands", "reviews", "refresh_tokens", "user_sessions", "api_keys",
        "permissions", "role_permissions", "audit_logs", "email_outbox", "review_helpful_votes", "idempotency_records",
        "user_tokens", "job_runs",
    ];

    [Fact]
    public async Task Migrations_UpDownUp_OnEmptyDatabase_BuildTheWholeSchemaEachTime()
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync();

        await PostgresServer.MigrateAsync(connectionString);
        await AssertSchemaAsync(connectionString);

        await PostgresServer.MigrateAsync(connectionString, "0");
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname IN ('soft_delete','search_products','ensure_audit_partitions')"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_views WHERE schemaname = 'public'"));

        await PostgresServer.MigrateAsync(connectionString);
        await AssertSchemaAsync(connectionString);
    }

    private static async Task AssertSchemaAsync(string connectionString)
    {
        foreach (var table in Tables)
        {
            Assert.True(await ScalarAsync<bool>(connectionString, $"SELECT to_regclass('public.{table}') IS NOT NULL"), $"table {table} missing");
        }

        Assert.Equal("p", await ScalarAsync<string>(connectionString, "SELECT relkind::text FROM pg_class WHERE relname = 'audit_logs'"));
        var now = DateTime.UtcNow;
        var current = $"audit_logs_{now:yyyy_MM}";
        var next = $"audit_logs_{now.AddMonths(1):yyyy_MM}";
        var partitions = await ScalarAsync<string[]>(connectionString,
            "SELECT array_agg(c.relname::text) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_logs'::regclass");
        Assert.Contains(current, partitions);
        Assert.Contains(next, partitions);
        Assert.Contains("audit_logs_default", partitions);
        Assert.Equal(20L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM permissions"));
        Assert.Equal(20L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM role_permissions WHERE role = 'admin'"));
        Assert.True(await ScalarAsync<bool>(connectionString, "SELECT count(*) >= 5 FROM pg_trigger WHERE tgname LIKE '%updated_at%'"));

        // Every repeatable object exists and is recorded (ADR-083); what nothing read is gone.
        var scripts = RepeatableScripts.Load();
        Assert.Equal(scripts.Count, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_repeatables"));
        foreach (var script in scripts)
        {
            var exists = script.ObjectType == "view" ? $"SELECT to_regclass('{script.ObjectName}') IS NOT NULL" : $"SELECT to_regprocedure('{script.ObjectName}') IS NOT NULL";
            Assert.True(await ScalarAsync<bool>(connectionString, exists), $"{script.ObjectType} {script.ObjectName} missing");
        }

        Assert.True(await ScalarAsync<bool>(connectionString, "SELECT to_regclass('public.v_product_summary') IS NULL AND to_regclass('public.v_active_users') IS NULL AND to_regprocedure('soft_delete(text, uuid)') IS NULL"));
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
