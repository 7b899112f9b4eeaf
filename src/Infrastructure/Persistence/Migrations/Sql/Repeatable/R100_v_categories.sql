-- repeatable: view v_categories
-- Live (not deleted) categories, active or not, with their row version (v_all_categories without the deleted): what a
-- product's category filter, the breadcrumbs and the category subtree of a storefront page walk (idx_categories_path,
-- the parent indexes).
CREATE VIEW v_categories AS
SELECT c.id, c.name, c.slug, c.description, c.parent_id, c.image_url, c.metadata, c.sort_order, c.is_active, c.path,
       c.depth, c.created_at, c.updated_at, c.version
  FROM v_all_categories c
 WHERE c.deleted_at IS NULL;

COMMENT ON VIEW v_categories IS 'Live (not deleted) categories, active or not, with the row version.';
