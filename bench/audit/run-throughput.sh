#!/usr/bin/env bash
# Product-creation throughput with Audit:Enabled true vs false (8 concurrent clients), against a locally started API
# on an embedded PostgreSQL in /tmp/auditbench-db. Rounds alternate on/off to spread the noise of a shared machine.
# Usage: bench/audit/run-throughput.sh [rounds=3] [seconds=20] [clients=8]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-20}"; CLIENTS="${3:-8}"
URL="http://127.0.0.1:5092"
DATA="${AUDITBENCH_DB:-/tmp/auditbench-db}"
KEY="auditbench-signing-key-0123456789abcdef0123456789"
EMAIL="bench-admin@example.com"
PASSWORD="bench-password-123"
OUT="${AUDITBENCH_OUT:-/tmp/auditbench-results.jsonl}"

dotnet build "$ROOT/src/WebApi" -c Release -v q -nologo >/dev/null
dotnet build "$ROOT/bench/audit/AuditBench" -c Release -v q -nologo >/dev/null
: > "$OUT"

start_api() {
  if curl -fs "$URL/health/live" >/dev/null 2>&1; then echo "something already answers on $URL" >&2; exit 1; fi
  ASPNETCORE_ENVIRONMENT=Development LocalPostgres__DataDirectory="$DATA" Jwt__SigningKey="$KEY" \
  Bootstrap__AdminEmail="$EMAIL" Bootstrap__AdminPassword="$PASSWORD" RateLimiting__UserPermitsPerMinute=100000000 RateLimiting__AuthPermitsPerMinute=100000000 Seed__DemoData=false \
  Audit__Enabled="$1" Logging__LogLevel__Default=Warning \
    bash -c 'cd "$1" && exec ./bin/Release/net10.0/Catalog.WebApi --urls "$2"' _ "$ROOT/src/WebApi" "$URL" >"/tmp/auditbench-api.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "$URL/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "API did not become ready; see /tmp/auditbench-api.log" >&2; kill "$API_PID"; exit 1
}

stop_api() {
  kill "$API_PID" 2>/dev/null || true
  wait "$API_PID" 2>/dev/null || true
}

psql_bench() {
  PGPASSWORD="$(cat "$DATA/pg/superuser.password")" psql -h 127.0.0.1 -p "$(cat "$DATA/pg/port")" -U postgres -d catalog -Atc "$1"
}

for round in $(seq 1 "$ROUNDS"); do
  for enabled in true false; do
    start_api "$enabled"
    before=$(psql_bench "SELECT count(*) FROM audit_logs")
    result=$(dotnet "$ROOT/bench/audit/AuditBench/bin/Release/net10.0/Catalog.AuditBench.dll" "$URL" "$EMAIL" "$PASSWORD" "$CLIENTS" "$SECONDS_PER_RUN" 5)
    after=$(psql_bench "SELECT count(*) FROM audit_logs")
    echo "{\"round\":$round,\"auditEnabled\":$enabled,\"auditRowsWritten\":$((after - before)),\"result\":$result}" | tee -a "$OUT"
    stop_api
  done
done

python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
on = [r["result"]["requestsPerSecond"] for r in rows if r["auditEnabled"]]
off = [r["result"]["requestsPerSecond"] for r in rows if not r["auditEnabled"]]
print(f"audit on : median {statistics.median(on):.1f} req/s  runs {on}")
print(f"audit off: median {statistics.median(off):.1f} req/s  runs {off}")
print(f"ratio on/off: {statistics.median(on) / statistics.median(off):.3f}")
PY
