-- =============================================================================
-- Catalog: 0111_search_name_words (up) — ADR-111
--
-- The name passes of search_products read eight partial GIN indexes (ADR-063, ADR-065). A GIN index is read through
-- a bitmap of every match, built before any LIMIT applies, so a common word cost the bitmap of a whole id bucket:
-- an eighth of its matches, which grows with the catalogue ("bacon" at 1M: 4,238 entries in bucket 0). This table
-- holds the words of every live product's name, one row per (word, product), so a word is one btree range read in
-- product id order and stopped by the LIMIT: its cost is the candidates it returns, not the catalogue's size.
--
-- It is an index, not a rule: it holds every live product (deleted_at IS NULL) whatever its status, and says nothing
-- about what the storefront may show. search_products joins each row to v_storefront_products (the one visibility
-- rule, ADR-084). Triggers keep it in step with products in the writing transaction, whoever writes (API, import,
-- undo, plain SQL); only a change of the name or of liveness touches it.
-- =============================================================================

CREATE TABLE search_name_words (
    -- A lexeme of to_tsvector('english', name), as in the name passes' tsquery. Collation "C": byte order, so that
    -- a prefix ("chai") is the range [prefix, prefix || U+10FFFF] of the index.
    word       text COLLATE "C" NOT NULL,
    product_id uuid             NOT NULL
);

COMMENT ON TABLE search_name_words IS
    'One row per word (english lexeme) of every live product''s name: a name search is a btree range stopped by its LIMIT (ADR-111). Written only by triggers; not a visibility rule (search joins v_storefront_products).';

-- The rows of the given products when they are live, one per distinct lexeme of the name.
CREATE FUNCTION search_name_words_add(p_products uuid[])
RETURNS void
LANGUAGE sql
AS $$
    INSERT INTO search_name_words (word, product_id)
    SELECT w.lexeme, p.id
      FROM products p
     CROSS JOIN LATERAL unnest(to_tsvector('english'::regconfig, p.name)) AS w
     WHERE p.id = ANY (p_products)
       AND p.deleted_at IS NULL;
$$;

-- Rebuilds the whole table from products (after a bulk load that ran without triggers, e.g. with
-- session_replication_role = replica; or to repair). Run by the owner.
CREATE FUNCTION search_name_words_rebuild()
RETURNS bigint
LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE search_name_words;
    INSERT INTO search_name_words (word, product_id)
    SELECT w.lexeme, p.id
      FROM products p
     CROSS JOIN LATERAL unnest(to_tsvector('english'::regconfig, p.name)) AS w
     WHERE p.deleted_at IS NULL;
    RETURN (SELECT count(*) FROM search_name_words);
END;
$$;

-- Row triggers on products, fired only when the name or liveness changes (a price or stock change does not touch
-- the table): an insert adds the product's words, a rename, delete or restore replaces them.
CREATE FUNCTION products_maintain_search_name_words()
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

CREATE FUNCTION products_truncate_search_name_words()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE search_name_words;
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_products_search_name_words_truncate
    AFTER TRUNCATE ON products
    FOR EACH STATEMENT
    EXECUTE FUNCTION products_truncate_search_name_words();

COMMENT ON FUNCTION products_maintain_search_name_words() IS
    'AFTER INSERT/UPDATE/DELETE on products when the name or liveness changed: replaces the product''s rows of search_name_words (ADR-111).';

-- Filled before its indexes are built (a sorted build is several times faster than row-by-row inserts).
SELECT search_name_words_rebuild();

-- A word's products in id order (the name passes: a range of one word, or of the words a prefix begins, under a LIMIT).
ALTER TABLE search_name_words ADD CONSTRAINT pk_search_name_words PRIMARY KEY (word, product_id);
-- A product's words: the trigger's delete, and the check that a candidate also has the query's other words.
CREATE INDEX idx_search_name_words_product ON search_name_words (product_id, word);
ANALYZE search_name_words;
