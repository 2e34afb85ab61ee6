#!/usr/bin/env bash
# Installs what planwatch needs on a Debian machine: system packages, then a virtual environment in .venv.
#   scripts/setup.sh          runtime only (the demo, reports, the web app)
#   scripts/setup.sh --test   also the test tools: Chromium for browser tests, PostgreSQL, pytest …
# Idempotent: a second run installs nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Debian packages. CJK fonts: Noto Serif/Sans CJK SC stand in for 宋体/小标宋 and 黑体, AR PL UKai for 楷体
# (see docs/fonts.md); Pango is what WeasyPrint lays out the PDF with.
runtime_pkgs=(python3-venv python3-dev fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-lxgw-wenkai fontconfig
              libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 shared-mime-info gettext)
test_pkgs=(chromium chromium-driver postgresql poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui
           openjdk-17-jre-headless)  # the JVM of the hotline's Spark (local mode) tests
pkgs=("${runtime_pkgs[@]}")
[ "$want_test" = 1 ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "==> installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fc-cache -f >/dev/null 2>&1 || true
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv with $($PY --version)"
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "$want_test" = 1 ]; then
    echo "==> installing planwatch with its test dependencies"
    .venv/bin/python -m pip install -q -e ".[test]"
else
    echo "==> installing planwatch"
    .venv/bin/python -m pip install -q -e .
fi
