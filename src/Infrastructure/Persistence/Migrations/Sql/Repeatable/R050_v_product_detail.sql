-- repeatable: view v_product_detail
-- The product detail (ADR-073): one row per live product with its brand, category and breadcrumb (three arrays root
-- to leaf, kept per category in category_breadcrumbs by the database, ADR-110: one probe instead of one per ancestor
-- and three ordered aggregates, which were about 40 % of this statement's time). Staff and partners read it;
-- anonymous callers read v_storefront_product_detail, these rows joined to the storefront rule by row_ctid.
-- GetProductQuery selects from either by slug (or, for a GUID-shaped key, by id or slug); the view is flattened into
-- that statement, so its plan stays an index scan on ux_products_slug_live and the joins run only for the row it finds.
CREATE VIEW v_product_detail AS
SELECT p.id, p.name, p.slug, p.description, p.short_description, p.price, p.compare_at_price, p.cost, p.sku, p.barcode,
       p.stock_quantity, p.low_stock_threshold, p.weight, p.dimensions, p.images, p.tags, p.metadata, p.is_active,
       p.is_featured, p.status, p.review_remark, p.submitted_at, p.published_at, p.average_rating, p.review_count,
       p.rating_counts, p.created_at, p.updated_at,
       b.id AS brand_id, b.name AS brand_name, b.slug AS brand_slug,
       c.id AS category_id, c.name AS category_name, c.slug AS category_slug,
       crumbs.ids AS breadcrumb_ids, crumbs.names AS breadcrumb_names, crumbs.slugs AS breadcrumb_slugs,
       p.xmin::text::bigint AS version,
       p.ctid AS row_ctid
  FROM products p
  LEFT JOIN brands b     ON b.id = p.brand_id    AND b.deleted_at IS NULL
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
  LEFT JOIN category_breadcrumbs crumbs ON crumbs.category_id = c.id
 WHERE p.deleted_at IS NULL;

COMMENT ON VIEW v_product_detail IS
    'Product detail (live products): brand, category, breadcrumb root to leaf, row version; row_ctid for v_storefront_product_detail.';
