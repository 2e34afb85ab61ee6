"""Benchmark of the pure core over a synthetic city (not a test): python bench/bench_core.py [--scale 0.1].

Builds in memory a city of 16 districts × 300 indicators × 60 months of observations (2017-01 … 2021-12,
each with a level, yoy and growth on the same month of 2019) and 5,000 tasks with monthly progress, then
times: indexing the plan, ``measures.indicator_figures`` over every (indicator, month), the same for one
month, ``progress.task_progress`` over every task, and ``rules.evaluate`` for one month with the default
rules. Prints a table and writes docs/benchmarks-core.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from planwatch.core import measures, progress, rules
from planwatch.core.model import (
    Department,
    Indicator,
    IndicatorKind,
    Observation,
    Plan,
    ProgressRow,
    Project,
    Region,
    Target,
    TargetKind,
    Task,
)

YEARS = range(2017, 2022)
ON = dt.date(2021, 6, 30)


def build_city(districts: int, indicators: int, tasks: int, seed: int = 2021) -> Plan:
    rnd = random.Random(seed)
    plan = Plan(Region("city", "示例市", "Sample City"), 2021, "示例市2021年计划", base_year=2019)
    plan.departments = [Department(code=f"d{i:02d}", name=f"第{i}区") for i in range(districts)]
    periods = [f"{y}-{m:02d}" for y in YEARS for m in range(1, 13)]
    for d in range(districts):
        for i in range(indicators):
            code = f"d{d:02d}_i{i:03d}"
            kind = IndicatorKind.RANK if i % 50 == 0 else IndicatorKind.LEVEL
            plan.indicators.append(Indicator(code=code, name=f"第{d}区指标{i}", unit="名" if kind is IndicatorKind.RANK else "亿元",
                                             kind=kind, department=f"d{d:02d}", headline=i < 9, order=i))
            level = Decimal(rnd.randint(1000, 100000)) / 10
            by_period: dict[str, Decimal] = {}
            for p in periods:
                if kind is IndicatorKind.RANK:
                    plan.observations.append(Observation(indicator=code, period=p, value=Decimal(rnd.randint(1, 16)), unit="名"))
                    continue
                level = (level * Decimal(1 + rnd.uniform(-0.02, 0.03))).quantize(Decimal("0.1"))
                by_period[p] = level
                year_s, month_s = p.split("-")
                prev = by_period.get(f"{int(year_s) - 1}-{month_s}")
                base = by_period.get(f"2019-{month_s}") if int(year_s) > 2019 else None
                yoy = ((level / prev - 1) * 100).quantize(Decimal("0.1")) if prev else None
                vs_base = ((level / base - 1) * 100).quantize(Decimal("0.1")) if base and int(year_s) > 2019 else None
                plan.observations.append(Observation(indicator=code, period=p, value=level, unit="亿元", yoy_pct=yoy, vs_base_pct=vs_base, base_period=f"2019-{month_s}" if vs_base is not None else ""))
            if i % 5 == 0 and kind is IndicatorKind.LEVEL:
                plan.targets.append(Target(indicator=code, period="2021", kind=TargetKind.GROWTH_AT_LEAST, value=Decimal(6), unit="%",
                                           text="增长6%以上"))
    curves = ["linear", "linear", "linear", "milestones:2021-06-30=40;2021-09-30=80",
              "seasonal:2,5,10,18,26,35,44,54,65,76,88,100"]
    for t in range(tasks):
        task_kinds = [TargetKind.LEVEL_AT_LEAST] * 8 + [TargetKind.LEVEL_AT_MOST, TargetKind.MILESTONE]
        tk = task_kinds[t % 10]
        target = Decimal(rnd.randint(10, 1000))
        plan.tasks.append(Task(code=f"t{t:05d}", name=f"任务{t}", area="area", lead=f"d{t % districts:02d}", target_kind=tk,
                               target_value=None if tk is TargetKind.MILESTONE else target,
                               unit="%" if tk is TargetKind.MILESTONE else "公顷",
                               deadline=dt.date(2021, 9, 30) if t % 7 == 0 else None, curve=curves[t % 5]))
        done = Decimal(0)
        for month in range(1, 7):
            if rnd.random() < 0.15:
                continue
            scale = Decimal(100) if tk is TargetKind.MILESTONE else target
            done += (scale * Decimal(rnd.uniform(0, 0.18))).quantize(Decimal("0.1"))
            plan.progress.append(ProgressRow(task=f"t{t:05d}", as_of=dt.date(2021, month, 28), value=done, unit="%" if tk is TargetKind.MILESTONE else "公顷"))
    for j in range(300):
        plan.projects.append(Project(code=f"p{j:03d}", name=f"项目{j}", category="infrastructure", lead=f"d{j % districts:02d}",
                                     planned_start=dt.date(2021, rnd.randint(1, 12), 1),
                                     actual_start=dt.date(2021, 3, 1) if j % 3 == 0 else None))
    return plan


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def peak_mb() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    except (ImportError, OSError):
        return 0.0


def machine() -> list[str]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return [f"- Python {sys.version.split()[0]} ({platform.python_implementation()}) on {platform.system()} "
            f"{platform.release()}", f"- CPU: {cpu or 'unknown'}, {os.cpu_count()} logical cores (shared with "
            "other work while measured; single-threaded code)"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the 300 indicators and 5,000 tasks")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "benchmarks-core.md"))
    args = ap.parse_args(argv)
    n_ind, n_tasks = max(1, int(300 * args.scale)), max(1, int(5000 * args.scale))

    t_build, plan_obj = timed(lambda: build_city(16, n_ind, n_tasks))
    plan = plan_obj if isinstance(plan_obj, Plan) else build_city(16, n_ind, n_tasks)
    rows: list[tuple[str, int, float]] = [("build the synthetic plan in memory", len(plan.observations), t_build)]

    t_idx, idx_obj = timed(lambda: measures.PlanIndex(plan))
    assert isinstance(idx_obj, measures.PlanIndex)
    idx = idx_obj
    rows.append(("PlanIndex(plan)", len(plan.observations), t_idx))

    pairs = [(o.indicator, o.period) for o in plan.observations]
    t_all, _ = timed(lambda: [measures.indicator_figures(plan, c, p, index=idx) for c, p in pairs])
    rows.append(("indicator_figures, every (indicator, month)", len(pairs), t_all))

    codes = [i.code for i in plan.indicators]
    t_month, _ = timed(lambda: [measures.indicator_figures(plan, c, "2021-06", index=idx) for c in codes])
    rows.append(("indicator_figures, every indicator for 2021-06", len(codes), t_month))

    sample = codes[:20]
    t_noidx, _ = timed(lambda: [measures.indicator_figures(plan, c, "2021-06") for c in sample])
    rows.append(("  same without a shared PlanIndex (per call)", len(sample), t_noidx))

    t_tasks, progresses = timed(lambda: [progress.task_progress(t, idx.latest_progress(t.code, ON), ON)
                                         for t in plan.tasks])
    rows.append(("task_progress, every task on 2021-06-30", len(plan.tasks), t_tasks))
    assert isinstance(progresses, list)
    counts = progress.summarize(progresses)

    t_rules, warnings = timed(lambda: rules.evaluate(plan, "2021-06", on=ON))
    assert isinstance(warnings, list)
    rows.append(("rules.evaluate, default rules, 2021-06 (items: warnings)", len(warnings), t_rules))

    width = max(len(r[0]) for r in rows)
    print(f"{'step'.ljust(width)}  {'items':>8}  {'seconds':>8}  {'µs/item':>9}")
    for name, n, secs in rows:
        print(f"{name.ljust(width)}  {n:>8}  {secs:>8.3f}  {secs / max(n, 1) * 1e6:>9.1f}")
    print("tasks by status:", {str(k): v for k, v in counts.items() if v})

    lines = [
        "# Benchmark of the core (bench/bench_core.py)",
        "",
        f"Measured {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} with "
        f"`python bench/bench_core.py{' --scale ' + str(args.scale) if args.scale != 1 else ''}`.",
        "",
        *machine(),
        "",
        f"Synthetic city: 16 districts × {n_ind} indicators × 60 months (2017-01 … 2021-12) = "
        f"{len(plan.observations):,} observations (level, yoy, growth on the same month of 2019), "
        f"{len(plan.targets):,} growth targets, {len(plan.tasks):,} tasks (linear, milestone and seasonal curves; "
        f"level at least / at most / milestones) with {len(plan.progress):,} progress rows, "
        f"{len(plan.projects)} projects. Everything is in memory; no I/O is timed.",
        "",
        "| step | items | seconds | µs per item |",
        "|---|---:|---:|---:|",
        *[f"| {name.strip()} | {n:,} | {secs:.3f} | {secs / max(n, 1) * 1e6:.1f} |" for name, n, secs in rows],
        "",
        "Tasks by status: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v) + "; "
        f"warnings raised: {len(warnings):,}; peak memory of the process: {peak_mb():,.0f} MB.",
        "",
        "Reading: `indicator_figures` costs tens of microseconds once the plan is indexed; without a shared",
        "`PlanIndex` every call indexes the whole plan again (the row \"same without a shared PlanIndex\"),",
        "so callers that loop over indicators (report, web pages, rules) pass one `index=`.",
        "",
    ]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
