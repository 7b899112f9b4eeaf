using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// Brands can be archived (ADR-092): <c>archived_at</c> set hides the brand and its products from the storefront
/// through Repeatable/R015_v_storefront_hidden_brands.sql; staff keep reading them. A nullable column (no rewrite) and
/// one partial index whose predicate is the hidden-brands view's own WHERE, so that the read every storefront statement
/// makes of it is an index-only scan of a normally empty index. With a partial index per state the planner did not
/// combine them for the OR and scanned the whole table instead: 163 buffers per product detail at 5,000 brands, which
/// made the detail 3.4 times slower at 1m (bench/ab.sh, 2026-12-07). Down drops the column with the repeatable views that read it; the
/// repeatable runner or 9000's down deals with them as with any missing object.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207009100_BrandArchive")]
public sealed class BrandArchive : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE brands ADD COLUMN archived_at timestamptz;
        CREATE INDEX idx_brands_hidden ON brands (id) WHERE deleted_at IS NOT NULL OR archived_at IS NOT NULL;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX idx_brands_hidden;
        ALTER TABLE brands DROP COLUMN archived_at CASCADE;
        """);
}
