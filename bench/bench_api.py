"""API benchmark: latency (p50, p95) and throughput of reads and submissions under concurrent clients.

A city-sized synthetic plan (91 departments, 5,000 tasks, 150 indicators, 600 projects) is imported into
a fresh database; ``planwatch serve`` (waitress, the production server we ship) listens on loopback;
N client threads with keep-alive connections then
- read:   GET /api/tasks/?page=k&page_size=50 as the plan office (progress computed for each task);
- submit: POST /api/tasks/{id}/submissions/ as the reporter of each task's department.
Runs on SQLite and, when a PostgreSQL URL is given (or scripts/postgres.sh is available), on PostgreSQL.
Writes docs/benchmarks-api.md.

    .venv/bin/python bench/bench_api.py [--clients 8] [--seconds 10] [--pg URL|auto|none]
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
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "benchmarks-api.md"
DEPARTMENTS, AREAS, TASKS, INDICATORS, PROJECTS = 91, 12, 5000, 150, 600
GUNICORN_WORKERS = 2


def synthetic_plan():
    from planwatch.core import model as core

    rnd = random.Random(2021)
    depts = [core.Department(code=f"d{i:02d}", name=f"部门{i}", kind="department" if i < 48 else "subdistrict")
             for i in range(DEPARTMENTS)]
    areas = [core.Area(code=f"a{i}", name=f"领域{i}", order=i) for i in range(AREAS)]
    tasks, progress = [], []
    for i in range(TASKS):
        target = Decimal(rnd.randint(50, 5000))
        code = f"t{i:04d}"
        tasks.append(core.Task(code=code, name=f"任务{i}", area=areas[i % AREAS].code, lead=depts[i % DEPARTMENTS].code,
                               parent=f"t{i - 1:04d}" if i % 10 else "", co=(depts[(i + 7) % DEPARTMENTS].code,),
                               target_kind=core.TargetKind.LEVEL_AT_LEAST, target_value=target, unit="项"))
        for month in (3, 5):
            progress.append(core.ProgressRow(task=code, as_of=dt.date(2021, month, 28 if month == 3 else 31), value=(target * Decimal(month) / Decimal(14)).quantize(Decimal("0.1")), unit="项"))
    indicators, observations = [], []
    for i in range(INDICATORS):
        indicators.append(core.Indicator(code=f"i{i:03d}", name=f"指标{i}", unit="亿元", area=areas[i % AREAS].code,
                                         department=depts[i % DEPARTMENTS].code))
        for q in ("2021Q1", "2021H1"):
            observations.append(core.Observation(indicator=f"i{i:03d}", period=q, value=Decimal(rnd.randint(100, 9999)), unit="亿元",
                                                 yoy_pct=Decimal(rnd.randint(-50, 200)) / 10,
                                                 vs_base_pct=Decimal(rnd.randint(-50, 200)) / 10,
                                                 base_period=q.replace("2021", "2019")))
    projects = [core.Project(code=f"p{i:03d}", name=f"项目{i}", category=("infrastructure", "livelihood", "high_tech")[i % 3], lead=depts[i % DEPARTMENTS].code, phase="under_construction",
                             investment_plan=Decimal(10000), investment_done=Decimal(rnd.randint(0, 9000)))
                for i in range(PROJECTS)]
    return core.Plan(region=core.Region("benchcity", "基准市"), year=2021, title="基准市2021年计划", base_year=2019,
                     settings={"as_of": "2021-06-30"}, areas=areas, departments=depts, indicators=indicators,
                     observations=observations, tasks=tasks, progress=progress, projects=projects)


def prepare() -> None:
    """(in a subprocess with the backend's environment) migrate, import, users, tokens → tokens.json."""
    from planwatch.web.bootstrap import bootstrap

    bootstrap(load_demo=False)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from planwatch.web.access.tokens import issue
    from planwatch.web.plans.actor import Actor
    from planwatch.web.plans.importexport import import_package
    from planwatch.web.plans.models import Membership

    started = time.perf_counter()
    plan = import_package(synthetic_plan(), actor=Actor.cli())
    import_s = time.perf_counter() - started
    hashed = make_password("bench")
    tokens: dict[str, str] = {}
    user_model = get_user_model()
    office = user_model.objects.create(username="planoffice", password=hashed)
    Membership.objects.create(user=office, plan=plan, role="planoffice")
    tokens["planoffice"] = issue(office)[0]
    for dept in plan.departments.all():
        user = user_model.objects.create(username=f"reporter-{dept.code}", password=hashed)
        Membership.objects.create(user=user, plan=plan, role="reporter", department=dept)
        tokens[dept.code] = issue(user)[0]
    tasks = [(t.pk, t.lead.code) for t in plan.tasks.select_related("lead")]
    data_dir = Path(os.environ["PLANWATCH_DATA_DIR"])
    (data_dir / "bench.json").write_text(json.dumps({"tokens": tokens, "tasks": tasks, "import_s": import_s}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Client:
    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, float]:
        started = time.perf_counter()
        self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=self.headers)
        response = self.conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started


def run_load(port: int, clients: int, seconds: float, make_request) -> dict[str, float]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker(n: int) -> None:
        rnd = random.Random(n)
        local: list[float] = []
        bad = 0
        client = None
        while time.perf_counter() < stop_at:
            method, path, body, token = make_request(rnd, n)
            if client is None or client.headers["Authorization"] != f"Token {token}":
                client = Client(port, token)
            try:
                status, elapsed = client.call(method, path, body)
            except (OSError, http.client.HTTPException):
                bad += 1
                client = None
                continue
            local.append(elapsed)
            if status >= 400:
                bad += 1
        with lock:
            latencies.extend(local)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"requests": len(latencies), "errors": errors[0], "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000,
            "throughput": len(latencies) / wall}


def server_command(server: str, port: int, clients: int) -> list[str]:
    if server == "gunicorn":
        return [sys.executable, "-m", "gunicorn", "--workers", str(GUNICORN_WORKERS), "--threads", "4",
                "--bind", f"127.0.0.1:{port}", "planwatch.web.wsgi:application"]
    return [sys.executable, "-m", "planwatch", "serve", "--no-demo", "--port", str(port),
            "--threads", str(max(4, clients))]


def approvals(port: int, token: str, count: int) -> dict[str, float]:
    """The plan office approves ``count`` submitted figures one after another; each approval recomputes
    the plan's warnings over the whole plan (core.rules)."""
    client = Client(port, token)
    client.conn.request("GET", f"/api/submissions/?status=submitted&page_size={count}", headers=client.headers)
    rows = [(row["id"], row["version"]) for row in json.loads(client.conn.getresponse().read())["results"]]
    latencies, errors = [], 0
    started = time.perf_counter()
    for sub_id, version in rows:
        status, elapsed = Client(port, token).call("POST", f"/api/submissions/{sub_id}/approve/",
                                                   {"version": version})
        latencies.append(elapsed)
        errors += status != 200
    wall = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"requests": len(latencies), "errors": errors, "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000,
            "throughput": len(latencies) / wall}


def bench_backend(name: str, env: dict[str, str], clients: int, seconds: float,
                  server_name: str = "waitress") -> dict[str, object]:
    meta_file = Path(env["PLANWATCH_DATA_DIR"]) / "bench.json"
    if not meta_file.exists():  # one database per backend, shared by the servers
        subprocess.run([sys.executable, __file__, "_prepare"], env=env, check=True, cwd=ROOT)
    meta = json.loads(meta_file.read_text())
    port = free_port()
    server = subprocess.Popen(server_command(server_name, port, clients), env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        tokens, tasks = meta["tokens"], meta["tasks"]
        pages = TASKS // 50

        def read(rnd: random.Random, n: int):
            return "GET", f"/api/tasks/?page={rnd.randint(1, pages)}&page_size=50", None, tokens["planoffice"]

        counters: dict[int, int] = {}

        def submit(rnd: random.Random, n: int):
            task_id, dept = tasks[rnd.randrange(len(tasks))]
            counters[n] = counters.get(n, 0) + 1
            body = {"value": str(10000 + counters[n]), "as_of": "2021-06-30", "note": "bench"}
            return "POST", f"/api/tasks/{task_id}/submissions/", body, tokens[dept]

        Client(port, tokens["planoffice"]).call("GET", "/api/tasks/?page=1")  # warm up
        results = {"read (1 client)": run_load(port, 1, min(seconds, 5.0), read),
                   "read": run_load(port, clients, seconds, read), "submit": run_load(port, clients, seconds, submit)}
        results["approve (1 client)"] = approvals(port, tokens["planoffice"], 20)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"backend": name, "server": server_name, "import_s": meta["import_s"], **results}


def have_gunicorn() -> bool:
    if sys.platform == "win32":
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def pg_url(choice: str) -> str | None:
    if choice == "none":
        return None
    if choice != "auto":
        return choice
    script = ROOT / "scripts" / "postgres.sh"
    try:
        base = subprocess.run([str(script), "start"], check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    import psycopg

    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS planwatch_bench")
        conn.execute("CREATE DATABASE planwatch_bench")
    return base.rsplit("/", 1)[0] + "/planwatch_bench"


LOAD = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)


def write_report(rows: list[dict[str, object]], clients: int, seconds: float) -> None:
    lines = [
        "# API benchmark",
        "",
        f"Written by `bench/bench_api.py` on {dt.date.today().isoformat()}. Synthetic city-sized plan: "
        f"{DEPARTMENTS} departments, {TASKS:,} tasks, {INDICATORS} indicators, {PROJECTS} projects, "
        f"{TASKS * 2:,} approved progress rows. Servers on loopback: `planwatch serve` (waitress, one process, "
        f"{max(4, clients)} threads) and gunicorn ({GUNICORN_WORKERS} processes × 4 threads); {clients} client "
        f"threads with keep-alive connections, {seconds:g} s per scenario. Each submission in the run adds to "
        "the same database, so the submit rows also measure a growing table.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{LOAD[0]:.1f} before and {os.getloadavg()[0]:.1f} after the run: the cores were shared with other work "
        "while measured, so the figures are indicative (server, clients and database on the same cores).",
        "",
        "- **read**: `GET /api/tasks/?page=k&page_size=50` as the plan office; each task's progress and status "
        "computed by `planwatch.web.plans.figures.progress_states` (`planwatch.core.progress.progress_state`, the "
        "same as the pages). **read (1 client)**: the same, one client alone (5 s).",
        "- **submit**: `POST /api/tasks/{id}/submissions/` as the reporter of the task's department "
        "(validation, optimistic locking, change log: two rows per submission).",
        "- **approve (1 client)**: `POST /api/submissions/{id}/approve/` as the plan office, one after another; "
        "each approval recomputes the task's warnings with `planwatch.core.rules`; the first one after the "
        "import computes the whole plan's (about a second: it is the p95).",
        "",
        "The server, the clients and the database share two cores, so with 8 clients the CPU is the limit: "
        "throughput stays near what one client gets and latency grows with the queue. The single-client rows "
        "show the cost of one request.",
        "",
        "| database | server | scenario | requests | errors | p50 ms | p95 ms | requests/s |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        for scenario in ("read (1 client)", "read", "submit", "approve (1 client)"):
            r = row[scenario]
            assert isinstance(r, dict)
            lines.append(f"| {row['backend']} | {row['server']} | {scenario} | {r['requests']} | {r['errors']} | "
                         f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['throughput']:.1f} |")
    imports = {str(row["backend"]): float(row["import_s"]) for row in rows}  # type: ignore[arg-type]
    lines += ["", "Import of the synthetic package (one transaction): " + ", ".join(
        f"{name} {secs:.1f} s" for name, secs in imports.items()), ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    if sys.argv[1:] == ["_prepare"]:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
        prepare()
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, choices=range(1, 33), metavar="1-32")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--pg", default="auto", help="PostgreSQL URL, 'auto' (scripts/postgres.sh) or 'none'")
    args = parser.parse_args()
    seconds = min(max(args.seconds, 1.0), 60.0)
    rows = []
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-") as tmp:
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_")}
        backends = [("SQLite", {**base_env, "PLANWATCH_DATA_DIR": str(Path(tmp) / "sqlite")})]
        url = pg_url(args.pg)
        if url:
            backends.append(("PostgreSQL", {**base_env, "PLANWATCH_DATA_DIR": str(Path(tmp) / "pg"),
                                            "PLANWATCH_DATABASE_URL": url}))
        servers = ["waitress"] + (["gunicorn"] if have_gunicorn() else [])
        for name, env in backends:
            for server in servers:
                rows.append(bench_backend(name, env, args.clients, seconds, server))
                print(json.dumps(rows[-1], indent=1))
    write_report(rows, args.clients, seconds)
    print(f"written {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
