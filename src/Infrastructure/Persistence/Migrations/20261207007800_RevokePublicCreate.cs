using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>No role but the owner may create objects in schema public, whatever the server's default (ADR-078).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207007800_RevokePublicCreate")]
public sealed class RevokePublicCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("7800_revoke_public_create.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("7800_revoke_public_create.down.sql"));
}
