-- Back to 0033: the description pass and the trigram fallback read whole indexes again, 1,000 candidates.
-- (idx_products_name_search_b0..7 keep the bucket first in their predicate: the same indexes, planned faster.)
-- The whole-table trigram index is built first: a DROP INDEX locks out readers until the commit, so the drops follow it.
CREATE INDEX idx_products_name_trgm ON products USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL;
DROP INDEX IF EXISTS idx_products_search_b0;
DROP INDEX IF EXISTS idx_products_search_b1;
DROP INDEX IF EXISTS idx_products_search_b2;
DROP INDEX IF EXISTS idx_products_search_b3;
DROP INDEX IF EXISTS idx_products_search_b4;
DROP INDEX IF EXISTS idx_products_search_b5;
DROP INDEX IF EXISTS idx_products_search_b6;
DROP INDEX IF EXISTS idx_products_search_b7;
DROP INDEX IF EXISTS idx_products_name_trgm_b0;
DROP INDEX IF EXISTS idx_products_name_trgm_b1;
DROP INDEX IF EXISTS idx_products_name_trgm_b2;
DROP INDEX IF EXISTS idx_products_name_trgm_b3;
DROP INDEX IF EXISTS idx_products_name_trgm_b4;
DROP INDEX IF EXISTS idx_products_name_trgm_b5;
DROP INDEX IF EXISTS idx_products_name_trgm_b6;
DROP INDEX IF EXISTS idx_products_name_trgm_b7;
DROP STATISTICS IF EXISTS products_id_bucket;

-- The function of 0032 (CREATE OR REPLACE also drops 0034's SET max_parallel_workers_per_gather).
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
    v_candidates     CONSTANT integer := 1000;
    v_text           text;
    v_query          tsquery;
    v_prev_threshold text;
    v_ids            uuid[] := '{}';
    v_ranks          real[] := '{}';
    v_bucket_ids     uuid[];
    v_bucket_ranks   real[];
BEGIN
    -- Words of the trimmed query, reduced to letters and digits (as in catalog_search_tsquery).
    SELECT string_agg(w, ' ' ORDER BY ord)
      INTO v_text
      FROM (SELECT regexp_replace(part, '[^[:alnum:]]+', '', 'g') AS w, ord
              FROM regexp_split_to_table(btrim(coalesce(search_query, '')), '[[:space:]]+')
                   WITH ORDINALITY AS t(part, ord)) s
     WHERE w <> '';

    IF v_text IS NULL THEN
        RETURN;  -- empty query: no rows
    END IF;

    v_query := catalog_search_tsquery(v_text);

    IF numnode(v_query) > 0 THEN
        -- Name matches, one bucket (an eighth of the storefront, idx_products_name_search_b0..7) at a time until
        -- v_candidates are found: a GIN scan builds the bitmap of *every* match before a LIMIT applies, so a common
        -- word (30,000+ names at 1M) cost ~30 ms in one index and ~4 ms in one bucket (ADR-063). The bucket is a
        -- literal in each statement so that the planner can match its partial index.
        FOR b IN 0..7 LOOP
            EXIT WHEN cardinality(v_ids) >= v_candidates;
            EXECUTE format(
                'SELECT array_agg(s.id), array_agg(s.r) FROM (
                     SELECT p.id, ts_rank(p.search_vector, $1) AS r
                       FROM products p
                      WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                        AND (get_byte(uuid_send(p.id), 15) & 7) = %s
                        AND to_tsvector(''english''::regconfig, p.name) @@ $1
                      LIMIT $2) s', b)
                INTO v_bucket_ids, v_bucket_ranks
                USING v_query, v_candidates - cardinality(v_ids);
            v_ids := v_ids || coalesce(v_bucket_ids, '{}');
            v_ranks := v_ranks || coalesce(v_bucket_ranks, '{}');
        END LOOP;

        RETURN QUERY
        WITH named AS MATERIALIZED (
            SELECT n.id, n.r FROM unnest(v_ids, v_ranks) AS n(id, r)
        ), described AS MATERIALIZED (
            SELECT p.id, ts_rank(p.search_vector, v_query) AS r
              FROM products p
             WHERE p.deleted_at IS NULL
               AND p.is_active
               AND p.status = 'published'
               AND p.search_vector @@ v_query
               AND cardinality(v_ids) < v_candidates
             LIMIT v_candidates
        ), best AS (
            -- Ranked while each candidate's row is at hand; only the best v_limit are read again for output.
            SELECT c.id, max(c.r) AS r
              FROM (SELECT n.id, n.r FROM named n UNION ALL SELECT d.id, d.r FROM described d) c
             GROUP BY c.id
             ORDER BY max(c.r) DESC, c.id
             LIMIT v_limit
        )
        SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price,
               p.images, p.average_rating, p.review_count, best.r
          FROM best
          JOIN products p ON p.id = best.id
         ORDER BY best.r DESC, p.id;

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
    -- At most v_candidates similar names are ranked, as above.
    v_prev_threshold := current_setting('pg_trgm.word_similarity_threshold', true);
    PERFORM set_config('pg_trgm.word_similarity_threshold', '0.5', true);

    RETURN QUERY
    WITH similar_names AS MATERIALIZED (
        SELECT p.id, greatest(similarity(p.name, v_text), word_similarity(v_text, p.name)) AS r
          FROM products p
         WHERE p.deleted_at IS NULL
           AND p.is_active
           AND p.status = 'published'
           AND (p.name % v_text OR p.name %> v_text)
         LIMIT v_candidates
    ), best AS (
        SELECT s.id, s.r FROM similar_names s ORDER BY s.r DESC, s.id LIMIT v_limit
    )
    SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price,
           p.images, p.average_rating, p.review_count, best.r
      FROM best
      JOIN products p ON p.id = best.id
     ORDER BY best.r DESC, p.id;

    PERFORM set_config('pg_trgm.word_similarity_threshold',
                       coalesce(nullif(v_prev_threshold, ''), '0.6'), true);
END;
$$;

COMMENT ON FUNCTION search_products(text, integer) IS
    'Storefront search: exact words plus a prefix last word, ts_rank over at most 1,000 name matches (read bucket by bucket) (topped up with 1,000 text matches); bounded trigram fallback on name; limit clamped to 1..100.';
