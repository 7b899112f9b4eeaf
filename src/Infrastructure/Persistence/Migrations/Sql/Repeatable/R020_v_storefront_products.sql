-- repeatable: view v_storefront_products
-- THE storefront visibility rule (ADR-084): what an anonymous caller may see of the catalogue. Every storefront read
-- of products goes through this view — the list and category pages (v_storefront_catalog and the per-category
-- keyset reads), the detail (v_storefront_product_detail), search (search_products) and the review listing —
-- so a new condition written here applies to all of them and nowhere else. Category pages read it through
-- category_subtree_products, whose rows R035 writes from v_storefront_catalog and rebuilds whenever this script changes
-- (ADR-112); a condition on a table other than products, brands and categories also needs a trigger there that
-- calls category_subtree_products_refresh for the products it affects.
--
-- Written for the planner: a simple view, flattened into each query. The product's own conditions are the predicate
-- of the partial storefront indexes (idx_products_storefront_*, the search buckets), which the planner matches only
-- when they appear literally. The brand must not be one the storefront hides (v_storefront_hidden_brands, the brand part
-- of this rule) and the category not a deleted one: those are read once per statement (idx_brands_deleted,
-- idx_categories_deleted; normally none) and each row tests only its own brand_id and category_id, which the
-- per-category indexes carry, so a category page's candidates stay index-only (ADR-064).
--
-- row_ctid lets a read that already holds a product row test it against the rule without a second index probe
-- (v_product_detail: a TID scan of the page it has just read, instead of a walk down pk_products).
CREATE VIEW v_storefront_products AS
SELECT p.*, p.ctid AS row_ctid
  FROM products p
 WHERE p.deleted_at IS NULL
   AND p.is_active
   AND p.status = 'published'
   AND (p.brand_id IS NULL
        OR NOT p.brand_id = ANY (coalesce((SELECT array_agg(h.id) FROM v_storefront_hidden_brands h), '{}'::uuid[])))
   AND (p.category_id IS NULL
        OR NOT p.category_id = ANY (coalesce((SELECT array_agg(c.id) FROM categories c WHERE c.deleted_at IS NOT NULL), '{}'::uuid[])));

COMMENT ON VIEW v_storefront_products IS
    'The one storefront visibility rule: published, active, live products whose brand (when set) is not in v_storefront_hidden_brands and whose category (when set) is not deleted. All product columns.';
