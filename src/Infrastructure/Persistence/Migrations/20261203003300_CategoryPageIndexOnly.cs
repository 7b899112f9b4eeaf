using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Per-category keyset indexes that cover the usual filters, and a deleted-brands index: index-only category subtree pages (ADR-064).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261203003300_CategoryPageIndexOnly")]
public sealed class CategoryPageIndexOnly : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0033_category_page_index_only.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0033_category_page_index_only.down.sql"));
}
