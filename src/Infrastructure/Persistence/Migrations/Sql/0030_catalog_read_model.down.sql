DROP FUNCTION IF EXISTS category_breadcrumb(uuid[]);
DROP VIEW IF EXISTS v_backoffice_products;
DROP VIEW IF EXISTS v_storefront_catalog;
DROP FUNCTION IF EXISTS catalog_search_tsquery(text);
