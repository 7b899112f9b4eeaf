-- =============================================================================
-- Catalog: 8000_hangfire_replaces_quartz (up)
--
-- The background jobs move from Quartz.NET to Hangfire (ADR-080).
--   * Quartz's job store (qrtz_*, 5000) is dropped first, by 5000's own down script (the migration runs it);
--     the history of its runs lives on in job_runs and the audit trail.
--   * The schema hangfire is created here, by the owner, as the whole migration is. Hangfire.PostgreSql's own
--     versioned scripts create its tables in it right after the migrations, in the same migrate command and as the
--     same owner (JobStorageSchema.Install); the application never creates anything (PrepareSchemaIfNecessary off).
--   * catalog_grant_app_privileges (7000) now also grants the application role what Hangfire needs there: USAGE on
--     the schema, SELECT/INSERT/UPDATE/DELETE on its tables, USAGE/SELECT on its sequences, and the same by default
--     for the tables the owner creates there later. No CREATE: the role cannot add objects to the schema.
--     The original function is kept as its owner-only core, as ensure_audit_partitions is.
-- =============================================================================

CREATE SCHEMA hangfire;
REVOKE ALL ON SCHEMA hangfire FROM PUBLIC;

ALTER FUNCTION catalog_grant_app_privileges(name) RENAME TO catalog_grant_app_privileges_core;
REVOKE EXECUTE ON FUNCTION catalog_grant_app_privileges_core(name) FROM PUBLIC;

CREATE FUNCTION catalog_grant_app_privileges(p_role name DEFAULT 'catalog_app')
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    IF NOT public.catalog_grant_app_privileges_core(p_role) THEN
        RETURN false;
    END IF;

    IF to_regnamespace('hangfire') IS NOT NULL THEN
        EXECUTE format('GRANT USAGE ON SCHEMA hangfire TO %I', p_role);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA hangfire TO %I', p_role);
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA hangfire TO %I', p_role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA hangfire GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', p_role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA hangfire GRANT USAGE, SELECT ON SEQUENCES TO %I', p_role);
    END IF;

    -- The core granted EXECUTE on every function of public, itself included.
    EXECUTE format('REVOKE EXECUTE ON FUNCTION public.catalog_grant_app_privileges_core(name) FROM %I', p_role);

    -- The core granted DML on every relation of public, views included, and a simple view is updatable with its
    -- owner's rights: views stay read-only to the role (ADR-083), whenever this function runs (migrate calls it
    -- again after installing Hangfire's tables). The repeatable-objects ledger (9000) is not the role's business.
    FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') LOOP
        EXECUTE format('REVOKE ALL ON public.%I FROM %I', r.relname, p_role);
        EXECUTE format('GRANT SELECT ON public.%I TO %I', r.relname, p_role);
    END LOOP;
    IF to_regclass('public.schema_repeatables') IS NOT NULL THEN
        EXECUTE format('REVOKE ALL ON public.schema_repeatables FROM %I', p_role);
    END IF;
    RETURN true;
END;
$$;

REVOKE EXECUTE ON FUNCTION catalog_grant_app_privileges(name) FROM PUBLIC;

COMMENT ON FUNCTION catalog_grant_app_privileges(name) IS
    'Grants the application role (default catalog_app) its privileges in public (catalog_grant_app_privileges_core, ADR-070) and DML in schema hangfire (ADR-080); false when the role does not exist.';

SELECT catalog_grant_app_privileges('catalog_app');
