-- repeatable: view v_db_health_audit_partitions
-- The monthly partitions of audit_logs (audit_logs_yyyy_mm) with the month each holds; the default partition and
-- anything attached by hand are left out. GET /admin/database and the readiness check's runway.
CREATE VIEW v_db_health_audit_partitions AS
SELECT c.relname::text AS partition_name,
       pg_catalog.to_date(substring(c.relname FROM '^audit_logs_(\d{4}_\d{2})$'), 'YYYY_MM') AS month
  FROM pg_catalog.pg_inherits i
  JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = 'public.audit_logs'::regclass
   AND c.relname ~ '^audit_logs_\d{4}_\d{2}$';

COMMENT ON VIEW v_db_health_audit_partitions IS 'Monthly audit_logs partitions and their months (GET /admin/database, readiness).';
