using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>The product detail read as the view v_product_detail, looked up by slug with a plain index scan (ADR-073).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261204004100_ProductDetailView")]
public sealed class ProductDetailView : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0041_product_detail_view.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0041_product_detail_view.down.sql"));
}
