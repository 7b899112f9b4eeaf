#!/usr/bin/env bash
# Catalog commands benchmark, one command: builds the API (Release), starts it on an embedded PostgreSQL of its own
# (durable settings, as in Development: fsync and synchronous_commit on), signs in as the bootstrap admin, measures
# product-create throughput and latency with 8 concurrent clients and the rows/s of an NDJSON import (create, then
# update), writes bench/results/commands.json and stops the API.
# Usage: bench/commands/run.sh [create-requests=3000] [import-rows=10000]
# BENCH_URL=http://host:port uses an API that is already running instead (BENCH_EMAIL / BENCH_PASSWORD sign in).
# Needs curl and python3. Take figures for publication on an otherwise idle machine.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
REQUESTS="${1:-3000}"
ROWS="${2:-10000}"
EMAIL="${BENCH_EMAIL:-bench-admin@example.com}"
PASSWORD="${BENCH_PASSWORD:-bench-password-123}"
OUT="${COMMANDS_BENCH_OUT:-$ROOT/bench/results/commands.json}"
DATA="${COMMANDS_BENCH_DB:-/tmp/cmdbench-db}"
URL="${BENCH_URL:-}"
API_PID=""

stop_api() {
  if [ -n "$API_PID" ]; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
}
trap stop_api EXIT

if [ -z "$URL" ]; then
  URL="http://127.0.0.1:5093"
  if curl -fs "$URL/health/live" >/dev/null 2>&1; then echo "something already answers on $URL" >&2; exit 1; fi
  dotnet build "$ROOT/src/WebApi" -c Release -v q -nologo >/dev/null
  ASPNETCORE_ENVIRONMENT=Development LocalPostgres__DataDirectory="$DATA" \
  Jwt__SigningKey="commandsbench-signing-key-0123456789abcdef0123456789" \
  Bootstrap__AdminEmail="$EMAIL" Bootstrap__AdminPassword="$PASSWORD" Seed__DemoData=false \
  RateLimiting__UserPermitsPerMinute=100000000 RateLimiting__AuthPermitsPerMinute=100000000 Logging__LogLevel__Default=Warning \
    bash -c 'cd "$1" && exec ./bin/Release/net10.0/Catalog.WebApi --urls "$2"' _ "$ROOT/src/WebApi" "$URL" >/tmp/cmdbench-api.log 2>&1 &
  API_PID=$!
  for _ in $(seq 1 180); do
    curl -fs "$URL/health/ready" >/dev/null 2>&1 && break
    kill -0 "$API_PID" 2>/dev/null || { echo "API exited; see /tmp/cmdbench-api.log" >&2; exit 1; }
    sleep 1
  done
  curl -fs "$URL/health/ready" >/dev/null || { echo "API did not become ready; see /tmp/cmdbench-api.log" >&2; exit 1; }
fi

mkdir -p "$(dirname "$OUT")"
python3 "$(dirname "$0")/bench.py" "$URL" "$REQUESTS" "$ROWS" "$EMAIL" "$PASSWORD" "$OUT"
