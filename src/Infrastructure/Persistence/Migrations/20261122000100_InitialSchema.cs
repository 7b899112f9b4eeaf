using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// The whole reference schema with its fixes (ADR-002). Migrations are SQL scripts run by EF Core's migrator
/// because the EF Core design-time package cannot be restored here (ADR-001).
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261122000100_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0001_initial_schema.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0001_initial_schema.down.sql"));
}
