-- Catalog: 0108_category_subtree_products (down): back to the per-category storefront indexes of 0033 (ADR-064).
CREATE INDEX idx_products_storefront_category_price ON products (category_id, price, id)
    INCLUDE (stock_quantity, brand_id, is_featured)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
CREATE INDEX idx_products_storefront_category_name ON products (category_id, name, id)
    INCLUDE (price, stock_quantity, brand_id, is_featured)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
CREATE INDEX idx_products_storefront_category_newest ON products (category_id, created_at DESC, id DESC)
    INCLUDE (price, stock_quantity, brand_id, is_featured)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';
CREATE INDEX idx_products_storefront_category_rating ON products (category_id, average_rating DESC, id DESC)
    INCLUDE (price, stock_quantity, brand_id, is_featured)
    WHERE deleted_at IS NULL AND is_active AND status = 'published';

DROP TRIGGER trg_categories_subtree_products ON categories;
DROP FUNCTION categories_maintain_subtree_products();
DROP TRIGGER trg_products_category_subtree_truncate ON products;
DROP FUNCTION products_truncate_category_subtree();
DROP TRIGGER trg_products_category_subtree_delete ON products;
DROP TRIGGER trg_products_category_subtree_update ON products;
DROP TRIGGER trg_products_category_subtree_insert ON products;
DROP FUNCTION products_maintain_category_subtree();
DROP FUNCTION category_subtree_products_rebuild();
DROP FUNCTION category_subtree_products_add(uuid[]);
DROP TABLE category_subtree_products;
