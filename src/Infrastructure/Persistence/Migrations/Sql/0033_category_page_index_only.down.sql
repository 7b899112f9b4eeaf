-- Back to the per-category indexes of 0001/0031 (key columns only).
DROP INDEX IF EXISTS idx_brands_deleted;
DROP INDEX IF EXISTS idx_products_storefront_category_price;
CREATE INDEX idx_products_storefront_category_price ON products (category_id, price, id)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
DROP INDEX IF EXISTS idx_products_storefront_category_name;
CREATE INDEX idx_products_storefront_category_name ON products (category_id, name, id)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
DROP INDEX IF EXISTS idx_products_storefront_category_newest;
CREATE INDEX idx_products_storefront_category_newest ON products (category_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
DROP INDEX IF EXISTS idx_products_storefront_category_rating;
CREATE INDEX idx_products_storefront_category_rating ON products (category_id, average_rating DESC, id DESC)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
