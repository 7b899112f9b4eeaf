-- =============================================================================
-- Catalog: 0112_category_page_rows (up) — ADR-112
--
-- category_subtree_products (ADR-108) held every live product's sort keys under each category of its path, and a
-- storefront category page joined each row it read to v_storefront_catalog: a primary-key probe of products (the
-- storefront rule, and the columns of the list) and one of brands and of categories per row, ~240 buffers and
-- 0.61 ms of PostgreSQL CPU per page at 1M products. It now holds, under each category of the path, the storefront's
-- list row itself: the rows of v_storefront_catalog (the storefront rule, v_storefront_products, and the list's shape),
-- copied by category_subtree_products_refresh (repeatable script R035, which rebuilds the table whenever the rule or
-- the shape changes). A page is one index range of this table and nothing else.
--
-- Triggers refresh a product's rows in the writing transaction whenever any input of those rows changes, whoever
-- writes (API, import, undo, plain SQL): the product itself, its brand (name, slug, the states the rule hides) and its
-- category (name, slug, deletion, moves, which change the path).
-- =============================================================================

DROP TRIGGER trg_categories_subtree_products ON categories;
DROP FUNCTION categories_maintain_subtree_products();
DROP TRIGGER trg_products_category_subtree_delete ON products;
DROP TRIGGER trg_products_category_subtree_update ON products;
DROP TRIGGER trg_products_category_subtree_insert ON products;
DROP FUNCTION products_maintain_category_subtree();
DROP FUNCTION category_subtree_products_rebuild();
DROP FUNCTION category_subtree_products_add(uuid[]);
DROP TABLE category_subtree_products;
-- Kept: trg_products_category_subtree_truncate (TRUNCATE products truncates this table too).

-- The columns of v_storefront_catalog that a list shows, sorts or filters on, under subtree_id: the product's
-- category or one of its ancestors.
CREATE TABLE category_subtree_products (
    subtree_id        uuid          NOT NULL,
    product_id        uuid          NOT NULL,
    name              varchar(255)  NOT NULL,
    slug              varchar(255)  NOT NULL,
    short_description varchar(500),
    price             numeric(10,2) NOT NULL,
    compare_at_price  numeric(10,2),
    tags              text[]        NOT NULL,
    images            jsonb         NOT NULL,
    is_featured       boolean       NOT NULL,
    stock_quantity    integer       NOT NULL,
    average_rating    numeric(3,2)  NOT NULL,
    review_count      integer       NOT NULL,
    created_at        timestamptz   NOT NULL,
    category_id       uuid,
    brand_id          uuid,
    brand_name        varchar(100),
    brand_slug        varchar(100),
    category_name     varchar(100),
    category_slug     varchar(100),
    CONSTRAINT pk_category_subtree_products PRIMARY KEY (product_id, subtree_id)
);

COMMENT ON TABLE category_subtree_products IS
    'The storefront list rows (v_storefront_catalog: the storefront rule and the list''s shape) of every visible product, once per category on its category''s path: a category subtree''s page is one index range (ADR-108, ADR-112). Written only by category_subtree_products_refresh, from triggers.';

-- The four keyset orders of the list (ProductSort), each with the columns the usual filters test.
CREATE INDEX idx_category_subtree_products_price ON category_subtree_products (subtree_id, price, product_id)
    INCLUDE (stock_quantity, brand_id, is_featured);
CREATE INDEX idx_category_subtree_products_name ON category_subtree_products (subtree_id, name, product_id)
    INCLUDE (price, stock_quantity, brand_id, is_featured);
CREATE INDEX idx_category_subtree_products_newest ON category_subtree_products (subtree_id, created_at DESC, product_id DESC)
    INCLUDE (price, stock_quantity, brand_id, is_featured);
CREATE INDEX idx_category_subtree_products_rating ON category_subtree_products (subtree_id, average_rating DESC, product_id DESC)
    INCLUDE (price, stock_quantity, brand_id, is_featured);

-- Refills the whole table (after a bulk load that ran without triggers, e.g. with session_replication_role =
-- replica; and from R035 whenever the rule or the list's shape changed). Run by the owner.
CREATE FUNCTION category_subtree_products_rebuild()
RETURNS bigint
LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE category_subtree_products;
    PERFORM category_subtree_products_refresh(ARRAY(SELECT p.id FROM products p WHERE p.deleted_at IS NULL));
    RETURN (SELECT count(*) FROM category_subtree_products);
END;
$$;

-- Any change of a product row refreshes its rows (the rule or the list may read any of its columns); a delete
-- removes them.
CREATE FUNCTION products_refresh_category_subtree()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM category_subtree_products_refresh(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_products_category_subtree_insert
    AFTER INSERT ON products
    FOR EACH ROW
    EXECUTE FUNCTION products_refresh_category_subtree();

CREATE TRIGGER trg_products_category_subtree_update
    AFTER UPDATE ON products
    FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION products_refresh_category_subtree();

CREATE TRIGGER trg_products_category_subtree_delete
    AFTER DELETE ON products
    FOR EACH ROW
    EXECUTE FUNCTION products_refresh_category_subtree();

-- A brand's or a category's change refreshes the rows of its live products: their brand or category name and slug,
-- the states the rule hides (an archived or deleted brand, a deleted category) and, for a category, its path (a move
-- of it or of an ancestor, through trg_categories_rewrite_subtree). The products are locked FOR SHARE first, so a
-- concurrent change of one of them either has committed and is read here, or waits and then refreshes its rows.
CREATE FUNCTION brands_refresh_category_subtree()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM category_subtree_products_refresh(
        ARRAY(SELECT p.id FROM products p WHERE p.brand_id = NEW.id AND p.deleted_at IS NULL FOR SHARE));
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_brands_category_subtree
    AFTER UPDATE ON brands
    FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION brands_refresh_category_subtree();

CREATE FUNCTION categories_refresh_subtree_products()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM category_subtree_products_refresh(
        ARRAY(SELECT p.id FROM products p WHERE p.category_id = NEW.id AND p.deleted_at IS NULL FOR SHARE));
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_categories_subtree_products
    AFTER UPDATE ON categories
    FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE FUNCTION categories_refresh_subtree_products();

COMMENT ON FUNCTION products_refresh_category_subtree() IS
    'AFTER INSERT/UPDATE/DELETE on products: refreshes the product''s rows of category_subtree_products (ADR-112).';
COMMENT ON FUNCTION brands_refresh_category_subtree() IS
    'AFTER UPDATE on brands: refreshes the brand''s products'' rows of category_subtree_products (ADR-112).';
COMMENT ON FUNCTION categories_refresh_subtree_products() IS
    'AFTER UPDATE on categories: refreshes the category''s products'' rows of category_subtree_products (ADR-112).';
