"""Benchmark of the pages: p50/p95 of the dashboard and the task ledger with a city-sized plan.

    .venv/bin/python bench/bench_pages.py                     # SQLite in a temporary data directory
    PLANWATCH_DATABASE_URL=$(scripts/postgres.sh start) .venv/bin/python bench/bench_pages.py
    .venv/bin/python bench/bench_pages.py --write             # also (re)write docs/benchmarks-pages.md

The synthetic plan is the size of a big district or a small city: 91 departments (48 departments and 43
subdistricts, as in Chaoyang), 6 areas, 5,000 tasks (a city, issue 2), six monthly approved figures per task
(30,000 submissions), 60 indicators with 12 observations each, 300 key projects, 600 warnings, 40 users.
Requests go through Django's test client in this process: the full middleware, session, scoping,
template rendering; no network. On PostgreSQL a database of its own (``planwatch_bench_pages``) is
created next to the one in the URL and emptied first, and analysed after the bulk inserts. Results of every run are appended to
``bench/results/pages.jsonl`` (gitignored); ``--write`` puts the latest run of each database into
docs/benchmarks-pages.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "pages.jsonl"
DOC = ROOT / "docs" / "benchmarks-pages.md"

N_DEPTS, N_AREAS, N_TASKS, MONTHS, N_INDICATORS, N_PROJECTS, N_WARNINGS = 91, 6, 5000, 6, 60, 300, 600


def _own_postgres_database(url: str) -> str:
    """A database of this benchmark's own beside the one in ``url`` (created if missing)."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'planwatch_bench_pages'").fetchone()
        if not exists:
            conn.execute("CREATE DATABASE planwatch_bench_pages")
    return urlunsplit(parts._replace(path="/planwatch_bench_pages"))


def setup_django() -> str:
    url = os.environ.get("PLANWATCH_DATABASE_URL", "")
    if url:
        os.environ["PLANWATCH_DATABASE_URL"] = _own_postgres_database(url)
    os.environ.setdefault("PLANWATCH_DATA_DIR", tempfile.mkdtemp(prefix="planwatch-bench-pages-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    return "postgresql" if url else "sqlite"


def build() -> dict[str, object]:
    """The synthetic plan, written with bulk inserts; answers the ids the benchmark needs."""
    from django.contrib.auth import get_user_model

    from planwatch.web.plans.models import (
        Area,
        Department,
        Indicator,
        Membership,
        Observation,
        Plan,
        Project,
        Region,
        ReportingRound,
        Submission,
        Target,
        Task,
        WarningRecord,
    )

    Plan.objects.filter(region__code="benchcity").delete()  # a previous run's plan, on PostgreSQL
    Region.objects.filter(code="benchcity").delete()
    get_user_model().objects.filter(username__startswith="bench-").delete()
    region = Region.objects.create(code="benchcity", name="基准市", name_en="Bench City")
    plan = Plan.objects.create(region=region, year=2021, title="基准市2021年国民经济和社会发展计划", base_year=2019,
                               settings={"progress_convention": "days"})
    areas = Area.objects.bulk_create([Area(plan=plan, code=f"A{i}", name=f"领域{i}", seq=i) for i in range(N_AREAS)])
    depts = Department.objects.bulk_create([
        Department(plan=plan, code=f"D{i:02d}", name=f"{'街道' if i >= 48 else '部门'}{i:02d}",
                   kind="subdistrict" if i >= 48 else "department", seq=i) for i in range(N_DEPTS)])
    tasks = Task.objects.bulk_create([
        Task(plan=plan, code=f"T{i:04d}", name=f"重点任务{i:04d}：推进某项工作并完成年度目标", area=areas[i % N_AREAS],
             lead=depts[i % N_DEPTS], target_kind="level_at_least", target_value=Decimal(1000 + i), unit="个",
             target_text=f"全年完成不少于{1000 + i}个", seq=i, deadline=dt.date(2021, 12, 31))
        for i in range(N_TASKS)], batch_size=500)
    rounds = ReportingRound.objects.bulk_create([
        ReportingRound(plan=plan, label=f"2021年{m}月", period=f"2021-{m:02d}", opens=dt.date(2021, m, 1),
                       deadline=dt.date(2021, m, 28), status="closed" if m < MONTHS else "open")
        for m in range(1, MONTHS + 1)])
    subs = []
    for i, t in enumerate(tasks):
        pace = Decimal(30 + (i * 37) % 90) / 100  # 0.30 … 1.19 of time progress
        for m in range(1, MONTHS + 1):
            value = (Decimal(1000 + i) * Decimal(m) / 12 * pace).quantize(Decimal("0.1"))
            subs.append(Submission(task=t, round=rounds[m - 1], value=value, unit="个", status="approved",
                                   as_of=dt.date(2021, m, 28), seq=i * MONTHS + m))
    Submission.objects.bulk_create(subs, batch_size=2000)
    # the figures were reported during the year, not a moment ago (the pages look again at recent changes)
    Submission.objects.filter(task__plan=plan).update(updated_at=dt.datetime(2021, 7, 1, tzinfo=dt.UTC))
    inds = Indicator.objects.bulk_create([
        Indicator(plan=plan, code=f"I{i:02d}", name=f"指标{i:02d}", unit="亿元", headline=i < 8, area=areas[i % N_AREAS],
                  department=depts[i % N_DEPTS], seq=i) for i in range(N_INDICATORS)])
    Observation.objects.bulk_create([
        Observation(indicator=ind, period=f"2021-{m:02d}" if m <= 12 else "2021", value=Decimal(100 + m),
                    unit="亿元", yoy_pct=Decimal("5.2"), vs_base_pct=Decimal("9.8"), base_period=f"2019-{m:02d}",
                    seq=m) for ind in inds for m in range(1, 13)], batch_size=2000)
    Target.objects.bulk_create([Target(indicator=ind, period="2021", kind="growth_at_least", value=Decimal(6),
                                       unit="%", text="增长6%以上") for ind in inds])
    Project.objects.bulk_create([
        Project(plan=plan, code=f"P{i:03d}", name=f"重点项目{i:03d}", category="infrastructure", lead=depts[i % N_DEPTS],
                investment_plan=Decimal(10000), investment_done=Decimal(4000 + i), seq=i) for i in range(N_PROJECTS)])
    WarningRecord.objects.bulk_create([
        WarningRecord(plan=plan, rule="task_lagging", level="yellow" if i % 3 else "red", subject_type="task",
                      subject_code=tasks[i].code, department=tasks[i].lead, message=f"{tasks[i].name}滞后于序时进度")
        for i in range(N_WARNINGS)])
    users = get_user_model()
    office = users.objects.create_user("bench-office")
    Membership.objects.create(user=office, plan=plan, role="planoffice")
    reporter = users.objects.create_user("bench-reporter")
    Membership.objects.create(user=reporter, plan=plan, role="reporter", department=depts[0])
    for i in range(38):
        u = users.objects.create_user(f"bench-user{i}")
        Membership.objects.create(user=u, plan=plan, role="reporter", department=depts[1 + i])
    from django.db import connection

    if connection.vendor == "postgresql":  # statistics of the new rows, as a database in use has them
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"office": office, "reporter": reporter, "plan": plan}


def measure(client: object, url: str, n: int, before: Callable[[], None] | None = None) -> dict[str, float]:
    """Timings of ``n`` requests, after 3 warm-up requests; ``before`` runs (untimed) before each one."""
    times, cpu = [], []
    for _ in range(3):
        client.get(url)  # type: ignore[attr-defined]  # warm up
    for _ in range(n):
        if before is not None:
            before()
        t0, c0 = time.perf_counter(), time.process_time()
        resp = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert resp.status_code == 200, (url, resp.status_code)
    times.sort()
    cpu.sort()
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "max_ms": round(times[-1], 1), "cpu_p95_ms": round(cpu[int(0.95 * (len(cpu) - 1))], 1), "n": n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=40, help="requests per page (default 40)")
    ap.add_argument("--write", action="store_true", help="write docs/benchmarks-pages.md")
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    db = setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from planwatch.web.plans.assessments import forget as forget_kept
    from planwatch.web.plans.versioning import bump

    t0 = time.perf_counter()
    world = build()
    build_s = time.perf_counter() - t0
    plan = world["plan"]
    results = []
    def touch() -> None:
        """What an approval leaves behind for the pages: the plan's data version moved (its figures did not)."""
        bump(plan.pk)

    for who in ("office", "reporter"):
        client = Client()
        client.force_login(world[who])
        for name, url in (("dashboard", f"/?plan={plan.pk}"), ("ledger", "/tasks/"),  # type: ignore[attr-defined]
                          ("ledger, lagging filter", "/tasks/?status=lagging")):
            client.get(url)
            for mode, before in (("", None), (", after a change", touch), (", cold", forget_kept)):
                if before is not None:
                    before()
                with CaptureQueriesContext(connection) as ctx:
                    client.get(url)
                row = {"page": name + mode, "user": who, "queries": len(ctx.captured_queries),
                       **measure(client, url, args.n if before is None else max(5, args.n // 4), before)}
                results.append(row)
                print(f"{db:10} {who:8} {row['page']:40} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  "
                      f"cpu p95 {row['cpu_p95_ms']:7.1f} ms  queries {row['queries']}", flush=True)
    run = {"db": db, "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "build_s": round(build_s, 1),
           "python": platform.python_version(), "machine": f"{platform.machine()}, {os.cpu_count()} cpu",
           "tasks": N_TASKS, "load": [round(load_before, 1), round(os.getloadavg()[0], 1)], "results": results}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(json.dumps(run, ensure_ascii=False) + "\n")
    if args.write:
        write_doc()
    return 0


def write_doc() -> None:
    latest: dict[str, dict[str, object]] = {}
    for line in RESULTS.read_text(encoding="utf-8").splitlines():
        run = json.loads(line)
        latest[run["db"]] = run
    out = [
        "# Benchmarks: the pages",
        "",
        "Written by `bench/bench_pages.py --write` (see its docstring for how to run it). The synthetic plan:",
        f"{N_DEPTS} departments and subdistricts, {N_AREAS} areas, {N_TASKS:,} tasks with {MONTHS} approved monthly",
        f"figures each ({N_TASKS * MONTHS:,} submissions), {N_INDICATORS} indicators × 12 observations,",
        f"{N_PROJECTS} key projects, {N_WARNINGS} warnings, 40 users. Requests through Django's test client in",
        "process (middleware, session, scoping, templates; no network), after 3 warm-up requests. The ledger",
        f"shows 100 tasks a page (the plan office's {N_TASKS:,} over {N_TASKS // 100} pages, filters kept in the page",
        "links); its status filter and the dashboard's counts cover every task in scope. Every figure comes from the",
        "plan's one assessment, kept per process until the plan's data version moves (plans/assessments.py); what",
        "the pages make from it (the dashboard's figures, a page of the ledger) is rendered once per data version,",
        "viewer scope and language and kept with it (pages/fragments.py). Rows *after a change* move the data",
        "version before every request (what an approval leaves: tasks and progress read and assessed again, the",
        "indicators' columns reused); rows *cold* drop what the process keeps (a new server process): the plan is",
        "read and assessed whole. The goal of issue 6: p95 under 300 ms for the dashboard and the ledger, cold",
        "included. *CPU p95* is the processor time of this process per request (Django and the client; PostgreSQL's",
        "own work is not in it): what a request costs when it has a core to itself. Under 32 concurrent clients:",
        "docs/benchmarks-serve.md.",
        "",
    ]
    for db, run in sorted(latest.items()):
        worst = max(r["p95_ms"] for r in run["results"])  # type: ignore[attr-defined]
        out += [f"- {db}: the slowest p95 of all rows (the plan office's cold ones) is {worst} ms: the goal is "
                f"{'met' if worst < 300 else 'not met'} in this run."]
    out.append("")
    for db, run in sorted(latest.items()):
        load = run.get("load")
        load_text = f"; load average {load[0]} before, {load[1]} after" if load else ""  # type: ignore[index]
        out += [f"## {db} ({run['when']}, {run['machine']}, Python {run['python']}; data built in {run['build_s']} s"
                f"{load_text})",
                "", "| page | user | p50 ms | p95 ms | max ms | CPU p95 ms | queries | requests |",
                "|---|---|---:|---:|---:|---:|---:|---:|"]
        for r in run["results"]:  # type: ignore[attr-defined]
            out.append(f"| {r['page']} | {r['user']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
                       f"{r.get('cpu_p95_ms', '')} | {r['queries']} | {r['n']} |")
        out.append("")
    out += ["The machine is shared (2 cores, several engineers running tests at once: see the load averages), so",
            "the figures carry noise and wall times under load exceed the CPU a request needs; the query counts are",
            "exact and do not grow with the plan (tests/pages/test_query_counts.py, test_ledger_pagination.py).",
            "With 10 cold requests a row's p95 is its second-slowest and its max can pass 300 ms. The cold rows need",
            "150–220 ms of CPU; with the cores taken by other work the wall time grows with the queue (a run at",
            "load average 2.5 on 2 cores measured a cold SQLite dashboard p95 of 367 ms at 189 ms of CPU).", ""]
    DOC.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    sys.exit(main())
