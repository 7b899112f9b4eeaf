-- The products triggers that keep category_subtree_products (ADR-112) and search_name_words (ADR-111) fire once per
-- statement, on its transition tables, and run their statements with generic plans (ADR-124).
--
-- As row triggers they cost each written row a refresh of its own: planned afresh every time (PL/pgSQL's plan cache
-- kept choosing a custom plan of the one-id array, planning v_storefront_catalog against the 40-odd indexes of
-- products: ~6 ms a row at 1m, 6.3 s for an import of 1,000), and, on a table whose statistics predate a bulk insert,
-- a plan that scans an index per row: 5,300 rows inserted by one statement into a young table took 21 s.
-- Once per statement, a write of n rows is one refresh of n ids; the generic plan is planned once per connection
-- (re-planned when ANALYZE changes the statistics), so a one-row write pays no planning. The setting is the trigger
-- functions': the rebuild and a brand's or a category's refresh keep their custom plans.

DROP TRIGGER trg_products_category_subtree_insert ON products;
DROP TRIGGER trg_products_category_subtree_update ON products;
DROP TRIGGER trg_products_category_subtree_delete ON products;
DROP TRIGGER trg_products_search_name_words_insert ON products;
DROP TRIGGER trg_products_search_name_words_update ON products;
DROP TRIGGER trg_products_search_name_words_delete ON products;

-- Any change of a product row refreshes its rows (the rule or the list may read any of its columns); a delete
-- removes them. An update refreshes the rows that changed (and an id that left, which never happens in practice).
CREATE OR REPLACE FUNCTION products_refresh_category_subtree()
RETURNS trigger
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM category_subtree_products_refresh(ARRAY(SELECT n.id FROM new_rows n));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM category_subtree_products_refresh(ARRAY(
            SELECT n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id WHERE o.id IS NULL OR o IS DISTINCT FROM n
            UNION
            SELECT o.id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)));
    ELSE
        PERFORM category_subtree_products_refresh(ARRAY(SELECT o.id FROM old_rows o));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_products_category_subtree_insert
    AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION products_refresh_category_subtree();

CREATE TRIGGER trg_products_category_subtree_update
    AFTER UPDATE ON products
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION products_refresh_category_subtree();

CREATE TRIGGER trg_products_category_subtree_delete
    AFTER DELETE ON products
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION products_refresh_category_subtree();

-- Only a name or liveness change touches the words (a price or stock change does not): an insert adds the live
-- products' words, a rename, delete or restore replaces them, a hard delete removes them.
CREATE OR REPLACE FUNCTION products_maintain_search_name_words()
RETURNS trigger
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM search_name_words_add(ARRAY(SELECT n.id FROM new_rows n WHERE n.deleted_at IS NULL));
    ELSIF TG_OP = 'UPDATE' THEN
        DELETE FROM search_name_words
         WHERE product_id = ANY (ARRAY(
               SELECT o.id FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id
                WHERE n.id IS NULL OR (o.name, o.deleted_at IS NULL) IS DISTINCT FROM (n.name, n.deleted_at IS NULL)));
        PERFORM search_name_words_add(ARRAY(
               SELECT n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
                WHERE o.id IS NULL OR (o.name, o.deleted_at IS NULL) IS DISTINCT FROM (n.name, n.deleted_at IS NULL)));
    ELSE
        DELETE FROM search_name_words WHERE product_id = ANY (ARRAY(SELECT o.id FROM old_rows o));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_products_search_name_words_insert
    AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION products_maintain_search_name_words();

CREATE TRIGGER trg_products_search_name_words_update
    AFTER UPDATE ON products
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION products_maintain_search_name_words();

CREATE TRIGGER trg_products_search_name_words_delete
    AFTER DELETE ON products
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION products_maintain_search_name_words();

COMMENT ON FUNCTION products_refresh_category_subtree() IS
    'AFTER INSERT/UPDATE/DELETE on products, once per statement: refreshes the written products'' rows of category_subtree_products (ADR-112, ADR-124).';
COMMENT ON FUNCTION products_maintain_search_name_words() IS
    'AFTER INSERT/UPDATE/DELETE on products, once per statement: keeps the written products'' rows of search_name_words (ADR-111, ADR-124).';
