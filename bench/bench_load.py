"""Load benchmark (not a timed test): 8 reporters submitting and 32 readers at once for 60 s, on SQLite and on
PostgreSQL, against `planwatch serve` on loopback with the bundled example plan (Chaoyang 2021).

- reporters: each the reporter of one department, `POST /api/tasks/{id}/submissions/` on its own tasks with a
  rising figure, as fast as answers come;
- readers: `GET` the task ledger (progress computed), the indicators (growth computed), the submissions and
  the warnings, in turn, with the tokens of the plan office and the viewer;
- baseline, run beside it in the same server: 40 clients reading `GET /api/me/` (authentication, one small
  query) for 10 s; the load's p95 is also given as a ratio to it.

Afterwards the database is asked which submissions exist: every 201 the reporters got must be a row
("lost rows" counts those missing), and every answer must have been a 2xx ("errors").
Writes docs/benchmarks-load.md.

    .venv/bin/python bench/bench_load.py [--seconds 60] [--pg URL|auto|none]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_api import Client, free_port, pg_url

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "benchmarks-load.md"
REPORTERS, READERS, BASELINE_CLIENTS, BASELINE_SECONDS = 8, 32, 40, 10.0
READS = ("/api/tasks/?page_size=50", "/api/indicators/?page_size=50", "/api/submissions/?page_size=50",
         "/api/warnings/?page_size=50")


def prepare() -> None:
    """(in a subprocess with the backend's environment) migrate, import the example, accounts, tokens."""
    from planwatch.web.bootstrap import bootstrap

    bootstrap(load_demo=False)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from planwatch.package import example_path, load
    from planwatch.web.access.tokens import issue
    from planwatch.web.plans.actor import Actor
    from planwatch.web.plans.importexport import import_package
    from planwatch.web.plans.models import Department, Membership

    plan = import_package(load(example_path()), actor=Actor.cli(), recompute=True)
    users = get_user_model().objects
    hashed = make_password("bench-load-2021")
    readers = []
    for role in ("planoffice", "viewer"):
        user = users.create(username=f"load-{role}", password=hashed)
        Membership.objects.create(user=user, plan=plan, role=role)
        readers += [issue(user)[0] for _ in range(READERS // 2)]
    reporters = []
    for dept in Department.objects.filter(plan=plan, led_tasks__isnull=False).distinct().order_by("seq")[:REPORTERS]:
        user = users.create(username=f"load-reporter-{dept.code}", password=hashed)
        Membership.objects.create(user=user, plan=plan, role="reporter", department=dept)
        tasks = []  # (task, its highest approved figure): a new cumulative figure must not be below it
        for task in dept.led_tasks.all():
            values = [s.value for s in task.submissions.filter(status="approved") if s.value is not None]
            tasks.append([task.pk, float(max(values, default=0))])
        reporters.append({"token": issue(user)[0], "tasks": tasks})
    data_dir = Path(os.environ["PLANWATCH_DATA_DIR"])
    (data_dir / "load.json").write_text(json.dumps({"readers": readers, "reporters": reporters}))


def count() -> None:
    """(in a subprocess) the ids of the submissions the reporters made."""
    import django

    django.setup()
    from planwatch.web.plans.models import Submission

    ids = list(Submission.objects.filter(note__startswith="load-").values_list("pk", flat=True))
    print(json.dumps(ids))


def _quantiles(latencies: list[float]) -> dict[str, float]:
    latencies = sorted(latencies) or [0.0]
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000, "p99_ms": q[98] * 1000}


def _run(port: int, workers: list[tuple[str, str, object]], seconds: float) -> dict[str, dict[str, object]]:
    """Each worker (kind, token, work) loops until time is up; answers per kind: latencies, errors, ids."""
    stop_at = time.perf_counter() + seconds
    out: dict[str, dict[str, object]] = {}
    lock = threading.Lock()

    def loop(n: int, kind: str, token: str, work: object) -> None:
        rnd = random.Random(n)
        client = Client(port, token)
        latencies: list[float] = []
        errors, created, step = 0, [], 0
        why: dict[str, int] = {}
        while time.perf_counter() < stop_at:
            step += 1
            if kind == "report":
                assert isinstance(work, list)
                task_id, floor = rnd.choice(work)
                body = {"value": str(int(floor) + 1 + step), "as_of": "2021-07-31", "note": f"load-{n}-{step}"}
                method, path = "POST", f"/api/tasks/{task_id}/submissions/"
            else:
                body, method, path = None, "GET", str(work) if kind == "me" else READS[step % len(READS)]
            started = time.perf_counter()
            try:
                client.conn.request(method, path, body=json.dumps(body) if body else None, headers=client.headers)
                response = client.conn.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException):
                errors += 1
                client = Client(port, token)
                continue
            latencies.append(time.perf_counter() - started)
            if response.status >= 400:
                errors += 1
                key = f"{response.status} {payload[:160].decode('utf-8', 'replace')}"
                why[key] = why.get(key, 0) + 1
            elif kind == "report":
                created.append(json.loads(payload)["id"])
        with lock:
            row = out.setdefault(kind, {"latencies": [], "errors": 0, "created": [], "why": {}})
            for key, n in why.items():
                row["why"][key] = row["why"].get(key, 0) + n  # type: ignore[index, attr-defined]
            row["latencies"].extend(latencies)  # type: ignore[attr-defined]
            row["errors"] = int(row["errors"]) + errors  # type: ignore[call-overload]
            row["created"].extend(created)  # type: ignore[attr-defined]

    threads = [threading.Thread(target=loop, args=(n, *w)) for n, w in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def bench_backend(name: str, env: dict[str, str], seconds: float) -> dict[str, object]:
    subprocess.run([sys.executable, __file__, "_prepare"], env=env, check=True, cwd=ROOT)
    meta = json.loads((Path(env["PLANWATCH_DATA_DIR"]) / "load.json").read_text())
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "planwatch", "serve", "--no-demo", "--port", str(port),
                               "--threads", str(REPORTERS + READERS)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        base = _run(port, [("me", meta["readers"][i % READERS], "/api/me/") for i in range(BASELINE_CLIENTS)],
                    BASELINE_SECONDS)["me"]
        workers = [("report", r["token"], r["tasks"]) for r in meta["reporters"]]
        workers += [("read", token, None) for token in meta["readers"]]
        load = _run(port, workers, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    ids = set(json.loads(subprocess.run([sys.executable, __file__, "_count"], env=env, check=True, cwd=ROOT,
                                        capture_output=True, text=True).stdout))
    created = load["report"]["created"]
    assert isinstance(created, list)
    row: dict[str, object] = {"backend": name, "lost_rows": len(set(created) - ids), "rows": len(created)}
    for kind, data in (("baseline", base), ("report", load["report"]), ("read", load["read"])):
        latencies = data["latencies"]
        assert isinstance(latencies, list)
        clients = {"baseline": BASELINE_CLIENTS, "report": REPORTERS, "read": READERS}[kind]
        wall = BASELINE_SECONDS if kind == "baseline" else seconds
        row[kind] = {"clients": clients, "requests": len(latencies), "errors": data["errors"],
                     "per_s": len(latencies) / wall, **_quantiles(latencies), "why": data.get("why", {})}
    return row


def write_report(rows: list[dict[str, object]], seconds: float, load_before: float) -> None:
    lines = [
        "# Load benchmark: reporters and readers at once",
        "",
        f"Written by `bench/bench_load.py` on {dt.date.today().isoformat()} (not a timed test). The bundled "
        f"example plan (Chaoyang 2021) behind `planwatch serve` (waitress, one process, {REPORTERS + READERS} "
        f"threads) on loopback; {REPORTERS} reporters (one per department, `POST /api/tasks/{{id}}/submissions/` "
        f"on their own tasks) and {READERS} readers (the task ledger, indicators, submissions and warnings "
        f"lists, 50 a page, as the plan office and the viewer) for {seconds:g} s, every client with its own "
        "token and keep-alive connection. Baseline, in the same server just before: "
        f"{BASELINE_CLIENTS} clients reading `GET /api/me/` for {BASELINE_SECONDS:g} s.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{load_before:.1f} before and {os.getloadavg()[0]:.1f} after: server, {REPORTERS + READERS} client threads "
        "and the database share the cores, so latency is mostly queueing; the figures are indicative.",
        "",
        "**errors**: answers other than 2xx and broken connections. **lost rows**: submissions answered 201 that "
        "the database does not hold afterwards.",
        "",
        "| database | clients | requests | errors | requests/s | p50 ms | p95 ms | p99 ms | p95 / baseline p95 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        base = row["baseline"]
        assert isinstance(base, dict)
        for kind, label in (("baseline", "baseline: 40 × GET /api/me/"), ("report", f"{REPORTERS} reporters"),
                            ("read", f"{READERS} readers")):
            r = row[kind]
            assert isinstance(r, dict)
            ratio = r["p95_ms"] / base["p95_ms"] if base["p95_ms"] else 0
            lines.append(f"| {row['backend']} | {label} | {r['requests']} | {r['errors']} | {r['per_s']:.1f} | "
                         f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {ratio:.1f} |")
    lines += ["", "| database | submissions answered 201 | lost rows |", "|---|---:|---:|"]
    lines += [f"| {row['backend']} | {row['rows']} | {row['lost_rows']} |" for row in rows]
    reasons = [f"- {row['backend']}, {kind}: {n} × `{why}`" for row in rows for kind in ("baseline", "report", "read")
               for why, n in row[kind]["why"].items()]  # type: ignore[index, union-attr]
    lines += ["", "Errors by answer: " + ("none." if not reasons else ""), *reasons]
    lines += ["", "Each reporter sends figures above its task's highest approved one (a lower cumulative figure "
              "would rightly be refused, 400). Every submission is a draft created and submitted in one "
              "transaction with two change-log rows; on SQLite the writers take turns (one writer at a time), "
              "on PostgreSQL they take turns on the plan's row (its data version moves with every change)."]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    if sys.argv[1:] in (["_prepare"], ["_count"]):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
        prepare() if sys.argv[1] == "_prepare" else count()
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pg", default="auto", help="PostgreSQL URL, 'auto' (scripts/postgres.sh) or 'none'")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="planwatch-load-") as tmp:
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_")}
        backends = [("SQLite", {**base_env, "PLANWATCH_DATA_DIR": str(Path(tmp) / "sqlite")})]
        url = pg_url(args.pg)
        if url:
            backends.append(("PostgreSQL", {**base_env, "PLANWATCH_DATA_DIR": str(Path(tmp) / "pg"),
                                            "PLANWATCH_DATABASE_URL": url}))
        for name, env in backends:
            rows.append(bench_backend(name, env, args.seconds))
            print(json.dumps(rows[-1], indent=1))
    write_report(rows, args.seconds, load_before)
    print(f"written {OUT}")
    return 0 if all(r["lost_rows"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
