-- repeatable: view v_db_health_replication
-- Read on the read side: whether it is a replica (in recovery) and how many seconds its last replayed transaction
-- is behind now (null on a primary, or before anything was replayed). GET /admin/database.
CREATE VIEW v_db_health_replication AS
SELECT pg_catalog.pg_is_in_recovery() AS is_replica,
       CASE WHEN pg_catalog.pg_is_in_recovery()
            THEN extract(epoch FROM now() - pg_catalog.pg_last_xact_replay_timestamp())::double precision END AS lag_seconds;

COMMENT ON VIEW v_db_health_replication IS 'Whether this server is a replica and its replay lag in seconds (GET /admin/database).';
