"""Benchmark of the web app under 32 clients on a city-sized plan (not a test):

    .venv/bin/python bench/bench_serve.py [--scale 1.0] [--clients 32] [--seconds 20] [--db sqlite,postgres]
                                          [--servers gunicorn,serve] [--write]

The plan is bench_core's synthetic city (16 districts × 300 indicators × 60 months = 288,000
observations, 5,000 tasks with monthly progress), imported into a database of its own (SQLite in a data
directory, or a PostgreSQL database beside the one scripts/postgres.sh starts). Each server runs as it
runs in production — gunicorn with 2 workers, or ``planwatch serve`` (waitress) — and 32 client threads
on this machine request, each for ``--seconds``: the dashboard ``/``, the ledger ``/tasks/``, a page of
the task API ``/api/tasks/``, and beside them, as the yardstick measured in the same run, a bare Django
view ``/healthz`` (no database, no template). Every server process makes the plan's assessment once (the
warm-up waits for it); the requests then read it. Results go to bench/results/serve.jsonl and, with
``--write``, to docs/benchmarks-serve.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# one way to find a port and a fresh PostgreSQL database, as bench_load does
from bench_api import free_port, pg_url

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "serve.jsonl"
DOC = ROOT / "docs" / "benchmarks-serve.md"
URLS = ("/healthz", "/", "/tasks/", "/api/tasks/?page_size=50")
WORKERS = 2


def prepare(scale: float) -> None:
    """In this process's data directory: migrate, import the city, a plan office user and its session."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from bench_core import build_city
    from planwatch.core.model import Area
    from planwatch.web.plans.actor import Actor
    from planwatch.web.plans.importexport import import_package
    from planwatch.web.plans.models import Membership

    call_command("migrate", verbosity=0)
    city = build_city(16, max(1, int(300 * scale)), max(1, int(5000 * scale)))
    city.areas = [Area(code="area", name="领域")]
    started = time.perf_counter()
    plan = import_package(city, actor=Actor.cli())
    import_s = time.perf_counter() - started
    user = get_user_model().objects.create_user("bench-office", password="Bench-office-2021!")
    Membership.objects.create(user=user, plan=plan, role="planoffice")
    client = Client()  # a session made as a login makes it (the configured backend, the login's time)
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    meta = {"cookie": f"{settings.SESSION_COOKIE_NAME}={key}", "import_s": import_s,
            "observations": len(city.observations), "tasks": len(city.tasks)}
    (Path(os.environ["PLANWATCH_DATA_DIR"]) / "bench-serve.json").write_text(json.dumps(meta))


def get(port: int, path: str, cookie: str, conn: http.client.HTTPConnection | None = None
        ) -> tuple[int, float, http.client.HTTPConnection]:
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie, "Host": "localhost"})
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - started, conn


def load(port: int, path: str, cookie: str, clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker() -> None:
        mine: list[float] = []
        bad = 0
        conn = None
        while time.perf_counter() < stop_at:
            try:
                status, elapsed, conn = get(port, path, cookie, conn)
            except (OSError, http.client.HTTPException):
                bad += 1
                conn = None
                continue
            mine.append(elapsed)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0] if latencies else 0.0] * 99
    return {"requests": len(latencies), "errors": errors[0], "p50_ms": round(q[49] * 1000, 1),
            "p95_ms": round(q[94] * 1000, 1), "per_s": round(len(latencies) / wall, 1)}


def server(kind: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    if kind == "gunicorn":
        cmd = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--threads", "4", "--timeout", "600",
               "--bind", f"127.0.0.1:{port}", "planwatch.web.wsgi:application"]
    else:
        cmd = [sys.executable, "-m", "planwatch", "serve", "--no-demo", "--port", str(port)]  # its 8 threads
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def warm(port: int, cookie: str) -> float:
    """Until every server process has made the plan's assessment: answers to the dashboard come quickly."""
    started = time.perf_counter()
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    for _ in range(6):
        threads = [threading.Thread(target=lambda: get(port, "/", cookie)) for _ in range(2 * WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        answers = [get(port, "/", cookie)[:2] for _ in range(2 * WORKERS)]
        if any(status != 200 for status, _ in answers):  # not logged in, or a server error: no figures to time
            raise SystemExit(f"the dashboard answers {sorted({s for s, _ in answers})}, not 200")
        slow = max(elapsed for _, elapsed in answers)
        if slow < 1.0:
            break
    return time.perf_counter() - started


def run(db: str, servers: list[str], scale: float, clients: int, seconds: float) -> list[dict[str, object]]:
    env = {**os.environ, "PLANWATCH_DATA_DIR": tempfile.mkdtemp(prefix="planwatch-bench-serve-"),
           "PYTHONPATH": str(ROOT / "bench"), "PLANWATCH_ALLOWED_HOSTS": "localhost,127.0.0.1"}
    if db == "postgres":
        url = pg_url("auto")  # a fresh database beside the one scripts/postgres.sh starts
        if url is None:
            print("no PostgreSQL: skipped")
            return []
        env["PLANWATCH_DATABASE_URL"] = url
    else:
        env.pop("PLANWATCH_DATABASE_URL", None)
    subprocess.run([sys.executable, __file__, "_prepare", str(scale)], env=env, check=True, cwd=ROOT)
    meta = json.loads((Path(env["PLANWATCH_DATA_DIR"]) / "bench-serve.json").read_text())
    out = []
    for kind in servers:
        port = free_port()
        proc = server(kind, port, env)
        try:
            warm_s = warm(port, meta["cookie"])
            row: dict[str, object] = {"db": db, "server": kind, "clients": clients, "seconds": seconds,
                                      "warm_s": round(warm_s, 1), "observations": meta["observations"],
                                      "tasks": meta["tasks"], "load": os.getloadavg()[0],
                                      "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
            for url in URLS:
                row[url] = load(port, url, meta["cookie"], clients, seconds)
                print(db, kind, url, row[url], flush=True)
            out.append(row)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return out


def write_doc(rows: list[dict[str, object]]) -> None:
    from bench_core import machine

    lines = ["# Benchmark of the web app under load (bench/bench_serve.py)", "",
             f"Measured {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} with "
             "`python bench/bench_serve.py --write`.", "", *machine(), "",
             f"Plan: {rows[0]['observations']:,} observations, {rows[0]['tasks']:,} tasks (bench_core's city). "
             f"{rows[0]['clients']} client threads on the same machine for {rows[0]['seconds']} s per URL; "
             f"gunicorn with {WORKERS} workers × 4 threads, or `planwatch serve` (waitress, one process, its default 8 threads: more threads only add contention for the one interpreter lock). "
             "`/healthz` is a bare Django view (no database, no template) measured in the same run: the "
             "yardstick of what the server, the middleware and this machine cost by themselves.", "",
             "| database | server | URL | requests | errors | p50 ms | p95 ms | p95 / healthz p95 | per s |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        base = r["/healthz"]["p95_ms"] or 1  # type: ignore[index]
        for url in URLS:
            m = r[url]
            lines.append(f"| {r['db']} | {r['server']} | `{url}` | {m['requests']:,} | {m['errors']} | "  # type: ignore[index]
                         f"{m['p50_ms']} | {m['p95_ms']} | {m['p95_ms'] / base:.1f} | {m['per_s']} |")  # type: ignore[index]
    lines += ["", "Warm-up (every server process making the plan's assessment once): "
              + ", ".join(f"{r['db']}/{r['server']} {r['warm_s']} s" for r in rows)
              + "; load average when measured: " + ", ".join(f"{r['load']:.1f}" for r in rows) + ".", ""]
    DOC.write_text("\n".join(lines), encoding="utf-8")
    print(f"written {DOC}")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        prepare(float(sys.argv[2]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--db", default="sqlite,postgres")
    ap.add_argument("--servers", default="gunicorn,serve")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    rows = []
    for db in args.db.split(","):
        rows += run(db, args.servers.split(","), args.scale, args.clients, args.seconds)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.write and rows:
        write_doc(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
