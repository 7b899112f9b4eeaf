-- repeatable: view v_storefront_hidden_brands
-- THE brand part of the storefront visibility rule (ADR-084, ADR-092): the brands the storefront hides, and with them
-- their products: deleted and archived ones. v_storefront_products (the product rule) and v_brands (the storefront's
-- brands, and so v_storefront_brands) both read it, so a new brand state that hides a brand is one edit here. Staff
-- reads (v_all_brands) do not read it. Normally none or a few rows, read once per statement as an index-only scan of
-- idx_brands_hidden, whose predicate is this WHERE (migration 9100): the migration that adds a state's column replaces
-- that index with the new predicate, or every storefront read scans the brands table (ADR-092).
CREATE VIEW v_storefront_hidden_brands AS
SELECT b.id
  FROM brands b
 WHERE b.deleted_at IS NOT NULL
    OR b.archived_at IS NOT NULL;

COMMENT ON VIEW v_storefront_hidden_brands IS
    'The brands the storefront hides, with their products (deleted or archived ones); read by v_storefront_products and v_brands.';
