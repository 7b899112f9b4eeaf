using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// Quartz.NET's job store tables (prefix <c>qrtz_</c>), created here from Quartz's own PostgreSQL script so that
/// the application role needs no CREATE privilege at start-up (ADR-050). Dropped again by
/// <see cref="HangfireReplacesQuartz"/> (ADR-080); its script stays for the way down.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261122005000_QuartzSchema")]
public sealed class QuartzSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("5000_quartz_schema.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("5000_quartz_schema.down.sql"));
}
