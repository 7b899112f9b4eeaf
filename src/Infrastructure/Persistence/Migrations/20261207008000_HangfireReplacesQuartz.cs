using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// Hangfire replaces Quartz.NET (ADR-080): the qrtz_ tables go, the schema hangfire comes, owned by the migrating
/// owner and granted to the application role for DML only. Hangfire's own tables are created in it right after the
/// migrations by the same migrate command (Jobs.JobStorageSchema.Install). Down recreates the Quartz tables.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207008000_HangfireReplacesQuartz")]
public sealed class HangfireReplacesQuartz : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(SqlScript.Load("5000_quartz_schema.down.sql"));
        migrationBuilder.Sql(SqlScript.Load("8000_hangfire_replaces_quartz.up.sql"));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(SqlScript.Load("8000_hangfire_replaces_quartz.down.sql"));
        migrationBuilder.Sql(SqlScript.Load("5000_quartz_schema.up.sql"));
    }
}
