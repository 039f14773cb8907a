#!/usr/bin/env bash
# Sets up what the tests need, checks style and import layers, and runs the tests.
#
#   scripts/test.sh [pytest arguments]         the whole suite (what .ci/run calls)
#   scripts/test.sh --fast [pytest arguments]  unit and integration tests on SQLite only: no
#                                              PostgreSQL, Redis, Chromium or app servers
#
# scripts/setup.sh installs Python packages only when pyproject.toml changed since its last
# successful run, and Debian packages only when one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

fast=false
if [ "${1:-}" = "--fast" ]; then
  fast=true
  shift
fi

scripts/setup.sh --test
export PATH="$PWD/.venv/bin:$PATH"
ruff check .
ruff format --check .
lint-imports
if ! $fast; then
  exec pytest -p no:cacheprovider "$@"
fi

# Markers come from tests/conftest.py (by folder and by fixture).
status=0
pytest -p no:cacheprovider -m "not postgres and not e2e and not server" "$@" || status=$?
echo "fast loop: $SECONDS s"
exit "$status"
