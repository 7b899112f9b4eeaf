-- repeatable: view v_reviews
-- Live (not deleted) reviews with the author's public name ("First L.", or "Customer"): never the author's email.
-- The product's keyset indexes (idx_reviews_product_*) carry the review sorts.
CREATE VIEW v_reviews AS
SELECT r.id, r.product_id, r.user_id, r.rating, r.title, r.comment, r.pros, r.cons, r.images, r.is_verified_purchase,
       r.helpful_count, r.created_at, r.updated_at,
       coalesce(nullif(btrim(concat_ws(' ', u.first_name, left(u.last_name, 1) || CASE WHEN u.last_name <> '' THEN '.' END)), ''),
                'Customer') AS author_name
  FROM reviews r
  LEFT JOIN users u ON u.id = r.user_id
 WHERE r.deleted_at IS NULL;

COMMENT ON VIEW v_reviews IS 'Live reviews with the author''s public name (first name and last initial, else Customer).';
