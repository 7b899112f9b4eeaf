-- The product detail read as a view (v_product_detail): one row per live product with its brand, category and
-- breadcrumb, and storefront_visible saying whether an anonymous caller may see it. GetProductQuery selects from it by
-- slug (or, for a GUID-shaped key, by id or slug), so the statement the API prepares is short and its generic plan is
-- a plain index scan on ux_products_slug_live. The statement it replaces matched `p.id = $1 OR p.slug = $2` for
-- every key: prepared, that planned as a BitmapOr over two indexes with a bitmap heap scan, and cost PostgreSQL about a
-- quarter more CPU per detail request than the slug lookup (docs/performance.md, ADR-073).
-- The breadcrumb is category_breadcrumb() of 0030 written inline, as three arrays root to leaf (a scalar SQL function
-- with an aggregate is not inlined by the planner: called as a function it ran as a second statement per row). The
-- lateral subquery runs only for the rows the caller's WHERE keeps: the view is flattened into the query.
CREATE VIEW v_product_detail AS
SELECT p.id, p.name, p.slug, p.description, p.short_description, p.price, p.compare_at_price, p.cost, p.sku, p.barcode,
       p.stock_quantity, p.low_stock_threshold, p.weight, p.dimensions, p.images, p.tags, p.metadata, p.is_active,
       p.is_featured, p.status, p.review_remark, p.submitted_at, p.published_at, p.average_rating, p.review_count,
       p.rating_counts, p.created_at, p.updated_at,
       b.id AS brand_id, b.name AS brand_name, b.slug AS brand_slug,
       c.id AS category_id, c.name AS category_name, c.slug AS category_slug,
       crumbs.ids AS breadcrumb_ids, crumbs.names AS breadcrumb_names, crumbs.slugs AS breadcrumb_slugs,
       p.xmin::text::bigint AS version,
       (p.is_active AND p.status = 'published'
        AND (p.brand_id IS NULL OR b.id IS NOT NULL)
        AND (p.category_id IS NULL OR c.id IS NOT NULL)) AS storefront_visible
  FROM products p
  LEFT JOIN brands b     ON b.id = p.brand_id    AND b.deleted_at IS NULL
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
  CROSS JOIN LATERAL (
      SELECT array_agg(a.id ORDER BY t.ord) AS ids, array_agg(a.name ORDER BY t.ord) AS names,
             array_agg(a.slug ORDER BY t.ord) AS slugs
        FROM unnest(c.path) WITH ORDINALITY AS t(id, ord)
        JOIN categories a ON a.id = t.id AND a.deleted_at IS NULL) crumbs
 WHERE p.deleted_at IS NULL;

COMMENT ON VIEW v_product_detail IS
    'Product detail (live products): brand, category, breadcrumb root to leaf, row version; storefront_visible = what anonymous callers may see.';
