-- =============================================================================
-- Catalog: 7000_app_role_privileges (down)
--
-- Takes back every privilege the up script gave catalog_app and restores ensure_audit_partitions of 0001.
-- The role itself is cluster-wide and was not created here, so it stays.
-- =============================================================================

DROP FUNCTION ensure_audit_partitions(integer);
ALTER FUNCTION ensure_audit_partitions_core(integer) RENAME TO ensure_audit_partitions;
GRANT EXECUTE ON FUNCTION ensure_audit_partitions(integer) TO PUBLIC;
COMMENT ON FUNCTION ensure_audit_partitions(integer) IS
    'Creates monthly audit_logs partitions (UTC) for the current month .. months_ahead; moves matching rows out of audit_logs_default; returns the number created.';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'catalog_app') THEN
        ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM catalog_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM catalog_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM catalog_app;
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM catalog_app;
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM catalog_app;
        REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM catalog_app;
        REVOKE USAGE ON SCHEMA public FROM catalog_app;
    END IF;
END;
$$;

DROP FUNCTION catalog_grant_app_privileges(name);
