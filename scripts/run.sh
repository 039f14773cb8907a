#!/usr/bin/env bash
# Sets up the app on its embedded defaults (SQLite file, local accounts) and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
exec interview-app run --port "${PORT:-3000}" --host "${HOST:-127.0.0.1}"
