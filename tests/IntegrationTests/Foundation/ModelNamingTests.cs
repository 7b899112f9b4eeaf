using System.Text.RegularExpressions;
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
/// renamed column. Every name the EF model gives a table, column or primary key must exist in the migrated schema, and
/// every column must be its property's name in snake_case (the row version excepted: xmin, ADR-020), one column per
/// property: a property mapped to a wrong but existing column, or a naming convention that changed its spelling, fails
/// here. The migrator's owner context must map exactly the names of the request-scoped one. The migration that adds a
/// column and the property that maps it are all a feature writes; no list of names is kept by hand (ADR-081).
/// </summary>
public sealed partial class ModelNamingTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task ApplicationContext_MapsEveryNameOntoTheMigratedSchema_ByTheNamingRule()
    {
        using var scope = factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<CatalogDbContext>().GetService<IDesignTimeModel>().Model;
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();

        var wrong = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            if (entity.GetSchema() is not (null or "public"))
            {
                wrong.Add($"{entity.ClrType.Name}: schema {entity.GetSchema()}, the migrations create every table in public");
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            // pg_attribute, not information_schema: the row version maps onto the system column xmin.
            var columns = await ListAsync(connection, "SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = to_regclass(@table) AND NOT a.attisdropped", table);
            if (columns.Count == 0)
            {
                wrong.Add($"{table}: no such table");
                continue;
            }

            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                var expected = property.Name == "Version" ? "xmin" : SnakeCase(property.Name);
                if (column != expected)
                {
                    wrong.Add($"{entity.ClrType.Name}.{property.Name}: mapped to column {column}, the naming rule says {expected}");
                }

                if (!columns.Contains(column))
                {
                    wrong.Add($"{table}.{column}: no such column");
                }
            }

            wrong.AddRange(entity.GetProperties().GroupBy(p => p.GetColumnName(store)).Where(g => g.Count() > 1)
                .Select(g => $"{table}.{g.Key}: mapped by {string.Join(", ", g.Select(p => p.Name))}"));

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
    public void MigratorOwnerContext_MapsTheNamesOfTheApplicationContext()
    {
        using var scope = factory.Services.CreateScope();
        var application = Describe(scope.ServiceProvider.GetRequiredService<CatalogDbContext>().GetService<IDesignTimeModel>().Model);
        using var owner = factory.Services.GetRequiredService<DatabaseMigrator>().CreateOwnerContext();

        Assert.Equal(application, Describe(owner.GetService<IDesignTimeModel>().Model));
        Assert.Contains("Brand.Name column name", application);
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

    /// <summary>"ArchivedAt" → "archived_at"; a backing field's leading underscore is not part of the name.</summary>
    private static string SnakeCase(string name) => UpperAfterLowerOrDigit().Replace(name.TrimStart('_'), "_$1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex UpperAfterLowerOrDigit();

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
