using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// The category subtree index (ADR-108): <c>category_subtree_products</c>, one row per live product and category on
/// its category's path, with the sort keys, kept by triggers on products and categories; a storefront category page
/// in any keyset sort is one index range of it. Replaces the per-category storefront indexes of 0033.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207010800_CategorySubtreeProducts")]
public sealed class CategorySubtreeProducts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0108_category_subtree_products.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0108_category_subtree_products.down.sql"));
}
