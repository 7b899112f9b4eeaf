-- repeatable: function category_subtree_products_refresh(uuid[])
-- The rows of category_subtree_products (ADR-108, ADR-112) of the given products: deleted, then written again from
-- v_storefront_catalog — the storefront rule (v_storefront_products, its one definition) and the list's shape — once
-- per category on the product's category's path. A product the rule does not show has no rows. The categories are
-- locked FOR SHARE first: a concurrent move of one of them (which refreshes its products) either has committed, and
-- its new path is read here, or waits for this transaction.
--
-- Repeatable after R030 on purpose: whenever the rule or the list's shape changes (a script up to R030 is re-created),
-- this script runs again and rebuilds the table from them, so no database keeps rows of an old rule.
CREATE FUNCTION category_subtree_products_refresh(p_products uuid[])
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1
       FROM categories c
      WHERE c.id IN (SELECT p.category_id FROM products p WHERE p.id = ANY (p_products))
        FOR SHARE;
    DELETE FROM category_subtree_products WHERE product_id = ANY (p_products);
    INSERT INTO category_subtree_products
           (subtree_id, product_id, name, slug, short_description, price, compare_at_price, tags, images, is_featured,
            stock_quantity, average_rating, review_count, created_at, category_id, brand_id, brand_name, brand_slug,
            category_name, category_slug)
    SELECT a.id, v.id, v.name, v.slug, v.short_description, v.price, v.compare_at_price, v.tags, v.images, v.is_featured,
           v.stock_quantity, v.average_rating, v.review_count, v.created_at, v.category_id, v.brand_id, v.brand_name,
           v.brand_slug, v.category_name, v.category_slug
      FROM v_storefront_catalog v
      JOIN categories c ON c.id = v.category_id
     CROSS JOIN LATERAL unnest(c.path) AS a(id)
     WHERE v.id = ANY (p_products);
END;
$$;

COMMENT ON FUNCTION category_subtree_products_refresh(uuid[]) IS
    'Rewrites the category_subtree_products rows of the given products from v_storefront_catalog (ADR-112).';

-- A new rule or shape: every row again.
SELECT category_subtree_products_rebuild();
ANALYZE category_subtree_products;
