-- repeatable: function search_products(text, integer)
-- Storefront search (ADR-034, ADR-063, ADR-065, ADR-111): up to 300 candidates are collected in passes, each pass only
-- when the ones before it found fewer, then ranked and the best limit_count returned. The rank is ts_rank over
-- search_vector (name A > short description B > description C) of the query with its last word a prefix, plus that
-- of the exact words, so that a whole word outranks the longer words it begins. The passes, cheapest first:
--   1. names with the exact words      2. names with the last word as a prefix
--   3. descriptions, exact words       4. descriptions, prefix
-- The name passes read search_name_words (ADR-111): a word is a btree range of (word, product) in product id order,
-- a prefix the range of the words it begins, stopped by the LIMIT, so a common word costs its 300 candidates, not
-- all its matches in the catalogue. A query of several words reads the range of its rarest word and keeps the
-- products that have the others; when every word has 5,000 products or more, or the pass is not a plain conjunction
-- of words, it reads the eight id buckets in turn instead (ADR-065), as the description passes and the fallback do.
-- Every pass reads v_storefront_products (ADR-084), whose product conditions are the predicate of the bucket
-- indexes (idx_products_name_search_b*, idx_products_search_b*): a candidate is one the
-- storefront may show, brand and category included.
CREATE FUNCTION search_products(search_query text, limit_count integer DEFAULT 20)
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
-- A parallel plan would read the buckets side by side instead of stopping at the first ones that fill the LIMIT.
SET max_parallel_workers_per_gather = 0
-- The static statements (passes 1 and 2, the final ranking) are planned once per connection. Left to choose, the
-- plan cache kept planning passes 1 and 2 afresh on every call (8 branches, each with the rule's two InitPlans:
-- ~10 ms of planning per search on the loaded 1m machine, where the pass itself ran in ~7), since a custom plan's estimate beat the generic
-- one. The generic plan is the same plan: the bucket's GIN index under the LIMIT. Passes 3 and 4 (EXECUTE) are one-shot
-- plans, unaffected, and keep their per-word statistics (ADR-065).
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
    v_limit          integer := least(greatest(coalesce(limit_count, 20), 1), 100);
    v_candidates     CONSTANT integer := 300;
    v_text           text;
    v_query          tsquery;
    v_passes         tsquery[];
    v_pass           tsquery;
    v_fuzzy_text     text;
    v_fuzzy          tsquery;
    v_fuzzy_words    CONSTANT integer := 4;
    v_ids            uuid[] := '{}';
    v_ranks          real[] := '{}';
    v_more_ids       uuid[];
    v_more_ranks     real[];
    v_word_cap       CONSTANT integer := 5000;
    v_lows           text[];
    v_highs          text[];
    v_driver         integer;
    v_best           integer;
    v_count          integer;
    v_fetched        integer;
    v_need           integer;
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
        -- The exact words first, then the prefix form (unless it is the same query).
        v_passes := ARRAY[plainto_tsquery('english', v_text)];
        IF v_passes[1]::text <> v_query::text THEN
            v_passes := v_passes || v_query;
        END IF;

        -- Passes 1 and 2, names. Each word of the pass is a range of search_name_words: an exact word [w, w], the prefix
        -- [w, w || U+10FFFF] (collation "C": byte order, so every word the prefix begins sorts inside, unless U+10FFFF,
        -- a noncharacter, follows the prefix in it). The range of one word (the rarest of several, counted up to
        -- v_word_cap) is read in product id order and joined to the rule, and a candidate must have each word of the
        -- pass (idx_search_name_words_product: the product's few words). The statement is static, so PL/pgSQL plans
        -- it once per connection. Each candidate is ranked while its row is at hand.
        FOREACH v_pass IN ARRAY v_passes LOOP
            EXIT WHEN cardinality(v_ids) >= v_candidates;
            CONTINUE WHEN numnode(v_pass) = 0;
            v_driver := NULL;
            -- Only a conjunction of plain words has that form ('red' & 'chair':*); anything else reads the buckets.
            IF v_pass::text ~ '^''[[:alnum:]]+''(:\*)?( & ''[[:alnum:]]+''(:\*)?)*$' THEN
                SELECT array_agg(t.m[1] ORDER BY t.o),
                       array_agg(CASE WHEN t.m[2] IS NULL THEN t.m[1] ELSE t.m[1] || chr(1114111) END ORDER BY t.o)
                  INTO v_lows, v_highs
                  FROM regexp_matches(v_pass::text, '''([[:alnum:]]+)''(:\*)?', 'g') WITH ORDINALITY AS t(m, o);
                IF cardinality(v_lows) = 1 THEN
                    v_driver := 1;
                ELSE
                    v_best := v_word_cap;
                    FOR i IN 1 .. cardinality(v_lows) LOOP
                        SELECT count(*) INTO v_count
                          FROM (SELECT 1 FROM search_name_words w
                                 WHERE w.word BETWEEN v_lows[i] AND v_highs[i] LIMIT v_best) s;
                        IF v_count < v_best THEN
                            v_best := v_count;
                            v_driver := i;
                        END IF;
                    END LOOP;
                END IF;
            END IF;

            IF v_driver IS NOT NULL THEN
                LOOP
                    v_need := v_candidates - cardinality(v_ids);
                    SELECT count(*), array_agg(c.id) FILTER (WHERE c.first), array_agg(c.r) FILTER (WHERE c.first)
                      INTO v_fetched, v_more_ids, v_more_ranks
                      FROM (SELECT m.id, m.r, row_number() OVER (PARTITION BY m.id) = 1 AS first
                              FROM (SELECT p.id, ts_rank(p.search_vector, v_query) + ts_rank(p.search_vector, v_passes[1]) AS r
                                      FROM search_name_words w
                                      JOIN v_storefront_products p ON p.id = w.product_id
                                     WHERE w.word BETWEEN v_lows[v_driver] AND v_highs[v_driver]
                                       AND NOT w.product_id = ANY (v_ids)
                                       AND (cardinality(v_lows) = 1
                                            OR NOT EXISTS (SELECT 1 FROM unnest(v_lows, v_highs) AS q(lo, hi)
                                                            WHERE NOT EXISTS (SELECT 1 FROM search_name_words x
                                                                               WHERE x.product_id = w.product_id
                                                                                 AND x.word BETWEEN q.lo AND q.hi)))
                                     LIMIT v_need) m) c;
                    v_ids := v_ids || coalesce(v_more_ids, '{}');
                    v_ranks := v_ranks || coalesce(v_more_ranks, '{}');
                    -- A product with two words that the prefix begins came twice: read on past those found.
                    EXIT WHEN v_fetched < v_need OR cardinality(v_ids) >= v_candidates;
                END LOOP;
            ELSE
                -- Every word is common (or the pass is not plain words): the eight name buckets
                -- (idx_products_name_search_b0..7), branches of one UNION ALL under one LIMIT. The Append reads its
                -- branches in turn and the LIMIT stops it, so the pass builds the GIN bitmap of the first buckets only;
                -- the bucket is a literal in each branch, so that the planner matches its partial index (ADR-065).
                SELECT array_agg(c.id), array_agg(ts_rank(c.search_vector, v_query) + ts_rank(c.search_vector, v_passes[1]))
                  INTO v_more_ids, v_more_ranks
                  FROM (SELECT n.id, n.search_vector
                          FROM ((SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 0 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 1 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 2 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 3 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 4 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 5 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 6 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 7 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                               ) n
                         WHERE NOT n.id = ANY(v_ids)
                         LIMIT v_candidates - cardinality(v_ids)) c;
                v_ids := v_ids || coalesce(v_more_ids, '{}');
                v_ranks := v_ranks || coalesce(v_more_ranks, '{}');
            END IF;
        END LOOP;

        -- Passes 3 and 4, names or descriptions (idx_products_search_b0..7), bucket by bucket likewise. Planned per
        -- call (EXECUTE), with the word's own statistics. A word in most descriptions still costs one bucket's bitmap
        -- (~80,000 rows, 20-35 ms at 1M): GIN's cost model rates it cheaper than reading rows until the LIMIT (ADR-065).
        FOREACH v_pass IN ARRAY v_passes LOOP
            EXIT WHEN cardinality(v_ids) >= v_candidates;
            CONTINUE WHEN numnode(v_pass) = 0;
            EXECUTE '
                SELECT array_agg(c.id), array_agg(ts_rank(c.search_vector, $2) + ts_rank(c.search_vector, $5))
                  FROM (SELECT d.id, d.search_vector
                          FROM ((SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 0 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 1 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 2 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 3 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 4 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 5 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 6 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM v_storefront_products p
                                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 7 AND p.search_vector @@ $1)
                               ) d
                         WHERE NOT d.id = ANY($3)
                         LIMIT $4) c'
               INTO v_more_ids, v_more_ranks
              USING v_pass, v_query, v_ids, v_candidates - cardinality(v_ids), v_passes[1];
            v_ids := v_ids || coalesce(v_more_ids, '{}');
            v_ranks := v_ranks || coalesce(v_more_ranks, '{}');
        END LOOP;

        RETURN QUERY
        WITH best AS (
            SELECT c.id, c.r FROM unnest(v_ids, v_ranks) AS c(id, r) ORDER BY c.r DESC, c.id LIMIT v_limit
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

    -- Fallback: typo tolerance on the name's words (ADR-125). The query's first v_fuzzy_words distinct words of three
    -- letters or more (a lookup costs ~5 ms at 1M products, and a 200-character query has up to 100 words) are each
    -- compared with the catalogue's name words, once each (search_words): a word's three nearest words by trigram
    -- distance (the GiST index, stopped by the LIMIT), kept when at least 0.3 similar (distance <= 0.7; 'mouce' and
    -- the lexeme 'mous' score 0.375). The candidates are the names with one of the matches of every looked-up word
    -- that has any, read bucket by bucket as the name passes are (the bucket indexes idx_products_name_search_b*), at
    -- most v_candidates, and ranked by how similar the whole name is. Before ADR-125 the trigram operators ran over
    -- every name: a misspelt common word ("keybaord") cost ~0.4 s at 1M products.
    SELECT string_agg('(' || m.alts || ')', ' & ' ORDER BY m.ord)
      INTO v_fuzzy_text
      FROM (SELECT q.ord, string_agg(quote_literal(c.word), ' | ' ORDER BY c.word) AS alts
              FROM (SELECT t.w, min(t.ord) AS ord
                      FROM regexp_split_to_table(lower(v_text), ' ') WITH ORDINALITY AS t(w, ord)
                     WHERE length(t.w) >= 3
                     GROUP BY t.w
                     ORDER BY min(t.ord)
                     LIMIT v_fuzzy_words) q
             CROSS JOIN LATERAL (SELECT n.word
                                   FROM (SELECT d.word, d.word <-> q.w AS distance FROM search_words d
                                          ORDER BY d.word <-> q.w
                                          LIMIT 3) n
                                  WHERE n.distance <= 0.7) c
             GROUP BY q.ord) m;

    IF v_fuzzy_text IS NULL THEN
        RETURN;  -- no word of the catalogue is like any looked-up word of the query
    END IF;
    v_fuzzy := v_fuzzy_text::tsquery;

    RETURN QUERY
    WITH similar_names AS MATERIALIZED (
        SELECT s.id, greatest(similarity(s.name, v_text), word_similarity(v_text, s.name)) AS r
          FROM ((SELECT p.id, p.name FROM v_storefront_products p
                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 0 AND to_tsvector('english'::regconfig, p.name) @@ v_fuzzy)
                UNION ALL
                (SELECT p.id, p.name FROM v_storefront_products p
                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 1 AND to_tsvector('english'::regconfig, p.name) @@ v_fuzzy)
                UNION ALL
                (SELECT p.id, p.name FROM v_storefront_products p
                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 2 AND to_tsvector('english'::regconfig, p.name) @@ v_fuzzy)
                UNION ALL
                (SELECT p.id, p.name FROM v_storefront_products p
                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 3 AND to_tsvector('english'::regconfig, p.name) @@ v_fuzzy)
                UNION ALL
                (SELECT p.id, p.name FROM v_storefront_products p
                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 4 AND to_tsvector('english'::regconfig, p.name) @@ v_fuzzy)
                UNION ALL
                (SELECT p.id, p.name FROM v_storefront_products p
                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 5 AND to_tsvector('english'::regconfig, p.name) @@ v_fuzzy)
                UNION ALL
                (SELECT p.id, p.name FROM v_storefront_products p
                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 6 AND to_tsvector('english'::regconfig, p.name) @@ v_fuzzy)
                UNION ALL
                (SELECT p.id, p.name FROM v_storefront_products p
                  WHERE (get_byte(uuid_send(p.id), 15) & 7) = 7 AND to_tsvector('english'::regconfig, p.name) @@ v_fuzzy)
               ) s
         LIMIT v_candidates
    ), best AS (
        SELECT s.id, s.r FROM similar_names s ORDER BY s.r DESC, s.id LIMIT v_limit
    )
    SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price,
           p.images, p.average_rating, p.review_count, best.r
      FROM best
      JOIN products p ON p.id = best.id
     ORDER BY best.r DESC, p.id;
END;
$$;

COMMENT ON FUNCTION search_products(text, integer) IS
    'Storefront search: exact words plus a prefix last word, ts_rank over at most 300 name matches (ranges of search_name_words, ADR-111) topped up with text matches; typo fallback through search_words (ADR-125); the other passes read id buckets in turn (ADR-063, ADR-065); limit clamped to 1..100.';
