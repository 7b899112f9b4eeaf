#!/usr/bin/env bash
# Audit-log query latency with 5,000,000 rows over 13 monthly partitions, in a throwaway PostgreSQL cluster.
# Builds the schema from the migrations' SQL, fills audit_logs with INSERT ... SELECT generate_series, and prints
# EXPLAIN (ANALYZE, BUFFERS) of the exact SQL GET /api/v1/audit-logs runs for a page of one resource.
# Usage: bench/audit/query-latency.sh [rows=5000000]   (needs initdb/pg_ctl; run as root it uses the postgres user)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROWS="${1:-5000000}"
DIR="${AUDITQUERY_DIR:-/tmp/auditquery-db}"
PORT="${AUDITQUERY_PORT:-55432}"
AS=(); [ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)

# REUSE=1: keep the cluster and rows of an earlier run, only print the plans again.
LOAD=1
if [ "${REUSE:-0}" = 1 ] && [ -d "$DIR/data" ]; then
  LOAD=0
else
  rm -rf "$DIR"; mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  "${AS[@]}" initdb -D "$DIR/data" -U postgres -A trust >/dev/null
fi
"${AS[@]}" pg_ctl -D "$DIR/data" -l "$DIR/postgres.log" -o "-p $PORT -k $DIR -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off -c max_wal_size=4GB" -w start >/dev/null
trap '"${AS[@]}" pg_ctl -D "$DIR/data" -m fast stop >/dev/null' EXIT
PSQL=(psql -h "$DIR" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q)
if [ "$LOAD" = 1 ]; then
"${PSQL[@]}" -d postgres -c "CREATE DATABASE audit_scratch"
for up in $(ls "$ROOT"/src/Infrastructure/Persistence/Migrations/Sql/*.up.sql | sort); do
  "${PSQL[@]}" -d audit_scratch -f "$up" >/dev/null
done

"${PSQL[@]}" -d audit_scratch <<SQL
SET maintenance_work_mem = '512MB';
-- Twelve past months beside the current and next one that the migration created: 13 months of history.
DO \$\$
DECLARE m date;
BEGIN
  FOR i IN 1..12 LOOP
    m := (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => i))::date;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_logs FOR VALUES FROM (%L) TO (%L)',
                   'audit_logs_' || to_char(m, 'YYYY_MM'), m::timestamptz, (m + interval '1 month')::timestamptz);
  END LOOP;
END \$\$;

-- Load first, index after (as a restore would): the reference indexes are recreated below.
CREATE TEMP TABLE idx AS SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_logs' AND indexname <> 'pk_audit_logs';
DO \$\$ DECLARE r record; BEGIN FOR r IN SELECT * FROM idx LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP; END \$\$;

-- 100,000 resources (product/brand/category), 200 users, 5 actions; created_at uniform over the last 395 days.
INSERT INTO audit_logs (id, user_id, action, resource_type, resource_id, changes, metadata, ip_address, user_agent,
                        request_id, duration_ms, status_code, created_at)
SELECT gen_random_uuid(),
       md5('user' || (g % 200))::uuid,
       (ARRAY['product.created','product.updated','product.deleted','brand.updated','category.updated'])[1 + g % 5],
       (ARRAY['product','product','product','brand','category'])[1 + g % 5],
       md5('resource' || (g % 100000))::uuid,
       '{"price":{"before":"10.00","after":"12.50"}}'::jsonb,
       '{}'::jsonb, '10.0.0.1'::inet, 'bench/1.0', 'req-' || g, 5 + g % 40, 200,
       now() - random() * interval '395 days'
FROM generate_series(1, $ROWS) AS g;

-- One hot resource with 20,000 entries of its own.
INSERT INTO audit_logs (user_id, action, resource_type, resource_id, metadata, status_code, created_at)
SELECT md5('user1')::uuid, 'product.updated', 'product', '00000000-0000-0000-0000-00000000a0a0', '{}', 200,
       now() - random() * interval '395 days'
FROM generate_series(1, 20000);

-- pg_indexes shows a partitioned index as "ON ONLY audit_logs"; without ONLY it is built on every partition too.
DO \$\$ DECLARE r record; BEGIN FOR r IN SELECT * FROM idx LOOP EXECUTE replace(r.indexdef, ' ON ONLY ', ' ON '); END LOOP; END \$\$;
VACUUM ANALYZE audit_logs;
SQL
fi

"${PSQL[@]}" -d audit_scratch -At -c "SELECT 'rows: ' || count(*) || ', partitions: ' || (SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_logs'::regclass) FROM audit_logs"

explain() {
  echo; echo "### $1"; echo '```'
  "${PSQL[@]}" -d audit_scratch -At -c "$2" | head -"${3:-40}"
  echo '```'
}

# The SQL of GetAuditLogsQuery with resourceType + resourceId and no time range: the last 30 days, 21 rows.
SELECT_LIST="id, user_id, action, resource_type, resource_id, changes::text, metadata::text, host(ip_address), user_agent, request_id, duration_ms, status_code, error_message, created_at"
WARM="SELECT count(*) FROM audit_logs WHERE resource_type = 'product' AND resource_id = md5('resource42')::uuid"
"${PSQL[@]}" -d audit_scratch -At -c "$WARM" >/dev/null
explain "One resource, default window (last 30 days), first page" \
  "EXPLAIN (ANALYZE, BUFFERS) SELECT $SELECT_LIST FROM audit_logs WHERE created_at >= now() - interval '30 days' AND created_at <= now() AND resource_type = 'product' AND resource_id = md5('resource42')::uuid ORDER BY created_at DESC, id DESC LIMIT 21"
explain "One resource, whole 13 months" \
  "EXPLAIN (ANALYZE, BUFFERS) SELECT $SELECT_LIST FROM audit_logs WHERE created_at >= now() - interval '400 days' AND created_at <= now() AND resource_type = 'product' AND resource_id = md5('resource42')::uuid ORDER BY created_at DESC, id DESC LIMIT 21"
explain "Hot resource (20,000 entries), default window" \
  "EXPLAIN (ANALYZE, BUFFERS) SELECT $SELECT_LIST FROM audit_logs WHERE created_at >= now() - interval '30 days' AND created_at <= now() AND resource_type = 'product' AND resource_id = '00000000-0000-0000-0000-00000000a0a0' ORDER BY created_at DESC, id DESC LIMIT 21"
explain "One user, default window" \
  "EXPLAIN (ANALYZE, BUFFERS) SELECT $SELECT_LIST FROM audit_logs WHERE created_at >= now() - interval '30 days' AND created_at <= now() AND user_id = md5('user7')::uuid ORDER BY created_at DESC, id DESC LIMIT 21"
explain "No filter, default window" \
  "EXPLAIN (ANALYZE, BUFFERS) SELECT $SELECT_LIST FROM audit_logs WHERE created_at >= now() - interval '30 days' AND created_at <= now() ORDER BY created_at DESC, id DESC LIMIT 21"

# Client-side timing over 50 different resources (psql \timing), median and max.
echo; echo "### Timing: 50 resources, default window, first page (psql round trip)"
for i in $(seq 100 149); do
  echo "\\timing on
SELECT $SELECT_LIST FROM audit_logs WHERE created_at >= now() - interval '30 days' AND created_at <= now() AND resource_type = 'product' AND resource_id = md5('resource' || $((i * 5)))::uuid ORDER BY created_at DESC, id DESC LIMIT 21;"
done | "${PSQL[@]}" -d audit_scratch -o /dev/null 2>&1 | grep -o 'Time: [0-9.]*' | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print "median " a[int((NR+1)/2)] " ms, max " a[NR] " ms over " NR " queries"}'
