-- repeatable: view v_all_brands
-- Every brand, deleted ones included, with deleted_at, archived_at, its back-office status ('active', 'inactive',
-- 'archived' or 'deleted': the values GET /brands?status= filters on; deleted before archived) and the row version. v_brands is its live part. Staff holding brands:write
-- read it: the list and a brand by id or slug with ?status= (ADR-086).
CREATE VIEW v_all_brands AS
SELECT b.id, b.name, b.slug, b.description, b.logo_url, b.website_url, b.metadata, b.is_active, b.created_at,
       b.updated_at, b.deleted_at,
       CASE WHEN b.deleted_at IS NOT NULL THEN 'deleted' WHEN b.archived_at IS NOT NULL THEN 'archived'
            WHEN b.is_active THEN 'active' ELSE 'inactive' END AS status,
       b.xmin::text::bigint AS version, b.archived_at
  FROM brands b;

COMMENT ON VIEW v_all_brands IS
    'Every brand (deleted ones with deleted_at, archived ones with archived_at) with status active/inactive/archived/deleted and the row version; for staff.';
