-- repeatable: view v_db_health_tables
-- Per table of the public schema (audit partitions included): the statistics collector's live and dead row estimates,
-- size with indexes and TOAST, and when it was last vacuumed and analysed, by hand or by autovacuum. GET /admin/database.
CREATE VIEW v_db_health_tables AS
SELECT s.relname::text AS table_name, s.n_live_tup AS live_rows, s.n_dead_tup AS dead_rows,
       pg_catalog.pg_total_relation_size(s.relid) AS total_bytes,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze
  FROM pg_catalog.pg_stat_user_tables s
 WHERE s.schemaname = 'public';

COMMENT ON VIEW v_db_health_tables IS 'Rows, dead rows, size and last (auto)vacuum/analyze per public table (GET /admin/database).';
