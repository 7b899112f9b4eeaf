-- The catalogue's name words, once each (ADR-125): what search's typo fallback compares a misspelt word with, instead
-- of every product name. search_name_words holds 3.8 rows per product; this table one per distinct word (the
-- benchmark catalogue's names use ~500), with a trigram index for nearest-word lookups. A word is added when a name
-- first uses it (a statement trigger on search_name_words, and search_name_words_rebuild) and never removed: a word no
-- live name has any more costs the fallback one empty name lookup, nothing else.
CREATE TABLE search_words (
    word text COLLATE "C" PRIMARY KEY
);

-- GiST, for the nearest words first (ORDER BY word <-> w LIMIT 3, stopped by its LIMIT): with GIN the plan of a
-- parameter is a sequential scan computing similarity() for every word (73 ms for 29,725 words, against 8 ms).
CREATE INDEX idx_search_words_trgm ON search_words USING gist (word gist_trgm_ops);

COMMENT ON TABLE search_words IS
    'Each distinct word of search_name_words, once: the typo fallback of search_products matches a misspelt word against these (ADR-125). Written by triggers and search_name_words_rebuild; never pruned.';

CREATE FUNCTION search_words_add()
RETURNS trigger
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    INSERT INTO search_words (word)
    SELECT DISTINCT n.word FROM new_rows n
    ON CONFLICT (word) DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE TRIGGER trg_search_name_words_words
    AFTER INSERT ON search_name_words
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION search_words_add();

CREATE OR REPLACE FUNCTION search_name_words_rebuild()
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
    -- Also when the load ran with triggers off.
    INSERT INTO search_words (word)
    SELECT DISTINCT word FROM search_name_words
    ON CONFLICT (word) DO NOTHING;
    RETURN (SELECT count(*) FROM search_name_words);
END;
$$;

INSERT INTO search_words (word)
SELECT DISTINCT word FROM search_name_words
ON CONFLICT (word) DO NOTHING;
ANALYZE search_words;
