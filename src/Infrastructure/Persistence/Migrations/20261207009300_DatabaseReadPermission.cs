using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>The permission database:read (GET /admin/database), granted to admin (ADR-094).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207009300_DatabaseReadPermission")]
public sealed class DatabaseReadPermission : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0093_database_read_permission.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0093_database_read_permission.down.sql"));
}
