using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Read-side speed at 1M products: bounded search ranking, exact-but-last search terms, category sort index (ADR-034).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261202003100_CatalogReadPerformance")]
public sealed class CatalogReadPerformance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0031_catalog_read_performance.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0031_catalog_read_performance.down.sql"));
}
