using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Search reads name matches from eight partial GIN indexes (id buckets) and stops when it has its candidates (ADR-063).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261203003200_SearchNameBuckets")]
public sealed class SearchNameBuckets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0032_search_name_buckets.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0032_search_name_buckets.down.sql"));
}
