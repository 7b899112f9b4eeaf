using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// Brands can be archived (ADR-092): <c>archived_at</c> set hides the brand and its products from the storefront
/// through Repeatable/R015_v_storefront_hidden_brands.sql; staff keep reading them. A nullable column (no rewrite) and
/// a partial index for the hidden-brands read. Down drops the column with the repeatable views that read it; the
/// repeatable runner or 9000's down deals with them as with any missing object.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207009100_BrandArchive")]
public sealed class BrandArchive : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE brands ADD COLUMN archived_at timestamptz;
        CREATE INDEX idx_brands_archived ON brands (id) WHERE archived_at IS NOT NULL;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX idx_brands_archived;
        ALTER TABLE brands DROP COLUMN archived_at CASCADE;
        """);
}
