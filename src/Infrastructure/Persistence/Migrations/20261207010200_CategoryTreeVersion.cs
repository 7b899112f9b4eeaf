using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// The version of the category tree (ADR-102): one row whose number every statement that writes <c>categories</c>
/// raises, in that statement's transaction, so it commits (and replicates) with the change. The storefront tree is
/// served from a snapshot while the number it was built at is still the database's. A statement-level trigger, so a
/// move that rewrites a subtree raises it once per statement, not per row; BEFORE the statement, so every transaction
/// that writes categories takes the version row's lock before any category row's, always in that order (no deadlock
/// between two of them). The first number is the migration's clock in microseconds, not 1: a database migrated down
/// and up again never hands out a number an API process may still hold a snapshot of.
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207010200_CategoryTreeVersion")]
public sealed class CategoryTreeVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE category_tree_version (
            id      boolean NOT NULL DEFAULT true,
            version bigint  NOT NULL,
            CONSTRAINT pk_category_tree_version PRIMARY KEY (id),
            CONSTRAINT ck_category_tree_version_one_row CHECK (id)
        );
        INSERT INTO category_tree_version (version) VALUES ((extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
        COMMENT ON TABLE category_tree_version IS
            'One row: raised by every statement that writes categories (trg_categories_tree_version); the storefront tree snapshot is keyed by it. ADR-102.';

        CREATE FUNCTION categories_raise_tree_version()
        RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
            UPDATE category_tree_version SET version = version + 1;
            RETURN NULL;
        END;
        $$;

        CREATE TRIGGER trg_categories_tree_version
            BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
            FOR EACH STATEMENT EXECUTE FUNCTION categories_raise_tree_version();
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER trg_categories_tree_version ON categories;
        DROP FUNCTION categories_raise_tree_version();
        DROP TABLE category_tree_version;
        """);
}
