#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL cluster for the tests and prints its database URL.
set -euo pipefail
dir="${PLANWATCH_PG_DIR:-/tmp/planwatch-pg}"
port="${PLANWATCH_PG_PORT:-55432}"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
start)
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
        as_pg "$bin/initdb" -D "$dir" -A trust -U postgres >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        as_pg "$bin/pg_ctl" -D "$dir" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" \
            -l "$dir/server.log" -w start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$port/planwatch"
    ;;
stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
