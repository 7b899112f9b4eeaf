using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Drops idempotency records that may hold secrets, written before they were left out (ADR-076).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207007600_IdempotencySecretsPurge")]
public sealed class IdempotencySecretsPurge : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0042_idempotency_secrets_purge.up.sql"));

    // What was deleted cannot come back, and nothing needs to.
    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
