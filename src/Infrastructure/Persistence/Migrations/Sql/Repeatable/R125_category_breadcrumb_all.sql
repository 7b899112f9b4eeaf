-- repeatable: function category_breadcrumb_all(uuid[])
-- category_breadcrumb() for staff: the ancestors from the root down to the category itself over v_all_categories, so
-- that a deleted category's path names its deleted ancestors too, each with its status ({id, name, slug, status}).
CREATE FUNCTION category_breadcrumb_all(category_path uuid[])
RETURNS jsonb
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'slug', c.slug, 'status', c.status) ORDER BY t.ord),
                    '[]'::jsonb)
      FROM unnest(category_path) WITH ORDINALITY AS t(id, ord)
      JOIN v_all_categories c ON c.id = t.id;
$$;

COMMENT ON FUNCTION category_breadcrumb_all(uuid[]) IS
    'Breadcrumb [{id, name, slug, status}] of a materialised category path, root first, deleted categories included (staff).';
