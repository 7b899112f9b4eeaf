-- repeatable: view v_all_categories
-- Every category, deleted ones included, with deleted_at, its back-office status ('active', 'inactive' or 'deleted':
-- the values GET /categories?status= filters on) and the row version. v_categories is its live part. Staff holding
-- categories:write read it: the tree and a category by id or slug with ?status= (ADR-086).
CREATE VIEW v_all_categories AS
SELECT c.id, c.name, c.slug, c.description, c.parent_id, c.image_url, c.metadata, c.sort_order, c.is_active, c.path,
       c.depth, c.created_at, c.updated_at, c.deleted_at,
       CASE WHEN c.deleted_at IS NOT NULL THEN 'deleted' WHEN c.is_active THEN 'active' ELSE 'inactive' END AS status,
       c.xmin::text::bigint AS version
  FROM categories c;

COMMENT ON VIEW v_all_categories IS
    'Every category (deleted ones with deleted_at) with status active/inactive/deleted and the row version; for staff.';
