-- "What did this person do?" pages newest first by (created_at, id) for one user_id: without this index the
-- query walks created_at and filters (ADR-042). Created on the partitioned parent, so every partition,
-- existing or future, gets its own copy.
CREATE INDEX idx_audit_user_keyset ON audit_logs (user_id, created_at DESC, id DESC);
