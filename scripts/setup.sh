#!/usr/bin/env bash
# Creates .venv with the locked dependencies and installs Contingent into it (editable).
# Idempotent: a second run only re-checks the lock. Needs Python 3.11 on PATH (python3.11 or python3).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)'; then
  echo "setup: Contingent needs Python 3.11; $PY is $("$PY" --version 2>&1)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $("$PY" --version)"
  "$PY" -m venv .venv
fi
# pip on some machines is configured with extra local indexes that may be absent; it says so
# once per package. Those lines are noise; every other line (and the exit status) is kept.
pip_quiet() {
  local status
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  status=${PIPESTATUS[0]}
  return "$status"
}

stamp=.venv/.lock-sha256
want=$(sha256sum requirements.lock requirements-build.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing locked dependencies (first run takes about two minutes)"
  pip_quiet --require-hashes -r requirements-build.lock
  pip_quiet --require-hashes -r requirements.lock
  pip_quiet --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi
if [ -f package.json ] && [ -f scripts/vendor-assets.sh ]; then
  bash scripts/vendor-assets.sh
fi
