#!/usr/bin/env bash
# Sets up everything the tests need, checks style, and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/.venv/bin:$PATH"
ruff check .
ruff format --check .
exec pytest -p no:cacheprovider "$@"
