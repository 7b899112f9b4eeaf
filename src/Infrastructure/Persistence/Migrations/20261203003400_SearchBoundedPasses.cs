using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Every pass of search_products bounded: description and trigram passes read id buckets, exact words before the prefix, 300 candidates (ADR-065).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261203003400_SearchBoundedPasses")]
public sealed class SearchBoundedPasses : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0034_search_bounded_passes.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0034_search_bounded_passes.down.sql"));
}
