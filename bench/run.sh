#!/usr/bin/env bash
# The Catalog load benchmark, one command: bench/run.sh [10k] [100k] [1m] [--duration S] [--sustain S] [--only scenario ...]
# Needs: dotnet, PostgreSQL 15 server binaries, wrk, pgbench/psql (postgresql-client), python3.
# Writes bench/results/<size>.json and regenerates docs/performance.md. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; fi
fi
dotnet build src/WebApi -c Release -v q -nologo >/dev/null
dotnet build tests/Benchmarks -c Release -v q -nologo >/dev/null
exec python3 bench/suite.py "$@"
