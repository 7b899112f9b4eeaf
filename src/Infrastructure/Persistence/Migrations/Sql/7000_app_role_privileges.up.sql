-- =============================================================================
-- Catalog: 7000_app_role_privileges (up)
--
-- Least privilege (ADR-070). The application connects as the role catalog_app (or a login role that is a
-- member of it); migrations and maintenance run as the schema owner. catalog_app may read and write rows,
-- but not change the schema (ALTER/DROP need ownership, CREATE on schema public is not granted), not
-- TRUNCATE anything, and only SELECT and INSERT audit_logs: the audit trail is append-only by privilege,
-- with the trigger of 0001 as a second line.
--
-- Roles are cluster-wide and provisioned outside migrations (docs/operations.md, "Database roles"): when
-- catalog_app does not exist, nothing is granted (a NOTICE says so) and
-- SELECT catalog_grant_app_privileges(); grants it later, run by the owner.
-- =============================================================================

-- Grants the application privileges to p_role (default catalog_app); false when the role does not exist.
-- Idempotent. Run by the owner of the schema's objects (it executes as its caller).
CREATE FUNCTION catalog_grant_app_privileges(p_role name DEFAULT 'catalog_app')
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
        RAISE NOTICE 'role % does not exist: no application privileges granted (see docs/operations.md, Database roles)', p_role;
        RETURN false;
    END IF;

    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', p_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', p_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', p_role);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %I', p_role);

    -- Tables, sequences and functions that later migrations create (as the same owner) get the same grants.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', p_role);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', p_role);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO %I', p_role);

    -- audit_logs: append-only. Rows are reached through the parent, whose privileges are the only ones
    -- checked then; the partitions (and detached archives) grant nothing, so they cannot be changed directly.
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON public.audit_logs FROM %I', p_role);
    FOR r IN
        SELECT c.relname
          FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace
           AND c.relkind IN ('r', 'p')
           AND c.relname ~ '^audit_logs_'
    LOOP
        EXECUTE format('REVOKE ALL ON public.%I FROM %I', r.relname, p_role);
    END LOOP;

    -- The migration history is read (readiness), never written, by the application.
    IF to_regclass('public."__EFMigrationsHistory"') IS NOT NULL THEN
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON public."__EFMigrationsHistory" FROM %I', p_role);
    END IF;

    -- Owner-only helpers.
    EXECUTE format('REVOKE EXECUTE ON FUNCTION public.catalog_grant_app_privileges(name) FROM %I', p_role);
    EXECUTE format('REVOKE EXECUTE ON FUNCTION public.ensure_audit_partitions_core(integer) FROM %I', p_role);
    RETURN true;
END;
$$;

REVOKE EXECUTE ON FUNCTION catalog_grant_app_privileges(name) FROM PUBLIC;

COMMENT ON FUNCTION catalog_grant_app_privileges(name) IS
    'Grants the application role (default catalog_app) DML on all tables except audit_logs (SELECT, INSERT only), sequences and functions; false when the role does not exist. ADR-070.';

-- New audit partitions are created by the owner (ensure_audit_partitions is SECURITY DEFINER), so the
-- default privileges above would give catalog_app UPDATE/DELETE on them: the wrapper takes those away
-- again in the same transaction. The original function of 0001 becomes the owner-only core.
ALTER FUNCTION ensure_audit_partitions(integer) RENAME TO ensure_audit_partitions_core;
REVOKE EXECUTE ON FUNCTION ensure_audit_partitions_core(integer) FROM PUBLIC;

CREATE FUNCTION ensure_audit_partitions(months_ahead integer DEFAULT 1)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_created integer;
    r         record;
BEGIN
    v_created := public.ensure_audit_partitions_core(months_ahead);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'catalog_app') THEN
        FOR r IN
            SELECT c.relname
              FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'public.audit_logs'::regclass
        LOOP
            EXECUTE format('REVOKE ALL ON public.%I FROM catalog_app', r.relname);
        END LOOP;
    END IF;

    RETURN v_created;
END;
$$;

COMMENT ON FUNCTION ensure_audit_partitions(integer) IS
    'Creates monthly audit_logs partitions (UTC) for the current month .. months_ahead (see ensure_audit_partitions_core); the application role gets no privilege on them. Returns the number created.';

SELECT catalog_grant_app_privileges('catalog_app');
