using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Least privilege: the application role's grants, append-only audit_logs by privilege (ADR-070).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261122007000_AppRolePrivileges")]
public sealed class AppRolePrivileges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("7000_app_role_privileges.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("7000_app_role_privileges.down.sql"));
}
