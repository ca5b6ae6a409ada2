#!/usr/bin/env bash
# The whole test suite: lint and types, then every test on SQLite, then the database-backed
# tests again on a throwaway PostgreSQL cluster. In CI (CI=true) PostgreSQL must be there:
# a missing server fails the run instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export CONTINGENT_HOME=${CONTINGENT_HOME:-$(mktemp -d -t contingent-test-XXXXXX)}
export CONTINGENT_SECRET_KEY=${CONTINGENT_SECRET_KEY:-test-only-secret-key-not-for-production-use-0123456789}
unset DATABASE_URL

echo "== ruff (lint) and mypy (core)"
.venv/bin/ruff check src tests bench
.venv/bin/mypy

echo "== pytest on SQLite (all tests)"
.venv/bin/pytest "$@"

echo "== pytest on PostgreSQL (database-backed tests)"
pgdir=$(mktemp -d -t contingent-pg-XXXXXX)
port=$((55000 + RANDOM % 900))
if ! url=$(bash scripts/pg-throwaway.sh start "$pgdir" "$port"); then
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is required in CI but could not be started" >&2
    exit 1
  fi
  echo "SKIPPED: PostgreSQL server not installed (apt-get install postgresql); SQLite run above is complete"
  exit 0
fi
trap 'bash scripts/pg-throwaway.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
DATABASE_URL=$url .venv/bin/pytest -m "not browser" tests/integration "$@"
