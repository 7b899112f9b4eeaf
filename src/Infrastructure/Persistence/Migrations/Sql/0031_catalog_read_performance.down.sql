-- Back to the search of 0001/0030: a prefix term for every word, every match ranked.
DROP INDEX IF EXISTS idx_products_storefront_category_rating;
DROP INDEX IF EXISTS idx_products_storefront_category_name;
DROP INDEX IF EXISTS idx_products_storefront_category_price;

CREATE OR REPLACE FUNCTION search_products(search_query text, limit_count integer DEFAULT 20)
RETURNS TABLE (
    id                uuid,
    name              varchar,
    slug              varchar,
    short_description varchar,
    price             numeric,
    compare_at_price  numeric,
    images            jsonb,
    average_rating    numeric,
    review_count      integer,
    rank              real
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    v_limit          integer := least(greatest(coalesce(limit_count, 20), 1), 100);
    v_words          text[];
    v_text           text;
    v_query          tsquery;
    v_prev_threshold text;
BEGIN
    -- Words of the trimmed query, reduced to letters and digits: nothing that to_tsquery
    -- could read as an operator survives, so the built query cannot be malformed.
    SELECT array_agg(w ORDER BY ord)
      INTO v_words
      FROM (SELECT regexp_replace(part, '[^[:alnum:]]+', '', 'g') AS w, ord
              FROM regexp_split_to_table(btrim(coalesce(search_query, '')), '[[:space:]]+')
                   WITH ORDINALITY AS t(part, ord)) s
     WHERE w <> '';

    IF v_words IS NULL THEN
        RETURN;  -- empty query: no rows
    END IF;

    v_text  := array_to_string(v_words, ' ');
    v_query := to_tsquery('english', array_to_string(
                   ARRAY(SELECT x || ':*' FROM unnest(v_words) AS x), ' & '));

    IF numnode(v_query) > 0 THEN
        RETURN QUERY
        SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price,
               p.images, p.average_rating, p.review_count,
               ts_rank(p.search_vector, v_query)
          FROM products p
         WHERE p.deleted_at IS NULL
           AND p.is_active
           AND p.status = 'published'
           AND p.search_vector @@ v_query
         ORDER BY ts_rank(p.search_vector, v_query) DESC, p.id
         LIMIT v_limit;

        IF FOUND THEN
            RETURN;
        END IF;
    END IF;

    -- Fallback: typo tolerance on the name (idx_products_name_trgm). "%" matches similar whole
    -- names (similarity >= pg_trgm.similarity_threshold, default 0.3), "%>" a similar word inside
    -- the name. The word threshold is lowered from 0.6 to 0.5 for this query only, so that one
    -- typo in a short word still matches (word_similarity('mouce', 'Wireless Mouse') = 0.5).
    -- (Set in the body rather than with a SET clause: a non-superuser cannot create a function
    -- with SET pg_trgm.* unless pg_trgm happens to be loaded in that session, e.g. on restore.)
    v_prev_threshold := current_setting('pg_trgm.word_similarity_threshold', true);
    PERFORM set_config('pg_trgm.word_similarity_threshold', '0.5', true);

    RETURN QUERY
    SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price,
           p.images, p.average_rating, p.review_count,
           greatest(similarity(p.name, v_text), word_similarity(v_text, p.name))
      FROM products p
     WHERE p.deleted_at IS NULL
       AND p.is_active
       AND p.status = 'published'
       AND (p.name % v_text OR p.name %> v_text)
     ORDER BY greatest(similarity(p.name, v_text), word_similarity(v_text, p.name)) DESC, p.id
     LIMIT v_limit;

    PERFORM set_config('pg_trgm.word_similarity_threshold',
                       coalesce(nullif(v_prev_threshold, ''), '0.6'), true);
END;
$$;

COMMENT ON FUNCTION search_products(text, integer) IS
    'Storefront search: prefix full-text match ranked by ts_rank; trigram fallback on name; limit clamped to 1..100.';

DROP INDEX IF EXISTS idx_products_name_search;

CREATE OR REPLACE FUNCTION catalog_search_tsquery(search_query text)
RETURNS tsquery
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE WHEN count(*) = 0 THEN NULL
                ELSE to_tsquery('english', string_agg(w || ':*', ' & ' ORDER BY ord)) END
      FROM (SELECT regexp_replace(part, '[^[:alnum:]]+', '', 'g') AS w, ord
              FROM regexp_split_to_table(btrim(coalesce(search_query, '')), '[[:space:]]+')
                   WITH ORDINALITY AS t(part, ord)) s
     WHERE w <> '';
$$;

COMMENT ON FUNCTION catalog_search_tsquery(text) IS
    'Prefix tsquery of the words (letters and digits only) of a user query; NULL when empty. Same rules as search_products.';
