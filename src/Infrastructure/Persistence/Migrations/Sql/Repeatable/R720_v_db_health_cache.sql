-- repeatable: view v_db_health_cache
-- The buffer cache of this database: blocks found in shared buffers and blocks read from the OS, and their ratio
-- (null before anything was read). GET /admin/database.
CREATE VIEW v_db_health_cache AS
SELECT d.blks_hit AS blocks_hit, d.blks_read AS blocks_read,
       CASE WHEN d.blks_hit + d.blks_read = 0 THEN NULL
            ELSE round(d.blks_hit::numeric / (d.blks_hit + d.blks_read), 4)::double precision END AS hit_ratio
  FROM pg_catalog.pg_stat_database d
 WHERE d.datname = pg_catalog.current_database();

COMMENT ON VIEW v_db_health_cache IS 'Buffer cache hits, reads and hit ratio of this database (GET /admin/database).';
