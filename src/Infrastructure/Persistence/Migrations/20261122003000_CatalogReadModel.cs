using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>The catalog read model: storefront and back-office product views, the search tsquery and breadcrumb functions.</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261122003000_CatalogReadModel")]
public sealed class CatalogReadModel : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0030_catalog_read_model.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0030_catalog_read_model.down.sql"));
}
