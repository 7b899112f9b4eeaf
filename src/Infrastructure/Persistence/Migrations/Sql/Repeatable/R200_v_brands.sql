-- repeatable: view v_brands
-- Live (not deleted) brands, active or not, with the row version (v_all_brands without the deleted): a brand by id or
-- slug, the product list's brand filter.
CREATE VIEW v_brands AS
SELECT b.id, b.name, b.slug, b.description, b.logo_url, b.website_url, b.metadata, b.is_active, b.created_at,
       b.updated_at, b.version
  FROM v_all_brands b
 WHERE b.deleted_at IS NULL;

COMMENT ON VIEW v_brands IS 'Live (not deleted) brands, active or not, with the row version.';
