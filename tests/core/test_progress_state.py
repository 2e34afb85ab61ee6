"""Property tests: the light ``progress_state`` (many tasks, one shared ``ProgressDay``) and the full
``task_progress`` (a fresh day per task, figures with provenance) agree on random tasks, rows and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.core.intervals import round_half_up
from planwatch.core.model import ProgressRow, TargetKind, Task
from planwatch.core.periods import Convention
from planwatch.core.progress import (
    CurveError,
    ProgressDay,
    ProgressState,
    Status,
    TaskProgress,
    Thresholds,
    expected_share,
    progress_state,
    task_progress,
)
from planwatch.core.units import UnitError

YEAR = 2021
days = st.dates(min_value=dt.date(YEAR - 1, 12, 1), max_value=dt.date(YEAR + 1, 1, 31))
in_year = st.dates(min_value=dt.date(YEAR, 1, 1), max_value=dt.date(YEAR, 12, 31))
amounts = st.decimals(min_value=-50, max_value=5000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def curves(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["linear", "milestones", "seasonal", "broken"]))
    if kind == "linear":
        return draw(st.sampled_from(["linear", "", " linear "]))
    if kind == "milestones":
        when = sorted(draw(st.lists(in_year, min_size=1, max_size=3, unique=True)))
        pcts = sorted(draw(st.lists(st.integers(0, 100), min_size=len(when), max_size=len(when))))
        return "milestones:" + ";".join(f"{d.isoformat()}={p}" for d, p in zip(when, pcts, strict=True))
    if kind == "seasonal":
        steps = sorted(draw(st.lists(st.integers(0, 100), min_size=11, max_size=11)))
        return "seasonal:" + ",".join(str(v) for v in [*steps, 100])
    return draw(st.sampled_from(["zigzag", "milestones:2021-13-01=4", "seasonal:1,2"]))


@st.composite
def tasks(draw: st.DrawFn, code: str) -> Task:
    kind = draw(st.sampled_from([None, *TargetKind]))
    target = draw(st.none() | st.decimals(min_value=-10, max_value=3000, places=1, allow_nan=False,
                                            allow_infinity=False))
    return Task(code=code, name=f"任务{code}", area="area", lead="lead", target_kind=kind, target_value=target,
                unit=draw(st.sampled_from(["万元", "个", "%"])), deadline=draw(st.none() | in_year),
                curve=draw(curves()))


@st.composite
def task_and_row(draw: st.DrawFn, code: str) -> tuple[Task, ProgressRow | None]:
    task = draw(tasks(code))
    if draw(st.booleans()):
        return task, None
    value = draw(st.none() | amounts)
    unit = draw(st.sampled_from([task.unit, "", "亿元", "个", "%"]))
    return task, ProgressRow(task=code, as_of=draw(in_year), value=value, unit=unit)


def _light_or_error(task: Task, row: ProgressRow | None, day: ProgressDay,
                    th: Thresholds) -> ProgressState | tuple[type, str]:
    try:
        return progress_state(task, row, day, thresholds=th)
    except (CurveError, UnitError) as exc:
        return type(exc), str(exc)


def _full_or_error(task: Task, row: ProgressRow | None, on: dt.date, conv: Convention,
                   th: Thresholds) -> TaskProgress | tuple[type, str]:
    try:
        return task_progress(task, row, on, convention=conv, thresholds=th)
    except (CurveError, UnitError) as exc:
        return type(exc), str(exc)


thresholds = st.builds(Thresholds, mode=st.sampled_from(["pp", "relative"]),
                       lagging=st.sampled_from([Decimal(5), Decimal(10)]),
                       serious=st.sampled_from([Decimal(20), Decimal(30)]))


@settings(max_examples=150, deadline=None)
@given(pairs=st.lists(st.integers(0, 10**6), min_size=1, max_size=8).flatmap(
           lambda ns: st.tuples(*[task_and_row(f"t{i}") for i in range(len(ns))])),
       on=days, conv=st.sampled_from(list(Convention)), th=thresholds)
def test_light_state_agrees_with_task_progress(pairs: tuple[tuple[Task, ProgressRow | None], ...], on: dt.date,
                                               conv: Convention, th: Thresholds) -> None:
    day = ProgressDay(on, conv)  # shared by all the tasks, as a page shares it
    for task, row in pairs:
        light = _light_or_error(task, row, day, th)
        full = _full_or_error(task, row, on, conv, th)
        if isinstance(full, tuple):
            assert light == full  # the same error, naming the same task
            continue
        assert not isinstance(light, tuple)
        assert light.status is full.status
        assert light.expected_pct == full.expected_share.value == expected_share(task, on, conv) * 100
        assert light.done == (full.done.value if full.done else None)
        assert light.done_pct == (full.done_share.value if full.done_share else None)
        assert light.gap_pp == (full.gap_pp.value if full.gap_pp else None)
        assert light.forecast == (full.forecast.value if full.forecast else None)
        assert (light.forecast_met, light.as_of, light.done_by) == (full.forecast_met, full.as_of, full.done_by)
        if full.done_share is not None:
            assert light.share_decimals == full.done_share.decimals
        if full.done is not None:
            assert light.done_decimals == full.done.decimals
        if light.gap_pp is not None and light.status not in (Status.DONE, Status.OVERDUE):
            # the status follows from the published gap, as the thresholds decide it
            published = round_half_up(light.gap_pp, 1)
            if light.done is not None and not (task.target_kind is TargetKind.LEVEL_AT_MOST
                                               and task.target_value is not None and light.done > task.target_value):
                assert light.status is th.classify(published, light.expected_pct)
