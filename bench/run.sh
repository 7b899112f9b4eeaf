#!/usr/bin/env bash
# The Catalog load benchmark, one command:
#   bench/run.sh [10k] [100k] [1m] [--replica [--redis]] [--duration S] [--latency-duration S] [--warmup S] [--sustain S] [--only scenario ...] [--no-micro]
# Needs: dotnet, PostgreSQL 15 server binaries, wrk, pgbench/psql (postgresql-client), python3.
# Runs the BenchmarkDotNet micro-benchmarks first (on the still idle machine; skipped with --only or --no-micro), then
# bench/suite.py: writes bench/results/<size>.json and regenerates docs/performance.md. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }; else echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; fi
fi
micro=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-micro) micro=0 ;;
    --only|--report-only) micro=0; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
dotnet build src/WebApi -c Release -v q -nologo >/dev/null
dotnet build tests/Benchmarks -c Release -v q -nologo >/dev/null
if [ "$micro" = 1 ]; then
  echo "$(date +%H:%M:%S) micro-benchmarks (bench/micro.sh) ..."
  bench/micro.sh >/tmp/catalog-bench-micro.log 2>&1 || { echo "micro-benchmarks failed: see /tmp/catalog-bench-micro.log" >&2; exit 1; }
fi
exec python3 bench/suite.py "${args[@]}"
