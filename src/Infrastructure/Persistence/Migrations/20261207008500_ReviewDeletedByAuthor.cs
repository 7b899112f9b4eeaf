using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Records whether a review was withdrawn by its author or removed by a moderator (ADR-085).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207008500_ReviewDeletedByAuthor")]
public sealed class ReviewDeletedByAuthor : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0085_review_deleted_by_author.up.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0085_review_deleted_by_author.down.sql"));
}
