#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks (ShortRun, in process), tables copied to bench/results/micro/ for docs/performance.md.
# Usage: bench/micro.sh [BenchmarkDotNet filter, default '*']
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Benchmarks -c Release -v q -nologo >/dev/null
artifacts="$(mktemp -d)"
(cd "$artifacts" && dotnet "$OLDPWD/tests/Benchmarks/bin/Release/net10.0/Catalog.Benchmarks.dll" micro --filter "${1:-*}")
out="${BENCH_RESULTS:-bench/results}/micro"
mkdir -p "$out"
for report in "$artifacts"/BenchmarkDotNet.Artifacts/results/*-report-github.md; do
  name="$(basename "$report" -report-github.md)"
  cp "$report" "$out/${name##*.}.md"
done
python3 bench/report.py
