-- =============================================================================
-- Catalog: 0085_review_deleted_by_author (up)
--
-- Who deleted a review decides whether a moderator may restore it (ADR-085): a review its author withdrew stays
-- withdrawn; one a moderator removed can be put back. Existing deleted reviews count as withdrawn unless the audit
-- trail shows a moderator removed them (`review.moderated`): without proof, the author's choice is the safe reading.
-- =============================================================================

ALTER TABLE reviews ADD COLUMN deleted_by_author boolean NOT NULL DEFAULT false;

-- The backfill is not an edit of the reviews: updated_at keeps its value.
ALTER TABLE reviews DISABLE TRIGGER trg_reviews_updated_at;
UPDATE reviews r
   SET deleted_by_author = true
 WHERE r.deleted_at IS NOT NULL
   AND NOT EXISTS (SELECT 1
                     FROM audit_logs a
                    WHERE a.resource_type = 'review'
                      AND a.resource_id = r.id
                      AND a.action = 'review.moderated');
ALTER TABLE reviews ENABLE TRIGGER trg_reviews_updated_at;

ALTER TABLE reviews ADD CONSTRAINT ck_reviews_withdrawn_is_deleted CHECK (NOT deleted_by_author OR deleted_at IS NOT NULL);

COMMENT ON COLUMN reviews.deleted_by_author IS
    'True when the author deleted (withdrew) the review; false when a moderator removed it or it is live. A withdrawn review is not restored by moderators.';
