#!/usr/bin/env bash
# Before/after of two builds, side by side in one run (bench/ab.py):
#   bench/ab.sh BEFORE_REV AFTER_REV [--size 1m] [--only scenario ...] [--rounds 6] [--duration 8] [--warmup 3]
#               [--before-env KEY=VALUE ...] [--after-env KEY=VALUE ...] [--label name]
# One build under two configurations: bench/ab.sh HEAD HEAD --before-env OpenTelemetry__Enabled=false --label telemetry
# Needs the size loaded by the suite (bench/run.sh <size> once) and the after build able to migrate down to the before
# build's last migration (`migrate --to`). Prints a Markdown table; writes bench/results/ab-<date>/.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/ab.py "$@"
