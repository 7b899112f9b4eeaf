-- =============================================================================
-- Catalog: 9000_repeatable_objects (up)
--
-- Views and read-side functions become repeatable objects (ADR-083): each lives in one canonical file under
-- Persistence/Migrations/Sql/Repeatable, and the migrator (RepeatableScripts) re-creates it, after the versioned
-- migrations, whenever its text changes, it is missing, or a file before it in name order was re-created. This table
-- records what was applied: the script, the object it creates and the SHA-256 of its text.
--
-- The definitions the versioned migrations created are dropped here; the repeatable scripts create their successors
-- right after this migration. v_product_summary, v_active_users and soft_delete() were read by nothing and are gone.
-- =============================================================================

CREATE TABLE schema_repeatables (
    script      text        PRIMARY KEY,
    object_type text        NOT NULL CHECK (object_type IN ('view', 'function')),
    object_name text        NOT NULL,
    checksum    text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE schema_repeatables IS
    'Repeatable SQL objects (views, functions) applied by the migrator after the versioned migrations: script name, object, SHA-256 of the script text (ADR-083).';

-- Like the migration history: the application reads nothing here and writes nothing.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'catalog_app') THEN
        REVOKE ALL ON schema_repeatables FROM catalog_app;
    END IF;
END;
$$;

DROP VIEW v_product_detail;
DROP VIEW v_storefront_catalog;
DROP VIEW v_backoffice_products;
DROP VIEW v_storefront_products;
DROP VIEW v_product_summary;
DROP VIEW v_active_users;
DROP FUNCTION search_products(text, integer);
DROP FUNCTION category_breadcrumb(uuid[]);
DROP FUNCTION catalog_search_tsquery(text);
DROP FUNCTION soft_delete(text, uuid);

-- Deleted categories only: what a storefront product's category must not be (v_storefront_products), read once per
-- statement like idx_brands_deleted (0033).
CREATE INDEX idx_categories_deleted ON categories (id) WHERE deleted_at IS NOT NULL;
