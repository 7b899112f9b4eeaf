-- =============================================================================
-- Catalog: 8000_hangfire_replaces_quartz (down): drops the schema hangfire with Hangfire's tables, puts the
-- original catalog_grant_app_privileges back; the migration then recreates Quartz's tables (5000's script).
-- =============================================================================

DROP FUNCTION catalog_grant_app_privileges(name);
ALTER FUNCTION catalog_grant_app_privileges_core(name) RENAME TO catalog_grant_app_privileges;

-- The application role's default privileges in the schema go with it.
DROP SCHEMA IF EXISTS hangfire CASCADE;
