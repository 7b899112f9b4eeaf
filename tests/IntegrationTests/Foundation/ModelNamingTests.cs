using Catalog.Infrastructure.Database;
using Catalog.Infrastructure.Persistence;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// The write model maps onto tables that the SQL migrations create (ADR-001), so no generated migration would catch a
/// renamed column: every name the EF model gives a table, column, key, index or foreign key is compared with the list
/// checked in beside this file (ModelNames.expected.txt), for both contexts the application builds (the request-scoped
/// one and the migrator's owner context), and checked against the migrated schema itself.
/// </summary>
public sealed class ModelNamingTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public void ApplicationContext_MapsEveryNameAsTheCheckedInList()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();

        AssertNames(db);
    }

    [Fact]
    public void MigratorOwnerContext_MapsEveryNameAsTheCheckedInList()
    {
        using var db = factory.Services.GetRequiredService<DatabaseMigrator>().CreateOwnerContext();

        AssertNames(db);
    }

    [Fact]
    public async Task EveryMappedName_ExistsInTheMigratedSchema()
    {
        using var scope = factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<CatalogDbContext>().GetService<IDesignTimeModel>().Model;
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();

        var wrong = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            // pg_attribute, not information_schema: the row version maps onto the system column xmin.
            var columns = await ListAsync(connection, "SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = to_regclass(@table) AND NOT a.attisdropped", table);
            wrong.AddRange(entity.GetProperties().Select(p => p.GetColumnName(store)!).Where(c => !columns.Contains(c)).Select(c => $"{table}.{c}: no such column"));

            var primaryKeys = await ListAsync(connection, "SELECT c.conname::text FROM pg_constraint c WHERE c.conrelid = to_regclass(@table) AND c.contype = 'p'", table);
            var keyName = entity.FindPrimaryKey()!.GetName(store)!;
            if (!primaryKeys.Contains(keyName))
            {
                wrong.Add($"{table}: primary key is {string.Join(",", primaryKeys)}, the model says {keyName}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task MigrationsHistory_KeepsTheColumnNamesOfExistingDatabases()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var columns = await ListAsync(connection, "SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped", "\"__EFMigrationsHistory\"");

        Assert.Equal(["MigrationId", "ProductVersion"], columns.Order(StringComparer.Ordinal));
        Assert.True(await factory.Services.GetRequiredService<DatabaseMigrator>().IsUpToDateAsync(CancellationToken.None));
    }

    private static async Task<HashSet<string>> ListAsync(NpgsqlConnection connection, string sql, string table)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("table", "public." + table);
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void AssertNames(CatalogDbContext db)
    {
        var actual = Describe(db.GetService<IDesignTimeModel>().Model);
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Foundation", "ModelNames.expected.txt"))
            .Where(line => line.Length > 0)
            .ToList();

        var missing = expected.Except(actual).ToList();
        var unexpected = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && unexpected.Count == 0,
            $"EF model names differ from ModelNames.expected.txt.\nExpected but not mapped:\n  {string.Join("\n  ", missing)}\nMapped but not expected:\n  {string.Join("\n  ", unexpected)}\nFull list:\n{string.Join('\n', actual)}");
    }

    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var table = entity.GetTableName() ?? "(none)";
            lines.Add($"{entity.ClrType.Name} table {entity.GetSchema() ?? "(default)"}.{table}");
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());

            foreach (var property in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                lines.Add($"{entity.ClrType.Name}.{property.Name} column {property.GetColumnName(store)}");
            }

            foreach (var key in entity.GetKeys().OrderBy(k => string.Join(",", k.Properties.Select(p => p.Name)), StringComparer.Ordinal))
            {
                lines.Add($"{entity.ClrType.Name} key ({string.Join(",", key.Properties.Select(p => p.Name))}) {key.GetName(store)}");
            }

            foreach (var index in entity.GetIndexes().OrderBy(i => string.Join(",", i.Properties.Select(p => p.Name)), StringComparer.Ordinal))
            {
                lines.Add($"{entity.ClrType.Name} index ({string.Join(",", index.Properties.Select(p => p.Name))}) {index.GetDatabaseName(store)}");
            }

            foreach (var foreignKey in entity.GetForeignKeys().OrderBy(f => string.Join(",", f.Properties.Select(p => p.Name)), StringComparer.Ordinal))
            {
                var principal = foreignKey.PrincipalEntityType;
                var principalStore = StoreObjectIdentifier.Table(principal.GetTableName() ?? "(none)", principal.GetSchema());
                lines.Add($"{entity.ClrType.Name} foreign key ({string.Join(",", foreignKey.Properties.Select(p => p.Name))}) {foreignKey.GetConstraintName(store, principalStore)}");
            }
        }

        return lines;
    }
}
