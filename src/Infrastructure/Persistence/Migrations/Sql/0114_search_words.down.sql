DROP TRIGGER trg_search_name_words_words ON search_name_words;
DROP FUNCTION search_words_add();
DROP TABLE search_words;

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
    RETURN (SELECT count(*) FROM search_name_words);
END;
$$;
