using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// Views and read-side functions become repeatable scripts (Sql/Repeatable, <see cref="RepeatableScripts"/>, ADR-083):
/// this migration creates their ledger and drops the versions the migrations before it created; the down puts those back.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207009000_RepeatableObjects")]
public sealed class RepeatableObjects : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("9000_repeatable_objects.up.sql"));

    // The pre-9000 objects: 0030's and 0041's scripts create nothing else, so they run again as they are.
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(SqlScript.Load("9000_repeatable_objects.down.sql"));
        migrationBuilder.Sql(SqlScript.Load("0030_catalog_read_model.up.sql"));
        migrationBuilder.Sql(SqlScript.Load("9000_repeatable_objects.down.after_0030.sql"));
        migrationBuilder.Sql(SqlScript.Load("0041_product_detail_view.up.sql"));
    }
}
