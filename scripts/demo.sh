#!/usr/bin/env bash
# The main job: install, write the demo execution report, then serve the web app on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/planwatch demo --out demo-report
if .venv/bin/planwatch serve --help >/dev/null 2>&1; then
    exec .venv/bin/planwatch serve --port "${PORT:-8000}"
fi
