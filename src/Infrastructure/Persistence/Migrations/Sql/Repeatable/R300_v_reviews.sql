-- repeatable: view v_reviews
-- Live (not deleted) reviews with the author's public name (v_all_reviews). The product's keyset indexes
-- (idx_reviews_product_*, partial on deleted_at IS NULL) carry the review sorts.
CREATE VIEW v_reviews AS
SELECT r.id, r.product_id, r.user_id, r.rating, r.title, r.comment, r.pros, r.cons, r.images, r.is_verified_purchase,
       r.helpful_count, r.created_at, r.updated_at, r.author_name
  FROM v_all_reviews r
 WHERE r.deleted_at IS NULL;

COMMENT ON VIEW v_reviews IS 'Live reviews with the author''s public name (first name and last initial, else Customer).';
