using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Catalog.Infrastructure.Persistence;

/// <summary>
/// snake_case names for every table, column and key of <see cref="CatalogDbContext"/> (EFCore.NamingConventions), on
/// every options builder of the context: the model is cached per set of options, so a context built without it
/// would map other names.
/// </summary>
internal static class CatalogNaming
{
    public static TBuilder UseCatalogNaming<TBuilder>(this TBuilder options)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseSnakeCaseNamingConvention().ReplaceService<IHistoryRepository, CatalogHistoryRepository>();
        return options;
    }
}

// EF1001: NpgsqlHistoryRepository is marked internal API, but subclassing it is EF Core's documented way to customise
// the history table. EFCore.NamingConventions would otherwise rename its columns to migration_id/product_version
// (efcore/EFCore.NamingConventions#1): every existing database has "MigrationId"/"ProductVersion", and an instance
// of the previous release reads them during a rolling deploy.
#pragma warning disable EF1001
internal sealed class CatalogHistoryRepository(HistoryRepositoryDependencies dependencies) : NpgsqlHistoryRepository(dependencies)
{
    protected override void ConfigureTable(EntityTypeBuilder<HistoryRow> history)
    {
        base.ConfigureTable(history);
        history.Property(h => h.MigrationId).HasColumnName(nameof(HistoryRow.MigrationId));
        history.Property(h => h.ProductVersion).HasColumnName(nameof(HistoryRow.ProductVersion));
    }
}
#pragma warning restore EF1001
