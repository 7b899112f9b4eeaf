-- Back to the row triggers of migrations 0111 and 0112.
DROP TRIGGER trg_products_category_subtree_insert ON products;
DROP TRIGGER trg_products_category_subtree_update ON products;
DROP TRIGGER trg_products_category_subtree_delete ON products;
DROP TRIGGER trg_products_search_name_words_insert ON products;
DROP TRIGGER trg_products_search_name_words_update ON products;
DROP TRIGGER trg_products_search_name_words_delete ON products;

CREATE OR REPLACE FUNCTION products_refresh_category_subtree()
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

CREATE OR REPLACE FUNCTION products_maintain_search_name_words()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM search_name_words WHERE product_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM search_name_words_add(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_products_search_name_words_insert
    AFTER INSERT ON products
    FOR EACH ROW
    WHEN (NEW.deleted_at IS NULL)
    EXECUTE FUNCTION products_maintain_search_name_words();

CREATE TRIGGER trg_products_search_name_words_update
    AFTER UPDATE ON products
    FOR EACH ROW
    WHEN ((OLD.id, OLD.name, OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.id, NEW.name, NEW.deleted_at IS NULL))
    EXECUTE FUNCTION products_maintain_search_name_words();

CREATE TRIGGER trg_products_search_name_words_delete
    AFTER DELETE ON products
    FOR EACH ROW
    EXECUTE FUNCTION products_maintain_search_name_words();

COMMENT ON FUNCTION products_refresh_category_subtree() IS
    'AFTER INSERT/UPDATE/DELETE on products: refreshes the product''s rows of category_subtree_products (ADR-112).';
COMMENT ON FUNCTION products_maintain_search_name_words() IS
    'AFTER INSERT/UPDATE/DELETE on products when the name or liveness changed: replaces the product''s rows of search_name_words (ADR-111).';
