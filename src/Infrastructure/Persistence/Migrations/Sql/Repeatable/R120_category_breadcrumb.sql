-- repeatable: function category_breadcrumb(uuid[])
-- A category's ancestors from the root down to itself, as a JSON array of {id, name, slug} (live categories only).
CREATE FUNCTION category_breadcrumb(category_path uuid[])
RETURNS jsonb
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'slug', c.slug) ORDER BY t.ord), '[]'::jsonb)
      FROM unnest(category_path) WITH ORDINALITY AS t(id, ord)
      JOIN v_categories c ON c.id = t.id;
$$;

COMMENT ON FUNCTION category_breadcrumb(uuid[]) IS
    'Breadcrumb [{id, name, slug}] of a materialised category path, root first (live categories).';
