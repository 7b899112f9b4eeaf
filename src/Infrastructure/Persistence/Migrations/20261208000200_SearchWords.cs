using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// <c>search_words</c>: each distinct name word once, with a trigram index, for search's typo fallback (ADR-125), which
/// compares a misspelt word with these instead of with every product name.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261208000200_SearchWords")]
public sealed class SearchWords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0114_search_words.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0114_search_words.down.sql"));
}
