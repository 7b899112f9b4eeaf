using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>
/// The product detail's breadcrumb, kept per category instead of assembled per request (ADR-110). The detail
/// (R050_v_product_detail) built it with a lateral unnest of the category's path, one index probe per ancestor and
/// three ordered aggregates: 12 of the statement's 22 buffers and about 40 % of its PostgreSQL time at 1m. The
/// breadcrumb changes only when a category does, so <c>category_breadcrumbs</c> holds it, one row per category, and
/// the detail joins it by primary key (one probe).
/// <para>
/// Kept by the database in the same transaction as the change, whoever makes it (API, import, undo, plain SQL):
/// statement-level AFTER triggers on <c>categories</c> with transition tables hand the changed ids to
/// <c>category_breadcrumbs_refresh</c>, which rewrites the rows of every category whose path contains one of them (the
/// changed rows and their subtrees: a rename, move, delete or restore changes its descendants' breadcrumbs). Category
/// writers are serialised by <c>category_tree_version</c>'s row lock (ADR-102), and each statement of the function
/// reads with a fresh snapshot, so two transactions cannot leave a breadcrumb built from the other's old names.
/// A hard-deleted category's row goes with it (ON DELETE CASCADE).
/// </para>
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("20261207010500_CategoryBreadcrumbs")]
public sealed class CategoryBreadcrumbs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE category_breadcrumbs (
            category_id uuid   NOT NULL,
            ids         uuid[],
            names       text[],
            slugs       text[],
            CONSTRAINT pk_category_breadcrumbs PRIMARY KEY (category_id),
            CONSTRAINT fk_category_breadcrumbs_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE
        );
        COMMENT ON TABLE category_breadcrumbs IS
            'Per category: its live ancestors root to leaf (ids, names, slugs), for the product detail. Written only by trg_categories_breadcrumbs_*. ADR-110.';

        -- The one definition of the detail's breadcrumb. changed NULL: every category.
        CREATE FUNCTION category_breadcrumbs_refresh(changed uuid[])
        RETURNS void
        LANGUAGE sql
        AS $$
            INSERT INTO category_breadcrumbs (category_id, ids, names, slugs)
            SELECT c.id, crumbs.ids, crumbs.names, crumbs.slugs
              FROM categories c
             CROSS JOIN LATERAL (
                   SELECT array_agg(a.id ORDER BY t.ord) AS ids, array_agg(a.name::text ORDER BY t.ord) AS names,
                          array_agg(a.slug::text ORDER BY t.ord) AS slugs
                     FROM unnest(c.path) WITH ORDINALITY AS t(id, ord)
                     JOIN categories a ON a.id = t.id AND a.deleted_at IS NULL) crumbs
             WHERE changed IS NULL OR c.path && changed
            ON CONFLICT (category_id) DO UPDATE
               SET ids = EXCLUDED.ids, names = EXCLUDED.names, slugs = EXCLUDED.slugs
             WHERE (category_breadcrumbs.ids, category_breadcrumbs.names, category_breadcrumbs.slugs)
                   IS DISTINCT FROM (EXCLUDED.ids, EXCLUDED.names, EXCLUDED.slugs);
        $$;

        CREATE FUNCTION categories_refresh_breadcrumbs()
        RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        DECLARE
            changed uuid[];
        BEGIN
            IF TG_OP = 'INSERT' THEN
                SELECT array_agg(n.id) INTO changed FROM new_rows n;
            ELSIF TG_OP = 'UPDATE' THEN
                -- Only what a breadcrumb shows: a description or sort order edit rewrites nothing.
                SELECT array_agg(n.id) INTO changed
                  FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE (n.name, n.slug, n.path, n.deleted_at) IS DISTINCT FROM (o.name, o.slug, o.path, o.deleted_at);
            ELSE
                SELECT array_agg(o.id) INTO changed FROM old_rows o;
            END IF;
            IF changed IS NOT NULL THEN
                PERFORM category_breadcrumbs_refresh(changed);
            END IF;
            RETURN NULL;
        END;
        $$;

        CREATE TRIGGER trg_categories_breadcrumbs_insert
            AFTER INSERT ON categories REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION categories_refresh_breadcrumbs();
        CREATE TRIGGER trg_categories_breadcrumbs_update
            AFTER UPDATE ON categories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION categories_refresh_breadcrumbs();
        CREATE TRIGGER trg_categories_breadcrumbs_delete
            AFTER DELETE ON categories REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION categories_refresh_breadcrumbs();

        SELECT category_breadcrumbs_refresh(NULL);
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER trg_categories_breadcrumbs_insert ON categories;
        DROP TRIGGER trg_categories_breadcrumbs_update ON categories;
        DROP TRIGGER trg_categories_breadcrumbs_delete ON categories;
        DROP FUNCTION categories_refresh_breadcrumbs();
        DROP FUNCTION category_breadcrumbs_refresh(uuid[]);
        DROP TABLE category_breadcrumbs CASCADE;
        """);
}
