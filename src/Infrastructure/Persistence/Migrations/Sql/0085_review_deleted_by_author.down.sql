-- =============================================================================
-- Catalog: 0085_review_deleted_by_author (down)
-- =============================================================================

ALTER TABLE reviews DROP COLUMN IF EXISTS deleted_by_author;
