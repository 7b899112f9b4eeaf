using System.Net;
using Catalog.Infrastructure.Database;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>The API runs as catalog_app, which may change rows but not the schema, and may only append to audit_logs (ADR-070).</summary>
public sealed class LeastPrivilegeTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private string AppConnection => PostgresServer.AppConnectionString(factory.ConnectionString);

    [Fact]
    public async Task Api_ConnectsAsTheAppRole_AndMigratesAsTheOwner()
    {
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand("SELECT current_user::text");
        Assert.Equal(PostgresServer.AppRole, await command.ExecuteScalarAsync());

        var strings = factory.Services.GetRequiredService<CatalogConnectionStrings>();
        Assert.Equal(PostgresServer.OwnerRole, new NpgsqlConnectionStringBuilder(strings.Owner).Username);
        Assert.Equal(PostgresServer.AppRole, new NpgsqlConnectionStringBuilder(strings.Write).Username);
    }

    [Theory]
    [InlineData("ALTER TABLE brands ADD COLUMN sneaky integer")]
    [InlineData("ALTER TABLE audit_logs DISABLE TRIGGER ALL")]
    [InlineData("DROP TABLE reviews")]
    [InlineData("CREATE TABLE sneaky (id integer)")]
    [InlineData("CREATE INDEX sneaky_idx ON products (name)")]
    [InlineData("TRUNCATE brands")]
    [InlineData("DELETE FROM \"__EFMigrationsHistory\"")]
    [InlineData("CREATE OR REPLACE FUNCTION category_breadcrumb(category_path uuid[]) RETURNS jsonb LANGUAGE sql AS 'SELECT ''[]''::jsonb'")]
    [InlineData("CREATE OR REPLACE VIEW v_storefront_products AS SELECT p.* FROM products p")]
    [InlineData("DROP VIEW v_api_keys")]
    [InlineData("ALTER VIEW v_reviews RENAME TO sneaky")]
    [InlineData("UPDATE v_audit_logs SET action = 'forged'")]
    [InlineData("DELETE FROM v_audit_logs")]
    [InlineData("UPDATE v_api_keys SET name = 'forged'")]
    [InlineData("INSERT INTO v_brands (name, slug) VALUES ('forged', 'forged')")]
    [InlineData("SELECT * FROM schema_repeatables")]
    [InlineData("SELECT catalog_grant_app_privileges('catalog_app')")]
    [InlineData("SELECT ensure_audit_partitions_core(1)")]
    [InlineData("SELECT catalog_grant_app_privileges_core('catalog_app')")]
    [InlineData("CREATE TABLE hangfire.sneaky (id integer)")]
    [InlineData("ALTER TABLE hangfire.job ADD COLUMN sneaky integer")]
    [InlineData("DROP TABLE hangfire.lock")]
    [InlineData("TRUNCATE hangfire.job")]
    public async Task AppRole_CannotChangeTheSchema(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(AppConnection, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task AppRole_ReadsEveryView()
    {
        var views = await ScalarAsync<string[]>(factory.ConnectionString, "SELECT array_agg(viewname::text) FROM pg_views WHERE schemaname = 'public'");
        Assert.Contains("v_storefront_products", views);
        foreach (var view in views)
        {
            await ExecuteAsync(AppConnection, $"SELECT * FROM {view} LIMIT 1");
        }
    }

    [Theory]
    [InlineData("UPDATE audit_logs SET action = 'forged'")]
    [InlineData("DELETE FROM audit_logs")]
    [InlineData("TRUNCATE audit_logs")]
    [InlineData("UPDATE audit_logs_default SET action = 'forged'")]
    [InlineData("DELETE FROM audit_logs_default")]
    [InlineData("SET catalog.audit_maintenance = 'on'; DELETE FROM audit_logs")]
    public async Task AppRole_CannotUpdateDeleteOrTruncateAuditLogs(string sql)
    {
        await ExecuteAsync(AppConnection, "INSERT INTO audit_logs (action, resource_type) VALUES ('test.append', 'test')");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(AppConnection, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("permission denied", error.MessageText, StringComparison.Ordinal);
        Assert.True(await ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM audit_logs WHERE action = 'test.append'") >= 1);
        Assert.Equal(0L, await ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM audit_logs WHERE action = 'forged'"));
    }

    [Fact]
    public async Task AuditPartitionsCreatedLater_GiveTheAppRoleNoDirectAccess()
    {
        // As the app role: ensure_audit_partitions runs as its owner and creates months ahead.
        var created = await ScalarAsync<int>(AppConnection, "SELECT ensure_audit_partitions(4)");
        Assert.True(created >= 1, "expected at least one new monthly partition");
        var newest = await ScalarAsync<string>(factory.ConnectionString,
            "SELECT max(c.relname::text) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_logs'::regclass AND c.relname <> 'audit_logs_default'");

        foreach (var sql in new[] { $"UPDATE {newest} SET action = 'x'", $"DELETE FROM {newest}", $"TRUNCATE {newest}", $"INSERT INTO {newest} (action, resource_type, created_at) VALUES ('x', 'x', now())" })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(AppConnection, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        // Through the parent, appending and reading still work.
        await ExecuteAsync(AppConnection, "INSERT INTO audit_logs (action, resource_type) VALUES ('test.parent', 'test')");
        Assert.Equal(1L, await ScalarAsync<long>(AppConnection, "SELECT count(*) FROM audit_logs WHERE action = 'test.parent'"));
    }

    [Fact]
    public async Task ApiWrites_SucceedAsTheAppRole_AndAreAudited()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var response = await client.PostJsonAsync("/api/v1/brands", new { name = "Least Privilege Brand" });
        var brand = await response.AssertStatusAsync(HttpStatusCode.Created);
        var id = brand.GetProperty("id").GetGuid();

        Assert.Equal(1L, await ScalarAsync<long>(factory.ConnectionString, $"SELECT count(*) FROM brands WHERE id = '{id}'"));
        Assert.True(await ScalarAsync<long>(factory.ConnectionString, $"SELECT count(*) FROM audit_logs WHERE resource_id = '{id}'") >= 1);
    }

    [Fact]
    public async Task Migrator_UsesTheOwnerConnection_OnAnEmptyDatabase()
    {
        var server = await PostgresServer.InstanceAsync();
        var empty = await server.CreateEmptyDatabaseAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new CatalogConnectionStrings(PostgresServer.AppConnectionString(empty), PostgresServer.AppConnectionString(empty)) { Owner = empty })
            .AddSingleton<DatabaseMigrator>();
        services.AddDbContext<Catalog.Infrastructure.Persistence.CatalogDbContext>(o => o.UseNpgsql(PostgresServer.AppConnectionString(empty)));
        await using var provider = services.BuildServiceProvider();
        var migrator = provider.GetRequiredService<DatabaseMigrator>();

        Assert.NotEmpty(await migrator.MigrateAsync(CancellationToken.None));
        Assert.True(await migrator.IsUpToDateAsync(CancellationToken.None));
        Assert.Equal(PostgresServer.OwnerRole, await ScalarAsync<string>(empty, "SELECT tableowner::text FROM pg_tables WHERE tablename = 'brands'"));
        Assert.True(await ScalarAsync<bool>(empty, "SELECT has_table_privilege('catalog_app', 'brands', 'INSERT') AND has_table_privilege('catalog_app', 'brands', 'UPDATE') AND has_table_privilege('catalog_app', 'brands', 'DELETE')"));
        Assert.False(await ScalarAsync<bool>(empty, "SELECT has_table_privilege('catalog_app', 'audit_logs', 'UPDATE') OR has_table_privilege('catalog_app', 'audit_logs', 'DELETE') OR has_table_privilege('catalog_app', 'audit_logs', 'TRUNCATE')"));
        Assert.True(await ScalarAsync<bool>(empty, "SELECT has_table_privilege('catalog_app', 'audit_logs', 'SELECT') AND has_table_privilege('catalog_app', 'audit_logs', 'INSERT')"));

        // The migrate command also installs Hangfire's storage, as the owner, with DML only for the app role (ADR-080).
        Assert.Equal(PostgresServer.OwnerRole, await ScalarAsync<string>(empty, "SELECT tableowner::text FROM pg_tables WHERE schemaname = 'hangfire' AND tablename = 'job'"));
        Assert.True(await ScalarAsync<bool>(empty, "SELECT has_table_privilege('catalog_app', 'hangfire.jobqueue', 'SELECT,INSERT,UPDATE,DELETE') AND NOT has_schema_privilege('catalog_app', 'hangfire', 'CREATE')"));
        Assert.Empty(await migrator.MigrateAsync(CancellationToken.None)); // a second migrate finds nothing to do, Hangfire's scripts included

        // That second migrate re-ran the app role's grants (after Hangfire's install) but no repeatable script: the
        // views must stay read-only to the role and the repeatables ledger hidden, whoever granted last (ADR-083).
        Assert.False(await ScalarAsync<bool>(empty, """
            SELECT bool_or(has_table_privilege('catalog_app', c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE'))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'v'
            """));
        Assert.True(await ScalarAsync<bool>(empty, "SELECT has_table_privilege('catalog_app', 'v_audit_logs', 'SELECT')"));
        Assert.False(await ScalarAsync<bool>(empty, "SELECT has_table_privilege('catalog_app', 'schema_repeatables', 'SELECT')"));
    }

    [Fact]
    public async Task Migrator_GivesEachStatementAnHour_NotTheOrdinaryCommandTimeout()
    {
        // Index-building migrations run ~1 min on a full catalogue (0034 at 1M products): the 30 s default would roll them back.
        var server = await PostgresServer.InstanceAsync();
        var empty = await server.CreateEmptyDatabaseAsync();
        var migrator = new DatabaseMigrator(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            new CatalogConnectionStrings(empty, empty) { Owner = empty }, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance);
        await using var db = migrator.CreateOwnerContext();
        Assert.Equal(3600, db.Database.GetCommandTimeout());
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
