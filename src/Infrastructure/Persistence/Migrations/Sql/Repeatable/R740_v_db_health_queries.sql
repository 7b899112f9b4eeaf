-- repeatable: view v_db_health_queries
-- Statements running now in this database (not idle, not the caller's own), with how long they have run and their
-- text cut at 200 characters. The text is what the client sent: the application sends parameters apart ($1, $2), so
-- no value is in it; other roles' statements are not visible to the application role. GET /admin/database.
CREATE VIEW v_db_health_queries AS
SELECT a.pid, a.application_name, a.state,
       extract(epoch FROM pg_catalog.clock_timestamp() - a.query_start)::double precision AS running_seconds,
       left(a.query, 200) AS query
  FROM pg_catalog.pg_stat_activity a
 WHERE a.datname = pg_catalog.current_database()
   AND a.backend_type = 'client backend'
   AND a.state IS NOT NULL AND a.state <> 'idle'
   AND a.query_start IS NOT NULL
   AND a.pid <> pg_catalog.pg_backend_pid();

COMMENT ON VIEW v_db_health_queries IS 'Running statements with their duration and truncated text (GET /admin/database).';
