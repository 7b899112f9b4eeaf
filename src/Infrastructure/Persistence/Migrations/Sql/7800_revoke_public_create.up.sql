-- =============================================================================
-- Catalog: 7800_revoke_public_create (up)
--
-- Nobody but the owner creates objects in schema public (ADR-078). PostgreSQL 15 and later no longer grant CREATE
-- on public to PUBLIC in a new database, but a cluster upgraded from 14 or older, a database restored from an old
-- dump or a template someone loosened still does: then every role that can connect, catalog_app included, could
-- create tables, functions or operators there — and an object placed in public ahead of ours on a search_path is
-- the classic way to hijack another role's queries (CVE-2018-1058). Said explicitly, so it no longer depends on
-- the server version the database happened to be created under. USAGE stays: roles need it to reach the tables
-- they are granted.
-- =============================================================================

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
