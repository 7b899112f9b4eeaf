-- repeatable: view v_backoffice_products
-- Every live product in any status, with the internal fields, for back-office lists, exports and the low-stock report.
CREATE VIEW v_backoffice_products AS
SELECT p.id,
       p.name,
       p.slug,
       p.description,
       p.short_description,
       p.price,
       p.compare_at_price,
       p.cost,
       p.sku,
       p.barcode,
       p.stock_quantity,
       p.low_stock_threshold,
       p.weight,
       p.dimensions,
       p.tags,
       p.images,
       p.metadata,
       p.is_active,
       p.is_featured,
       p.status,
       p.review_remark,
       p.submitted_at,
       p.published_at,
       p.average_rating,
       p.review_count,
       p.rating_counts,
       p.created_at,
       p.updated_at,
       p.search_vector,
       p.category_id,
       p.brand_id,
       b.name AS brand_name,
       b.slug AS brand_slug,
       c.name AS category_name,
       c.slug AS category_slug
  FROM products p
  LEFT JOIN brands b     ON b.id = p.brand_id    AND b.deleted_at IS NULL
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
 WHERE p.deleted_at IS NULL;

COMMENT ON VIEW v_backoffice_products IS
    'All live products in any status with internal fields (cost, stock, sku, status, rating counts), for back-office reads.';
