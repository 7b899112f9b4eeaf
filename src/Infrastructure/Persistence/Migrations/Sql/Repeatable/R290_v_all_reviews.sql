-- repeatable: view v_all_reviews
-- Every review, deleted or not, with deleted_at and the author's public name ("First L.", or "Customer"; never the
-- e-mail): the moderators' cross-product list (GET /reviews, reviews:moderate). v_reviews is its live part.
CREATE VIEW v_all_reviews AS
SELECT r.id, r.product_id, r.user_id, r.rating, r.title, r.comment, r.pros, r.cons, r.images, r.is_verified_purchase,
       r.helpful_count, r.created_at, r.updated_at, r.deleted_at,
       coalesce(nullif(btrim(concat_ws(' ', u.first_name, left(u.last_name, 1) || CASE WHEN u.last_name <> '' THEN '.' END)), ''),
                'Customer') AS author_name
  FROM reviews r
  LEFT JOIN users u ON u.id = r.user_id;

COMMENT ON VIEW v_all_reviews IS 'Every review (deleted ones with deleted_at) with the author''s public name; for moderators.';
