DROP INDEX IF EXISTS idx_audit_user_keyset;
