-- =============================================================================
-- Catalog: 9000_repeatable_objects (down)
--
-- Drops the repeatable objects (in reverse script order, as recorded in schema_repeatables) and the table, then puts
-- back the definitions they replaced, as the versioned migrations before 9000 left them. RepeatableObjects.Down runs
-- this, then 0030's up script again (catalog views, breadcrumb), 9000_repeatable_objects.down.after_0030.sql (0031's
-- catalog_search_tsquery) and 0041's up script (v_product_detail). The bodies copied here are the last copies: from
-- 9000 on, each object lives in one file under Sql/Repeatable.
-- =============================================================================

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT object_type, object_name FROM schema_repeatables ORDER BY script DESC LOOP
        EXECUTE format('DROP %s IF EXISTS %s', upper(r.object_type), r.object_name);
    END LOOP;
END;
$$;

DROP TABLE schema_repeatables;
DROP INDEX IF EXISTS idx_categories_deleted;

-- 0001 ------------------------------------------------------------------------------------------------------------
-- soft_delete(table, id): sets deleted_at on a live row of a table that has deleted_at
-- =============================================================================
CREATE FUNCTION soft_delete(table_name text, record_id uuid)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
    v_rel   regclass;
    v_count bigint;
BEGIN
    v_rel := to_regclass(format('%I', soft_delete.table_name));
    IF v_rel IS NULL THEN
        RAISE EXCEPTION 'table "%" does not exist', soft_delete.table_name
            USING ERRCODE = 'undefined_table';
    END IF;

    IF NOT EXISTS (SELECT 1
                     FROM pg_catalog.pg_attribute a
                     JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                    WHERE a.attrelid = v_rel
                      AND c.relkind IN ('r', 'p')
                      AND a.attname = 'deleted_at'
                      AND a.attnum > 0
                      AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'table "%" does not support soft delete (no deleted_at column)', soft_delete.table_name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    EXECUTE format('UPDATE %I SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL',
                   soft_delete.table_name)
      USING record_id;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count > 0;
END;
$$;

COMMENT ON FUNCTION soft_delete(text, uuid) IS
    'Soft-deletes row record_id of table_name (unqualified) if it is live; true when a row changed. Rejects tables without deleted_at.';

CREATE VIEW v_active_users AS
SELECT u.id,
       u.email,
       u.first_name,
       u.last_name,
       u.roles,
       u.email_verified,
       u.last_login_at,
       u.created_at,
       count(s.id) AS active_sessions
  FROM users u
  LEFT JOIN user_sessions s
         ON s.user_id = u.id
        AND s.revoked_at IS NULL
        AND s.expires_at > now()
        AND s.absolute_expires_at > now()
 WHERE u.deleted_at IS NULL
   AND u.is_active
 GROUP BY u.id;

CREATE VIEW v_product_summary AS
SELECT p.id,
       p.name,
       p.slug,
       p.price,
       p.stock_quantity,
       c.name AS category_name,
       b.name AS brand_name,
       p.average_rating,
       p.review_count,
       p.created_at,
       p.updated_at
  FROM products p
  LEFT JOIN categories c ON c.id = p.category_id
  LEFT JOIN brands b ON b.id = p.brand_id
 WHERE p.deleted_at IS NULL;

CREATE VIEW v_storefront_products AS
SELECT p.id,
       p.name,
       p.slug,
       p.short_description,
       p.price,
       p.compare_at_price,
       p.tags,
       p.images,
       p.is_featured,
       p.stock_quantity,
       (p.stock_quantity > 0) AS in_stock,
       p.average_rating,
       p.review_count,
       p.created_at,
       c.id   AS category_id,
       c.path AS category_path,
       b.id   AS brand_id,
       b.name AS brand_name,
       b.slug AS brand_slug,
       c.name AS category_name,
       c.slug AS category_slug
  FROM products p
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
  LEFT JOIN brands b ON b.id = p.brand_id AND b.deleted_at IS NULL
 WHERE p.deleted_at IS NULL
   AND p.is_active
   AND p.status = 'published';

COMMENT ON VIEW v_active_users IS 'Live, active users with their count of usable (not revoked, not expired) sessions.';
COMMENT ON VIEW v_product_summary IS 'Back-office product summary (all live products); ratings read from the denormalised columns.';
COMMENT ON VIEW v_storefront_products IS 'What a storefront list shows: published, active, live products with brand and category.';

-- 0034 ------------------------------------------------------------------------------------------------------------
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
-- A parallel plan would read the buckets side by side instead of stopping at the first ones that fill the LIMIT.
SET max_parallel_workers_per_gather = 0
AS $$
#variable_conflict use_column
DECLARE
    v_limit          integer := least(greatest(coalesce(limit_count, 20), 1), 100);
    v_candidates     CONSTANT integer := 300;
    v_text           text;
    v_query          tsquery;
    v_passes         tsquery[];
    v_pass           tsquery;
    v_prev_threshold text;
    v_ids            uuid[] := '{}';
    v_ranks          real[] := '{}';
    v_more_ids       uuid[];
    v_more_ranks     real[];
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

        -- Passes 1 and 2, names (idx_products_name_search_b0..7). The buckets are the branches of one UNION ALL under
        -- one LIMIT: the Append reads its branches in turn and the LIMIT stops it, so a common word builds the GIN
        -- bitmap of one bucket (an eighth of its matches) and never reads the others. The bucket is a literal in each
        -- branch so that the planner matches its partial index, and the statement is static, so that PL/pgSQL plans
        -- it once per connection. Each candidate is ranked while its row is at hand.
        FOREACH v_pass IN ARRAY v_passes LOOP
            EXIT WHEN cardinality(v_ids) >= v_candidates;
            CONTINUE WHEN numnode(v_pass) = 0;
            SELECT array_agg(c.id), array_agg(ts_rank(c.search_vector, v_query) + ts_rank(c.search_vector, v_passes[1]))
              INTO v_more_ids, v_more_ranks
              FROM (SELECT n.id, n.search_vector
                      FROM ((SELECT p.id, p.search_vector FROM products p
                              WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                                AND (get_byte(uuid_send(p.id), 15) & 7) = 0 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                            UNION ALL
                            (SELECT p.id, p.search_vector FROM products p
                              WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                                AND (get_byte(uuid_send(p.id), 15) & 7) = 1 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                            UNION ALL
                            (SELECT p.id, p.search_vector FROM products p
                              WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                                AND (get_byte(uuid_send(p.id), 15) & 7) = 2 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                            UNION ALL
                            (SELECT p.id, p.search_vector FROM products p
                              WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                                AND (get_byte(uuid_send(p.id), 15) & 7) = 3 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                            UNION ALL
                            (SELECT p.id, p.search_vector FROM products p
                              WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                                AND (get_byte(uuid_send(p.id), 15) & 7) = 4 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                            UNION ALL
                            (SELECT p.id, p.search_vector FROM products p
                              WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                                AND (get_byte(uuid_send(p.id), 15) & 7) = 5 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                            UNION ALL
                            (SELECT p.id, p.search_vector FROM products p
                              WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                                AND (get_byte(uuid_send(p.id), 15) & 7) = 6 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                            UNION ALL
                            (SELECT p.id, p.search_vector FROM products p
                              WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                                AND (get_byte(uuid_send(p.id), 15) & 7) = 7 AND to_tsvector('english'::regconfig, p.name) @@ v_pass)
                           ) n
                     WHERE NOT n.id = ANY(v_ids)
                     LIMIT v_candidates - cardinality(v_ids)) c;
            v_ids := v_ids || coalesce(v_more_ids, '{}');
            v_ranks := v_ranks || coalesce(v_more_ranks, '{}');
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
                          FROM ((SELECT p.id, p.search_vector FROM products p
                                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                                    AND (get_byte(uuid_send(p.id), 15) & 7) = 0 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM products p
                                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                                    AND (get_byte(uuid_send(p.id), 15) & 7) = 1 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM products p
                                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                                    AND (get_byte(uuid_send(p.id), 15) & 7) = 2 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM products p
                                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                                    AND (get_byte(uuid_send(p.id), 15) & 7) = 3 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM products p
                                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                                    AND (get_byte(uuid_send(p.id), 15) & 7) = 4 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM products p
                                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                                    AND (get_byte(uuid_send(p.id), 15) & 7) = 5 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM products p
                                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                                    AND (get_byte(uuid_send(p.id), 15) & 7) = 6 AND p.search_vector @@ $1)
                                UNION ALL
                                (SELECT p.id, p.search_vector FROM products p
                                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = ''published''
                                    AND (get_byte(uuid_send(p.id), 15) & 7) = 7 AND p.search_vector @@ $1)
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

    -- Fallback: typo tolerance on the name (idx_products_name_trgm_b0..7, read bucket by bucket as above). "%"
    -- matches similar whole names (similarity >= pg_trgm.similarity_threshold, default 0.3), "%>" a similar word
    -- inside the name. The word threshold is lowered from 0.6 to 0.5 for this query only, so that one typo in a short
    -- word still matches (word_similarity('mouce', 'Wireless Mouse') = 0.5). (Set in the body rather than with a SET
    -- clause: a non-superuser cannot create a function with SET pg_trgm.* unless pg_trgm happens to be loaded in that
    -- session, e.g. on restore.) At most v_candidates similar names are ranked.
    v_prev_threshold := current_setting('pg_trgm.word_similarity_threshold', true);
    PERFORM set_config('pg_trgm.word_similarity_threshold', '0.5', true);

    RETURN QUERY
    WITH similar_names AS MATERIALIZED (
        SELECT s.id, greatest(similarity(s.name, v_text), word_similarity(v_text, s.name)) AS r
          FROM ((SELECT p.id, p.name FROM products p
                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                    AND (get_byte(uuid_send(p.id), 15) & 7) = 0 AND (p.name % v_text OR p.name %> v_text))
                UNION ALL
                (SELECT p.id, p.name FROM products p
                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                    AND (get_byte(uuid_send(p.id), 15) & 7) = 1 AND (p.name % v_text OR p.name %> v_text))
                UNION ALL
                (SELECT p.id, p.name FROM products p
                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                    AND (get_byte(uuid_send(p.id), 15) & 7) = 2 AND (p.name % v_text OR p.name %> v_text))
                UNION ALL
                (SELECT p.id, p.name FROM products p
                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                    AND (get_byte(uuid_send(p.id), 15) & 7) = 3 AND (p.name % v_text OR p.name %> v_text))
                UNION ALL
                (SELECT p.id, p.name FROM products p
                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                    AND (get_byte(uuid_send(p.id), 15) & 7) = 4 AND (p.name % v_text OR p.name %> v_text))
                UNION ALL
                (SELECT p.id, p.name FROM products p
                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                    AND (get_byte(uuid_send(p.id), 15) & 7) = 5 AND (p.name % v_text OR p.name %> v_text))
                UNION ALL
                (SELECT p.id, p.name FROM products p
                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                    AND (get_byte(uuid_send(p.id), 15) & 7) = 6 AND (p.name % v_text OR p.name %> v_text))
                UNION ALL
                (SELECT p.id, p.name FROM products p
                  WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
                    AND (get_byte(uuid_send(p.id), 15) & 7) = 7 AND (p.name % v_text OR p.name %> v_text))
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

    PERFORM set_config('pg_trgm.word_similarity_threshold',
                       coalesce(nullif(v_prev_threshold, ''), '0.6'), true);
END;
$$;

COMMENT ON FUNCTION search_products(text, integer) IS
    'Storefront search: exact words plus a prefix last word, ts_rank over at most 300 name matches topped up with text matches; trigram fallback on name; every pass reads id buckets in turn (ADR-063, ADR-065); limit clamped to 1..100.';

