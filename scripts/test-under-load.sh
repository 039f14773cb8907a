#!/usr/bin/env bash
# Runs the whole suite (scripts/test.sh) RUNS times in a row while scripts/cpu_burner.py keeps
# every core busy, and prints each run's result and wall time: a suite that passes only on
# a quiet machine fails here.
#
#   scripts/test-under-load.sh [RUNS] [pytest arguments]     (RUNS defaults to 3)
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
shift || true
scripts/setup.sh --test >/dev/null || exit 1
.venv/bin/python scripts/cpu_burner.py &
burner=$!
trap 'kill "$burner" 2>/dev/null' EXIT

failed=0
for run in $(seq 1 "$runs"); do
  started=$SECONDS
  if scripts/test.sh -q "$@"; then result=passed; else result=failed; failed=1; fi
  echo "under load, run $run of $runs: $result in $((SECONDS - started)) s"
done
exit "$failed"
