-- =============================================================================
-- Catalog: 0108_category_subtree_products (up) — ADR-108
--
-- A storefront category page lists a category and all its descendants in a keyset order. It merged one index range
-- per category of the subtree ((categories × page) candidates, ~840 index rows for a level-2 page at 1M products) or
-- walked the sort's storefront index keeping the subtree's rows: its cost grew with the catalogue. This table holds,
-- for every live product, one row per category on its category's path (the category itself and each ancestor), with
-- the product's sort keys and filter columns copied, so a subtree's page in any sort is one index range of one
-- category, read in order and stopped by the LIMIT.
--
-- It is an index, not a rule: it holds every live product (deleted_at IS NULL) whatever its status, and says nothing
-- about what the storefront may show. The page joins each row to v_storefront_catalog (v_storefront_products, the one
-- visibility rule, ADR-084) and keeps those the rule keeps. Triggers keep it in step with products and with the
-- category tree, in the writing transaction, whoever writes (API, import, undo, plain SQL).
-- =============================================================================

CREATE TABLE category_subtree_products (
    category_id    uuid          NOT NULL,  -- the product's category or one of its ancestors
    product_id     uuid          NOT NULL,
    price          numeric(10,2) NOT NULL,
    name           varchar(255)  NOT NULL,
    created_at     timestamptz   NOT NULL,
    average_rating numeric(3,2)  NOT NULL,
    stock_quantity integer       NOT NULL,
    is_featured    boolean       NOT NULL,
    brand_id       uuid
);

COMMENT ON TABLE category_subtree_products IS
    'One row per live product and category on its category''s path (itself and every ancestor), with its sort keys and filter columns: a category subtree''s page is one index range (ADR-108). Written only by triggers; not a visibility rule (pages join v_storefront_catalog).';

-- The rows of the given products when they are live, from their category's current path. The
-- category rows are locked FOR SHARE first: a concurrent move of one of them (which rewrites its products' rows)
-- either has committed, and its new path is read here, or waits for this transaction.
CREATE FUNCTION category_subtree_products_add(p_products uuid[])
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1
       FROM categories c
      WHERE c.id IN (SELECT p.category_id FROM products p WHERE p.id = ANY (p_products))
        FOR SHARE;
    INSERT INTO category_subtree_products
           (category_id, product_id, price, name, created_at, average_rating, stock_quantity, is_featured, brand_id)
    SELECT a.id, p.id, p.price, p.name, p.created_at, p.average_rating, p.stock_quantity, p.is_featured, p.brand_id
      FROM products p
      JOIN categories c ON c.id = p.category_id
     CROSS JOIN LATERAL unnest(c.path) AS a(id)
     WHERE p.id = ANY (p_products)
       AND p.deleted_at IS NULL;
END;
$$;

-- Rebuilds the whole table from products and categories (after a bulk load that ran without triggers, e.g. with
-- session_replication_role = replica; or to repair). Run by the owner.
CREATE FUNCTION category_subtree_products_rebuild()
RETURNS bigint
LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE category_subtree_products;
    PERFORM category_subtree_products_add(
        ARRAY(SELECT p.id FROM products p WHERE p.deleted_at IS NULL AND p.category_id IS NOT NULL));
    RETURN (SELECT count(*) FROM category_subtree_products);
END;
$$;

-- Row triggers on products, each fired only when a column the table copies (or the product's category or liveness)
-- changes: a stock or price change rewrites the product's few rows in place, a change of category, a delete or a
-- restore replaces them.
CREATE FUNCTION products_maintain_category_subtree()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM category_subtree_products_add(ARRAY[NEW.id]);
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM category_subtree_products WHERE product_id = OLD.id;
    ELSIF NEW.category_id IS DISTINCT FROM OLD.category_id
          OR (NEW.deleted_at IS NULL) <> (OLD.deleted_at IS NULL) THEN
        DELETE FROM category_subtree_products WHERE product_id = OLD.id;
        PERFORM category_subtree_products_add(ARRAY[NEW.id]);
    ELSE
        UPDATE category_subtree_products
           SET price = NEW.price, name = NEW.name, created_at = NEW.created_at, average_rating = NEW.average_rating,
               stock_quantity = NEW.stock_quantity, is_featured = NEW.is_featured, brand_id = NEW.brand_id
         WHERE product_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_products_category_subtree_insert
    AFTER INSERT ON products
    FOR EACH ROW
    WHEN (NEW.deleted_at IS NULL AND NEW.category_id IS NOT NULL)
    EXECUTE FUNCTION products_maintain_category_subtree();

CREATE TRIGGER trg_products_category_subtree_update
    AFTER UPDATE ON products
    FOR EACH ROW
    WHEN ((OLD.category_id, OLD.deleted_at IS NULL, OLD.price, OLD.name, OLD.created_at, OLD.average_rating,
           OLD.stock_quantity, OLD.is_featured, OLD.brand_id)
          IS DISTINCT FROM
          (NEW.category_id, NEW.deleted_at IS NULL, NEW.price, NEW.name, NEW.created_at, NEW.average_rating,
           NEW.stock_quantity, NEW.is_featured, NEW.brand_id))
    EXECUTE FUNCTION products_maintain_category_subtree();

CREATE TRIGGER trg_products_category_subtree_delete
    AFTER DELETE ON products
    FOR EACH ROW
    EXECUTE FUNCTION products_maintain_category_subtree();

CREATE FUNCTION products_truncate_category_subtree()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE category_subtree_products;
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_products_category_subtree_truncate
    AFTER TRUNCATE ON products
    FOR EACH STATEMENT
    EXECUTE FUNCTION products_truncate_category_subtree();

-- A category whose path changed (a move: the moved row and, through trg_categories_rewrite_subtree, each descendant)
-- gives its own live products the rows of the ancestors it gained and takes away those of the ancestors it lost; the
-- rows of the ancestors it kept stay. The products are locked FOR SHARE first, so a concurrent change of one of them
-- either has committed and is read here, or waits and then updates the rows written here.
CREATE FUNCTION categories_maintain_subtree_products()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1 FROM products p WHERE p.category_id = NEW.id AND p.deleted_at IS NULL FOR SHARE;
    DELETE FROM category_subtree_products x
     USING products p
     WHERE p.category_id = NEW.id
       AND p.deleted_at IS NULL
       AND x.product_id = p.id
       AND x.category_id = ANY (OLD.path)
       AND NOT x.category_id = ANY (NEW.path);
    INSERT INTO category_subtree_products
           (category_id, product_id, price, name, created_at, average_rating, stock_quantity, is_featured, brand_id)
    SELECT a.id, p.id, p.price, p.name, p.created_at, p.average_rating, p.stock_quantity, p.is_featured, p.brand_id
      FROM products p
     CROSS JOIN LATERAL unnest(NEW.path) AS a(id)
     WHERE p.category_id = NEW.id
       AND p.deleted_at IS NULL
       AND NOT a.id = ANY (OLD.path);
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_categories_subtree_products
    AFTER UPDATE ON categories
    FOR EACH ROW
    WHEN (OLD.path IS DISTINCT FROM NEW.path)
    EXECUTE FUNCTION categories_maintain_subtree_products();

COMMENT ON FUNCTION products_maintain_category_subtree() IS
    'AFTER INSERT/UPDATE/DELETE on products: keeps the product''s rows of category_subtree_products (ADR-108).';
COMMENT ON FUNCTION categories_maintain_subtree_products() IS
    'AFTER UPDATE on categories when the path changed: moves the category''s products'' rows of category_subtree_products to its new ancestors (ADR-108).';

-- Filled before its indexes are built (a sorted build, packed, is several times faster than 4M inserts into five
-- indexes: 5 min at 1M products).
SELECT category_subtree_products_rebuild();

ALTER TABLE category_subtree_products
    ADD CONSTRAINT pk_category_subtree_products PRIMARY KEY (product_id, category_id);

-- The four keyset orders of the list (ProductSort), each with the columns the usual filters test, so the candidates
-- of a page are read from the index alone (visibility map permitting) until the LIMIT is reached.
CREATE INDEX idx_category_subtree_products_price ON category_subtree_products (category_id, price, product_id)
    INCLUDE (stock_quantity, brand_id, is_featured);
CREATE INDEX idx_category_subtree_products_name ON category_subtree_products (category_id, name, product_id)
    INCLUDE (price, stock_quantity, brand_id, is_featured);
CREATE INDEX idx_category_subtree_products_newest ON category_subtree_products (category_id, created_at DESC, product_id DESC)
    INCLUDE (price, stock_quantity, brand_id, is_featured);
CREATE INDEX idx_category_subtree_products_rating ON category_subtree_products (category_id, average_rating DESC, product_id DESC)
    INCLUDE (price, stock_quantity, brand_id, is_featured);
ANALYZE category_subtree_products;

-- The per-category storefront indexes served only the category page's per-category merge (ADR-035, ADR-064), which
-- this table replaces (its rows of a product's own category).
DROP INDEX IF EXISTS idx_products_storefront_category_price;
DROP INDEX IF EXISTS idx_products_storefront_category_name;
DROP INDEX IF EXISTS idx_products_storefront_category_newest;
DROP INDEX IF EXISTS idx_products_storefront_category_rating;
