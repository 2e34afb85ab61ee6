#!/usr/bin/env bash
# The main job: install, write the demo execution report, then serve the web app on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/planwatch demo --out demo-report
# The hotline page's tickets: a synthetic city's 2021 H1 at 20 % scale (~0.4 M tickets, a few seconds), once.
hotline_dir="${PLANWATCH_HOTLINE_TICKETS:-$(.venv/bin/python -c 'from planwatch.web.config import data_dir; print(data_dir() / "hotline")')}"
[ -e "$hotline_dir/manifest.json" ] || .venv/bin/planwatch hotline generate --period 2021H1 --scale 0.2 --out "$hotline_dir"
if .venv/bin/planwatch serve --help >/dev/null 2>&1; then
    exec .venv/bin/planwatch serve --port "${PORT:-8000}"
fi
