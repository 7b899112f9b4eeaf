-- repeatable: view v_storefront_brands
-- The brands the storefront lists: live and active (idx_brands_name keeps the name keyset).
CREATE VIEW v_storefront_brands AS
SELECT b.*
  FROM v_brands b
 WHERE b.is_active;

COMMENT ON VIEW v_storefront_brands IS 'Brands the storefront lists (live and active).';
