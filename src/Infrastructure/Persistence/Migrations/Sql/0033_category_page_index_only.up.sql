-- Category subtree pages (ADR-035) read each category's keyset range index-only (ADR-064): the per-category
-- indexes carry the columns the usual filters test (stock, brand, featured, price), so that a narrow subtree's
-- (categories x page) candidate rows need no heap visit; and the live-brand test becomes one look at the
-- (normally empty) set of deleted brands instead of a probe, or a hash of all brands, per candidate.
DROP INDEX IF EXISTS idx_products_storefront_category_price;
CREATE INDEX idx_products_storefront_category_price ON products (category_id, price, id)
    INCLUDE (stock_quantity, brand_id, is_featured)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
DROP INDEX IF EXISTS idx_products_storefront_category_name;
CREATE INDEX idx_products_storefront_category_name ON products (category_id, name, id)
    INCLUDE (price, stock_quantity, brand_id, is_featured)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
DROP INDEX IF EXISTS idx_products_storefront_category_newest;
CREATE INDEX idx_products_storefront_category_newest ON products (category_id, created_at DESC, id DESC)
    INCLUDE (price, stock_quantity, brand_id, is_featured)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
DROP INDEX IF EXISTS idx_products_storefront_category_rating;
CREATE INDEX idx_products_storefront_category_rating ON products (category_id, average_rating DESC, id DESC)
    INCLUDE (price, stock_quantity, brand_id, is_featured)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';

-- Deleted brands only: what a storefront row's brand must not be.
CREATE INDEX idx_brands_deleted ON brands (id) WHERE deleted_at IS NOT NULL;
