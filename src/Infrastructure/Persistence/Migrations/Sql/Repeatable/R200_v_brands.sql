-- repeatable: view v_brands
-- The brands the storefront may show, active or not, with the row version: v_all_brands without the ones
-- v_storefront_hidden_brands hides (the deleted ones among them; deleted_at IS NULL stays literal for idx_brands_name).
-- The storefront's brand by id or slug, and v_storefront_brands.
CREATE VIEW v_brands AS
SELECT b.id, b.name, b.slug, b.description, b.logo_url, b.website_url, b.metadata, b.is_active, b.created_at,
       b.updated_at, b.version
  FROM v_all_brands b
 WHERE b.deleted_at IS NULL
   AND NOT b.id = ANY (coalesce((SELECT array_agg(h.id) FROM v_storefront_hidden_brands h), '{}'::uuid[]));

COMMENT ON VIEW v_brands IS 'Brands the storefront may show (not in v_storefront_hidden_brands), active or not, with the row version.';
