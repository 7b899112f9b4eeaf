-- repeatable: view v_db_health_connections
-- Client connections to this database by state. PostgreSQL shows the state of a session only to its own role (and
-- to members of pg_read_all_stats): other roles' sessions count as 'not visible'. GET /admin/database.
CREATE VIEW v_db_health_connections AS
SELECT coalesce(a.state, 'not visible') AS state, count(*) AS connections
  FROM pg_catalog.pg_stat_activity a
 WHERE a.datname = pg_catalog.current_database() AND a.backend_type = 'client backend'
 GROUP BY 1;

COMMENT ON VIEW v_db_health_connections IS 'Client connections to this database by state (GET /admin/database).';
