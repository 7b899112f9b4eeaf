#!/usr/bin/env bash
# Catalog commands benchmark: product-create throughput and latency (8 concurrent clients) and bulk-import rows/s.
# Usage: bench/commands/run.sh [base-url] [create-requests] [import-rows]
# Needs a running API (Development: embedded PostgreSQL), e.g.
#   LocalPostgres__DataDirectory=/tmp/cmdbench-db Bootstrap__AdminEmail=bench@example.com Bootstrap__AdminPassword='Bench-pass-123!' \
#   dotnet run -c Release --project src/WebApi --urls http://127.0.0.1:5091
# and curl, python3. Signs in as the bootstrap admin (BENCH_EMAIL / BENCH_PASSWORD).
set -euo pipefail
BASE="${1:-http://127.0.0.1:5091}"
REQUESTS="${2:-2000}"
ROWS="${3:-10000}"
EMAIL="${BENCH_EMAIL:-bench@example.com}"
PASSWORD="${BENCH_PASSWORD:-Bench-pass-123!}"
exec python3 "$(dirname "$0")/bench.py" "$BASE" "$REQUESTS" "$ROWS" "$EMAIL" "$PASSWORD"
