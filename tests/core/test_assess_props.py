"""The assessment's bulk path gives the single-figure functions' published figures, figure for figure.

GIVEN random plans — indicators of every kind, observations over months, halves and years with levels,
yoy, growth against a base and published averages (many of them landing exactly on a rounding tie, the
case floating point gets wrong), targets of every kind in the data's unit or another scale; tasks with
level, milestone, rate and growth targets, three kinds of curve, deadlines, progress in the task's unit
or another scale, thresholds in points or relative — WHEN assessed on a random date THEN every
observation's printed figures (``Assessment.row``) equal ``measures.indicator_figures`` rounded as
published, and every task's printed progress (``Assessment.state``) equals ``progress.progress_state``
rounded as published.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.core.assess import assess
from planwatch.core.errors import PlanwatchError
from planwatch.core.intervals import round_half_up
from planwatch.core.measures import MeasureError, PlanIndex, indicator_figures
from planwatch.core.model import (
    Indicator,
    IndicatorKind,
    Observation,
    Plan,
    ProgressRow,
    Region,
    Target,
    TargetKind,
    Task,
)
from planwatch.core.progress import ProgressDay, Thresholds, convention_from_settings, progress_state

D = Decimal
PERIODS = [f"{y}-{m:02d}" for y in (2019, 2020, 2021) for m in (3, 6, 9, 12)] + [
    f"{y}H{h}" for y in (2019, 2020, 2021) for h in (1, 2)] + ["2019", "2020", "2021"]
BASES = [100, 200, 400, 1000, 2000, 125, 80]


@st.composite
def decimal_pct(draw: st.DrawFn) -> Decimal:
    """A growth rate in percent with one or two decimals, often a tie-maker (x.x5) or a big fall."""
    return draw(st.one_of(
        st.integers(-995, 2000).map(lambda n: D(n).scaleb(-1)),
        st.integers(-9995, 20000).map(lambda n: D(n).scaleb(-2)),
        st.sampled_from([D("21"), D("-19"), D("44"), D("-99.9"), D("-100"), D("0"), D("10.25"), D("1.05")]),
    ))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    plan = Plan(Region("r", "区"), 2021, "计划", base_year=draw(st.sampled_from([None, 2019, 2020])))
    n_ind = draw(st.integers(1, 6))
    for i in range(n_ind):
        kind = draw(st.sampled_from(list(IndicatorKind)))
        unit = draw(st.sampled_from(["亿元", "万元", "%", "", "名"]))
        plan.indicators.append(Indicator(code=f"i{i}", name=f"指标{i}", unit=unit, kind=kind, comparable=draw(st.booleans())))
        periods = draw(st.lists(st.sampled_from(PERIODS), unique=True, max_size=8))
        base_value = D(draw(st.sampled_from(BASES)))
        for p in periods:
            value = None
            if draw(st.booleans()):
                # levels that make exact ties against a year earlier: base × (1 + m/2000)
                value = base_value * (1 + D(draw(st.integers(-400, 800))) / 2000)
            obs_unit = unit if draw(st.integers(0, 4)) else draw(st.sampled_from(["亿元", "万元", "元"]))
            plan.observations.append(Observation(
                indicator=f"i{i}", period=p, value=value, unit=obs_unit,
                yoy_pct=draw(st.none() | decimal_pct()),
                vs_base_pct=draw(st.none() | decimal_pct()),
                base_period=draw(st.sampled_from(["", "", "2019H1", "2019-06", "2019", "2020-06"])),
                avg_pct=draw(st.none() | decimal_pct())))
        for year in draw(st.lists(st.sampled_from(["2019", "2020", "2021"]), unique=True, max_size=2)):
            tk = draw(st.sampled_from(list(TargetKind)))
            plan.targets.append(Target(indicator=f"i{i}", period=year, kind=tk, value=draw(st.none() | decimal_pct()), unit=draw(st.sampled_from(["%", "亿元", "万元", "", "平方米"])),
                                       due=dt.date(2021, 9, 30)))
    n_tasks = draw(st.integers(0, 8))
    curves = ["linear", "milestones:2021-06-30=40;2021-09-30=80", "seasonal:2,5,10,18,26,35,44,54,65,76,88,100",
              "milestones:bad"]
    for t in range(n_tasks):
        tk = draw(st.sampled_from([TargetKind.LEVEL_AT_LEAST] * 5 + [TargetKind.LEVEL_AT_MOST] * 2 + [TargetKind.QUALITATIVE,
            TargetKind.MILESTONE, TargetKind.RATE_AT_LEAST, TargetKind.GROWTH_AT_LEAST, None]))
        target = draw(st.sampled_from([D(200), D(210), D(500), D(3), D("99.5")] * 3 + [None, D(0)]))
        unit = draw(st.sampled_from(["万平方米", "公顷", "张", "%"]))
        plan.tasks.append(Task(code=f"t{t}", name=f"任务{t}", area="a", lead="d", target_kind=tk, target_value=target, unit=unit,
                               deadline=draw(st.none() | st.sampled_from([dt.date(2021, 6, 30), dt.date(2021, 9, 30)])),
                               curve=draw(st.sampled_from(curves[:3] * 3 + curves[3:]))))
        for _ in range(draw(st.integers(0, 3))):
            month = draw(st.integers(1, 12) | st.integers(1, 3))
            done = D(draw(st.integers(0, 4000))).scaleb(-1)
            if target and draw(st.booleans()):  # a share done exactly on a rounding tie (x.x5%)
                done = target * (2 * D(draw(st.integers(0, 999))) + 1) / 2000
            row_unit = unit if draw(st.integers(0, 4)) else draw(st.sampled_from(["平方米", "亩", "个"]))
            plan.progress.append(ProgressRow(task=f"t{t}", as_of=dt.date(2021, month, 28), value=draw(st.none() | st.just(done)), unit=row_unit))
    mode = draw(st.sampled_from(["pp", "relative"]))
    plan.settings = {"progress_convention": draw(st.sampled_from(["days", "months"])),
                     "thresholds": {"mode": mode, "lagging": draw(st.sampled_from([10, 5, "2.5"])), "serious": 30}}
    return plan


def _published(fig: object) -> Decimal | None:
    if fig is None:
        return None
    return round_half_up(fig.value, fig.decimals) if fig.origin == "computation" else fig.value  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), on=st.dates(dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
def test_bulk_equals_single_path(plan: Plan, on: dt.date) -> None:
    a = assess(plan, "2021H1", on)
    index = PlanIndex(plan)
    for obs in plan.observations:
        row = a.row(obs.indicator, obs.period)
        assert row is not None
        try:
            f = indicator_figures(plan, obs.indicator, obs.period, index=index)
        except MeasureError:
            assert row.error, obs
            continue
        assert not row.error, obs
        assert row.value == (f.value.value if f.value else None)
        assert row.yoy == _published(f.yoy), (obs, f.yoy)
        assert row.avg_annual == _published(f.avg_annual), (obs, f.avg_annual)
        assert row.implied_between == _published(f.implied_between), obs
        met = None if f.target_result is None else f.target_result.met
        assert row.target_met == met, (obs, f.target_result)

    day = ProgressDay(on, convention_from_settings(plan.settings))
    th = Thresholds.from_settings(plan.settings)
    for task in plan.tasks:
        s = a.state(task.code)
        try:
            exact = progress_state(task, index.latest_progress(task.code, on), day, thresholds=th)
        except PlanwatchError:
            assert s.error, task
            continue
        assert not s.error, (task, s.error)
        assert s.status is exact.status, (task, s, exact)
        assert s.expected_pct == round_half_up(exact.expected_pct, 1)
        shown = None if exact.done_pct is None else round_half_up(exact.done_pct, exact.share_decimals)
        assert s.done_pct == shown, (task, s, exact)
        assert s.gap_pp == (None if exact.gap_pp is None else round_half_up(exact.gap_pp, 1)), (task, s, exact)
        assert s.forecast_met == exact.forecast_met, (task, s, exact)
        assert s.done == exact.done, (task, s, exact)


def test_ties_are_rounded_half_up_not_by_floating_point() -> None:
    """GIVEN levels 200 and 202.1 a year apart (exactly 1.05% growth, which is 1.0499… in floating point)
    THEN the yoy from levels is published as 1.1, as Decimal arithmetic rounds it."""
    plan = Plan(Region("r", "区"), 2021, "计划")
    plan.indicators.append(Indicator(code="x", name="指标", unit="亿元"))
    plan.observations += [Observation(indicator="x", period="2020H1", value=D("200"), unit="亿元"), Observation(indicator="x", period="2021H1", value=D("202.1"), unit="亿元")]
    row = assess(plan, "2021H1").row("x")
    assert row is not None and row.yoy == D("1.1") and row.yoy_from_levels


def test_task_share_on_a_tie_is_rounded_half_up() -> None:
    """GIVEN 13.7 done of 200 (exactly 6.85%, 6.8499… in floating point) THEN the share done is 6.9%."""
    plan = Plan(Region("r", "区"), 2021, "计划")
    plan.tasks.append(Task(code="t", name="任务", area="a", lead="d", target_kind=TargetKind.LEVEL_AT_LEAST, target_value=D(200),
                           unit="公顷"))
    plan.progress.append(ProgressRow(task="t", as_of=dt.date(2021, 1, 20), value=D("13.7"), unit="公顷"))
    s = assess(plan, "2021-01", dt.date(2021, 1, 20)).state("t")
    assert s.done_pct == D("6.9")
