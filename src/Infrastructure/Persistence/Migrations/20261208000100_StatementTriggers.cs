using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// The products triggers that keep <c>category_subtree_products</c> and <c>search_name_words</c> fire once per statement
/// on its transition tables, with generic plans (ADR-124): a write of n rows is one refresh of n ids, and a one-row
/// write no longer plans <c>v_storefront_catalog</c> afresh. Down restores the row triggers.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261208000100_StatementTriggers")]
public sealed class StatementTriggers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0113_statement_triggers.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0113_statement_triggers.down.sql"));
}
