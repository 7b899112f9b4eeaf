using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// Category pages from their own rows (ADR-112): <c>category_subtree_products</c> holds the storefront list rows of
/// <c>v_storefront_catalog</c> under each category of a product's path, refreshed by triggers on products, brands and
/// categories (the refresh itself is the repeatable script R035, which also fills the table), so a page joins nothing.
/// Down restores ADR-108's table of sort keys.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207011200_CategoryPageRows")]
public sealed class CategoryPageRows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0112_category_page_rows.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(SqlScript.Load("0112_category_page_rows.down.sql"));
        migrationBuilder.Sql(SqlScript.Load("0108_category_subtree_products.up.sql"));
    }
}
