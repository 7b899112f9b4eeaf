-- =============================================================================
-- Catalog: 7800_revoke_public_create (down)
--
-- Gives back what a new database had before the up script: CREATE on public for PUBLIC only on servers older than
-- PostgreSQL 15, whose default that was. On 15 and later it was never granted, so nothing is given back.
-- =============================================================================

DO $$
BEGIN
    IF current_setting('server_version_num')::integer < 150000 THEN
        GRANT CREATE ON SCHEMA public TO PUBLIC;
    END IF;
END;
$$;
