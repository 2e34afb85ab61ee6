#!/usr/bin/env bash
# Installs the test dependencies and runs the whole suite: lint, types, tests on SQLite, then the
# database tests again on a real PostgreSQL server started here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

echo "==> ruff"
.venv/bin/ruff check src tests bench
echo "==> mypy"
.venv/bin/mypy

# the tests' own data directory: nothing read from (or left in) the user's, which the demo fills
PLANWATCH_DATA_DIR=$(mktemp -d -t planwatch-tests-XXXXXX)
export PLANWATCH_DATA_DIR
trap 'rm -rf "$PLANWATCH_DATA_DIR"' EXIT

echo "==> tests (SQLite)"
.venv/bin/pytest -n 2 -q "$@"

echo "==> database tests again on PostgreSQL"
url=$(scripts/postgres.sh start)
trap 'scripts/postgres.sh stop; rm -rf "$PLANWATCH_DATA_DIR"' EXIT
PLANWATCH_DATABASE_URL="$url" .venv/bin/pytest -n 2 -q -m "not browser" tests/web tests/pages tests/security
