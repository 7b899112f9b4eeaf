-- Read model of the catalog (issue 5, ADR-030..033): views and functions the Dapper queries read.
-- Views only select; the storefront predicate stays literal in each view so that the partial
-- storefront keyset indexes of 0001 (WHERE deleted_at IS NULL AND is_active AND status = 'published')
-- are chosen by the planner.

-- The tsquery of search_products, reusable by the product list's q filter: the words of the input,
-- reduced to letters and digits, each a prefix term, ANDed. NULL when no word remains.
CREATE FUNCTION catalog_search_tsquery(search_query text)
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

-- What anonymous storefront callers may see: published, active, live products whose brand and
-- category (when set) are live as well.
CREATE VIEW v_storefront_catalog AS
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
       p.average_rating,
       p.review_count,
       p.created_at,
       p.search_vector,
       p.category_id,
       p.brand_id,
       b.name AS brand_name,
       b.slug AS brand_slug,
       c.name AS category_name,
       c.slug AS category_slug
  FROM products p
  LEFT JOIN brands b     ON b.id = p.brand_id    AND b.deleted_at IS NULL
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
 WHERE p.deleted_at IS NULL
   AND p.is_active
   AND p.status = 'published'
   AND (p.brand_id IS NULL OR b.id IS NOT NULL)
   AND (p.category_id IS NULL OR c.id IS NOT NULL);

COMMENT ON VIEW v_storefront_catalog IS
    'Storefront-visible products (published, active, live; brand and category live) shaped for lists.';

-- Every live product in any status, with the internal fields, for back-office lists and exports.
CREATE VIEW v_backoffice_products AS
SELECT p.id,
       p.name,
       p.slug,
       p.description,
       p.short_description,
       p.price,
       p.compare_at_price,
       p.cost,
       p.sku,
       p.barcode,
       p.stock_quantity,
       p.low_stock_threshold,
       p.weight,
       p.dimensions,
       p.tags,
       p.images,
       p.metadata,
       p.is_active,
       p.is_featured,
       p.status,
       p.review_remark,
       p.submitted_at,
       p.published_at,
       p.average_rating,
       p.review_count,
       p.created_at,
       p.updated_at,
       p.search_vector,
       p.category_id,
       p.brand_id,
       b.name AS brand_name,
       b.slug AS brand_slug,
       c.name AS category_name,
       c.slug AS category_slug
  FROM products p
  LEFT JOIN brands b     ON b.id = p.brand_id    AND b.deleted_at IS NULL
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
 WHERE p.deleted_at IS NULL;

COMMENT ON VIEW v_backoffice_products IS
    'All live products in any status with internal fields (cost, stock, sku, status), for back-office reads.';

-- A category's ancestors from the root down to itself, as a JSON array of {id, name, slug}.
CREATE FUNCTION category_breadcrumb(category_path uuid[])
RETURNS jsonb
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'slug', c.slug) ORDER BY t.ord), '[]'::jsonb)
      FROM unnest(category_path) WITH ORDINALITY AS t(id, ord)
      JOIN categories c ON c.id = t.id AND c.deleted_at IS NULL;
$$;

COMMENT ON FUNCTION category_breadcrumb(uuid[]) IS
    'Breadcrumb [{id, name, slug}] of a materialised category path, root first.';
