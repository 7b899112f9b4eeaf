using Catalog.Infrastructure.Database;
using Catalog.Infrastructure.Persistence;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// The write model maps onto tables that the SQL migrations create (ADR-001), so no generated migration would catch a
/// renamed column: every name the EF model gives a table, column, key, index or foreign key is compared with the list
/// checked in beside this file (ModelNames.expected.txt), for both contexts the application builds (the request-scoped
/// one and the migrator's owner context).
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
