-- repeatable: view v_db_health_indexes
-- Per index of the public schema: scans since the statistics were reset and size. never_used marks an index never
-- scanned that enforces nothing (neither unique nor a primary key): a candidate to drop, once the statistics are old
-- enough to have seen every kind of traffic. GET /admin/database.
CREATE VIEW v_db_health_indexes AS
SELECT i.relname::text AS table_name, i.indexrelname::text AS index_name, i.idx_scan AS scans,
       pg_catalog.pg_relation_size(i.indexrelid) AS bytes,
       (i.idx_scan = 0 AND NOT x.indisunique AND NOT x.indisprimary) AS never_used
  FROM pg_catalog.pg_stat_user_indexes i
  JOIN pg_catalog.pg_index x ON x.indexrelid = i.indexrelid
 WHERE i.schemaname = 'public';

COMMENT ON VIEW v_db_health_indexes IS 'Scans, size and never-used flag per public index (GET /admin/database).';
