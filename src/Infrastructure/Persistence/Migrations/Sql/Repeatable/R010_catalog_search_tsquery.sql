-- repeatable: function catalog_search_tsquery(text)
-- Search-as-you-type (ADR-034): every word but the last is an exact (stemmed) term, the last one a prefix. Letters
-- and digits only, so nothing reads as an operator. Used by search_products and the product list's q filter.
CREATE FUNCTION catalog_search_tsquery(search_query text)
RETURNS tsquery
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE WHEN count(*) = 0 THEN NULL
                ELSE to_tsquery('english', string_agg(CASE WHEN ord = last_ord THEN w || ':*' ELSE w END,
                                                      ' & ' ORDER BY ord)) END
      FROM (SELECT w, ord, max(ord) OVER () AS last_ord
              FROM (SELECT regexp_replace(part, '[^[:alnum:]]+', '', 'g') AS w, ord
                      FROM regexp_split_to_table(btrim(coalesce(search_query, '')), '[[:space:]]+')
                           WITH ORDINALITY AS t(part, ord)) words
             WHERE w <> '') s;
$$;

COMMENT ON FUNCTION catalog_search_tsquery(text) IS
    'tsquery of the words (letters and digits only) of a user query: exact terms, the last word a prefix; NULL when empty. Used by search_products and the list''s q filter.';
