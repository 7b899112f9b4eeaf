-- Catalog: 0112_category_page_rows (down): the objects of 0112 are dropped; the migration then runs
-- 0108_category_subtree_products.up.sql again (ADR-108's table of sort keys).
DROP TRIGGER trg_categories_subtree_products ON categories;
DROP FUNCTION categories_refresh_subtree_products();
DROP TRIGGER trg_brands_category_subtree ON brands;
DROP FUNCTION brands_refresh_category_subtree();
DROP TRIGGER trg_products_category_subtree_truncate ON products;
DROP FUNCTION products_truncate_category_subtree();
DROP TRIGGER trg_products_category_subtree_delete ON products;
DROP TRIGGER trg_products_category_subtree_update ON products;
DROP TRIGGER trg_products_category_subtree_insert ON products;
DROP FUNCTION products_refresh_category_subtree();
DROP FUNCTION category_subtree_products_rebuild();
DROP FUNCTION IF EXISTS category_subtree_products_refresh(uuid[]);
DROP TABLE category_subtree_products;
