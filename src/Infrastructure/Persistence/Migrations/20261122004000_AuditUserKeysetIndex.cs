using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Keyset index for the audit log filtered by user (ADR-042).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261122004000_AuditUserKeysetIndex")]
public sealed class AuditUserKeysetIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0040_audit_user_keyset_index.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0040_audit_user_keyset_index.down.sql"));
}
