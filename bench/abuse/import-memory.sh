#!/usr/bin/env bash
# Peak memory of the API per abusive import shape (issue 22, docs/reliability.md "Import limits and memory").
# Builds the API (Release), starts it on an embedded PostgreSQL of its own, then for each shape resets the process's
# peak RSS (/proc/PID/clear_refs, needs root or the same user), sends one 32 MiB body with curl, and reports the growth
# of the peak over the resident size before the request, with the status and the time taken. A 10-row import goes
# first: it warms the write path (JIT, EF Core and Npgsql caches), so the later figures are what each request adds.
# Usage: bench/abuse/import-memory.sh [API project directory, default src/WebApi]
# SHAPES="legit-10k-rows.ndjson ..." measures only those shapes; DOTNET_* GC settings in the environment reach the API.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PROJECT="$(cd "${1:-$ROOT/src/WebApi}" && pwd)"
URL="http://127.0.0.1:5094"
DATA="${ABUSE_BENCH_DB:-/tmp/abusebench-db-$$}"
EMAIL="abuse-admin@example.com"
PASSWORD="Abuse-bench-Pa55word-$(date +%s)"
BODIES="$(mktemp -d)"
API_PID=""
stop_api() {
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi
  rm -rf "$BODIES" "$DATA"
}
trap stop_api EXIT

if curl -fs "$URL/health/live" >/dev/null 2>&1; then echo "something already answers on $URL" >&2; exit 1; fi
dotnet build "$PROJECT" -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Development LocalPostgres__DataDirectory="$DATA" \
Jwt__SigningKey="abusebench-signing-key-0123456789abcdef0123456789" \
Bootstrap__AdminEmail="$EMAIL" Bootstrap__AdminPassword="$PASSWORD" Seed__DemoData=false OpenApi__Enabled=false \
RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
  bash -c 'cd "$1" && exec ./bin/Release/net10.0/Catalog.WebApi --urls "$2"' _ "$PROJECT" "$URL" >/tmp/abusebench-api.log 2>&1 &
API_PID=$!
for _ in $(seq 1 180); do
  curl -fs "$URL/health/ready" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { echo "API exited; see /tmp/abusebench-api.log" >&2; exit 1; }
  sleep 1
done
TOKEN=$(curl -fs "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

python3 - "$BODIES" <<'PY'
import sys, os
d = sys.argv[1]
size = 33_000_000
def write(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data[:size] if len(data) > size else data)
write("blank-lines.csv", b"\n" * size)
write("blank-lines.ndjson", b"\n" * size)
write("endless-line.ndjson", b"x" * size)
write("tiny-fields.csv", b"name,price,sku\n" + b"," * size)
write("deep.ndjson", (b"[" * 100_000 + b"\n") * (size // 100_001))
row = lambda i: (b'{"name":"Legit %d","price":1,"sku":"LEGIT-%d","description":"' % (i, i) + b"d" * 3_000 + b'"}\n')
write("legit-10k-rows.ndjson", b"".join(row(i) for i in range(10_000)))
write("legit-10-rows.ndjson", b"".join(row(i) for i in range(100_000, 100_010)))
PY

status_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$API_PID/status"; }
printf '%-24s %-9s %6s %9s %12s %12s\n' shape caller status seconds rss_before_mb peak_growth_mb
for shape in ${SHAPES:-legit-10-rows.ndjson blank-lines.csv blank-lines.ndjson endless-line.ndjson tiny-fields.csv deep.ndjson legit-10k-rows.ndjson}; do
  for caller in anonymous admin; do
    case "$shape" in legit-*) [ "$caller" = anonymous ] && continue ;; esac
    case "$shape" in *.csv) type=text/csv ;; *) type=application/x-ndjson ;; esac
    auth=()
    [ "$caller" = admin ] && auth=(-H "Authorization: Bearer $TOKEN")
    sleep 2
    echo 5 > "/proc/$API_PID/clear_refs"
    before=$(status_kb VmRSS)
    start=$(date +%s.%N)
    code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H "Content-Type: $type" --data-binary "@$BODIES/$shape" "$URL/api/v1/products/import")
    end=$(date +%s.%N)
    peak=$(status_kb VmHWM)
    printf '%-24s %-9s %6s %9.2f %12.1f %12.1f\n' "$shape" "$caller" "$code" "$(echo "$end - $start" | bc)" "$(echo "$before / 1024" | bc -l)" "$(echo "($peak - $before) / 1024" | bc -l)"
  done
done
