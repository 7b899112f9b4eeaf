-- repeatable: view v_storefront_catalog
-- Storefront products (v_storefront_products) shaped for lists: with their brand's and category's name and slug.
--
-- The WHERE is no rule (v_storefront_products is): a product's brand and category rows exist by foreign key, so it
-- removes nothing. It is there for the planner: without a condition on the joined rows it put a Memoize node on each
-- join, costed as if the whole catalogue would be read, and a first page (LIMIT 21) paid ~15 % more PostgreSQL time
-- for caches that never hit (keyset page 1 at 1m, pgbench; the same plan as before ADR-084 with it).
CREATE VIEW v_storefront_catalog AS
SELECT p.id,
       p.name,
       p.slug,
       p.short_description,
       p.price,
       p.compare_at_price,
       p.tags,
       p.images,
       p.is_featured,
       p.stock_quantity,
       p.average_rating,
       p.review_count,
       p.created_at,
       p.search_vector,
       p.category_id,
       p.brand_id,
       b.name AS brand_name,
       b.slug AS brand_slug,
       c.name AS category_name,
       c.slug AS category_slug
  FROM v_storefront_products p
  LEFT JOIN brands b     ON b.id = p.brand_id
  LEFT JOIN categories c ON c.id = p.category_id
 WHERE (p.brand_id IS NULL OR b.id IS NOT NULL)
   AND (p.category_id IS NULL OR c.id IS NOT NULL);

COMMENT ON VIEW v_storefront_catalog IS
    'Storefront-visible products (v_storefront_products) shaped for lists, with brand and category name and slug.';
