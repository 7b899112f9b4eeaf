using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// The search name words (ADR-111): <c>search_name_words</c>, one row per word of every live product's name, kept by
/// triggers on products; a name pass of <c>search_products</c> is a btree range stopped by its LIMIT, whatever the
/// catalogue's size.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207011100_SearchNameWords")]
public sealed class SearchNameWords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0111_search_name_words.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0111_search_name_words.down.sql"));
}
