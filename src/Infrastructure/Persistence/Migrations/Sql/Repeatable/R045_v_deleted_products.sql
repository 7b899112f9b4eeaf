-- repeatable: view v_deleted_products
-- Soft-deleted products (any status) for the back office's GET /products?status=deleted (products:read), shaped like
-- the list columns of v_backoffice_products, with deleted_at. Few rows: no index of their own.
CREATE VIEW v_deleted_products AS
SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price, p.tags, p.images, p.is_featured,
       p.stock_quantity, p.average_rating, p.review_count, p.created_at, p.search_vector, p.status, p.deleted_at,
       p.category_id, p.brand_id,
       b.name AS brand_name, b.slug AS brand_slug, c.name AS category_name, c.slug AS category_slug
  FROM products p
  LEFT JOIN brands b     ON b.id = p.brand_id    AND b.deleted_at IS NULL
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
 WHERE p.deleted_at IS NOT NULL;

COMMENT ON VIEW v_deleted_products IS
    'Soft-deleted products (any status) with list columns and deleted_at, for the back office''s deleted list.';
