-- repeatable: view v_storefront_categories
-- The categories the storefront shows as pages and in the tree: live and active.
CREATE VIEW v_storefront_categories AS
SELECT c.*
  FROM v_categories c
 WHERE c.is_active;

COMMENT ON VIEW v_storefront_categories IS 'Categories the storefront shows (live and active): the tree and category pages.';
