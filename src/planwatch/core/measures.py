"""The derived figures of an indicator for a period, each a ``Figure`` with its provenance.

Published figures (the level, yoy growth, growth versus the base period) are taken as published.
The average annual growth is computed from the published growth versus the base period
(两年平均 = ((1 + g)^(1/2) − 1) × 100 with g versus two years back) and published with one decimal;
only where no vs-base growth is given is a published average used. A yoy growth recomputed from levels
never replaces the published one: where it disagrees beyond rounding, it becomes a soft ``Note``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

from . import growth
from .errors import PlanwatchError
from .figures import Figure, published
from .intervals import Interval, consistent
from .model import Indicator, IndicatorKind, Observation, Plan, ProgressRow, Target, TargetKind
from .periods import Period, PeriodError
from .targets import GROWTH_KINDS, TargetResult, evaluate
from .units import UnitError, compatible, convert


class MeasureError(PlanwatchError):
    """An indicator's figures that cannot be derived (a base period that does not parse, …)."""


@dataclass(frozen=True, slots=True)
class Note:
    """A soft remark about a figure: shown to the plan office, never printed as a fact."""

    kind: str  # "yoy_from_levels" | "no_observation" | "unit_mismatch"
    text_zh: str
    text_en: str
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicatorFigures:
    indicator: Indicator
    period: str
    value: Figure | None
    yoy: Figure | None
    vs_base: Figure | None
    base_period: str  # "2019H1", "" when none
    avg_annual: Figure | None  # computed from vs_base; a published avg_pct only when vs_base is blank
    implied_between: Figure | None  # growth of the years between base and a year ago (2020 vs 2019)
    target: Figure | None  # the annual target's value
    target_result: TargetResult | None
    notes: tuple[Note, ...] = field(default_factory=tuple)
    target_kind: TargetKind | None = None
    observation: Observation | None = None


class PlanLookup(Protocol):
    """The lookups the figures of an indicator need: ``PlanIndex`` builds them from a plan's lists; an
    ``Assessment`` answers them from its columns without indexing every observation again."""

    def indicator(self, code: str) -> Indicator: ...
    def observation(self, code: str, period: str) -> Observation | None: ...
    def target(self, code: str, period: str) -> Target | None: ...
    def observations_of(self, code: str) -> list[Observation]: ...


class PlanIndex:
    """Lookups over a Plan by key, built once (``Plan.observation`` scans the list each time)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.indicators = {i.code: i for i in plan.indicators}
        self.observations: dict[tuple[str, str], Observation] = {}
        self.by_indicator: dict[str, list[Observation]] = defaultdict(list)
        for obs in plan.observations:
            self.observations[(obs.indicator, obs.period)] = obs
            self.by_indicator[obs.indicator].append(obs)
        self.targets: dict[tuple[str, str], Target] = {}
        for t in plan.targets:
            self.targets.setdefault((t.indicator, t.period), t)
        self.progress: dict[str, list[ProgressRow]] = defaultdict(list)
        for row in plan.progress:
            self.progress[row.task].append(row)
        for rows in self.progress.values():
            rows.sort(key=lambda r: r.as_of)

    def indicator(self, code: str) -> Indicator:
        try:
            return self.indicators[code]
        except KeyError:
            raise KeyError(f"unknown indicator {code!r}") from None

    def observation(self, code: str, period: str) -> Observation | None:
        return self.observations.get((code, period))

    def target(self, code: str, period: str) -> Target | None:
        """The first target of indicator ``code`` for ``period`` ("2021")."""
        return self.targets.get((code, period))

    def observations_of(self, code: str) -> list[Observation]:
        return self.by_indicator.get(code, [])

    def latest_progress(self, task: str, on_or_before: dt.date | None = None) -> ProgressRow | None:
        best: ProgressRow | None = None
        for row in self.progress.get(task, ()):
            if on_or_before is not None and row.as_of > on_or_before:
                break
            best = row
        return best


def _ref(obs: Observation, column: str) -> dict[str, str]:
    return {"file": obs.source.file or "observations.csv", "row": str(obs.source.row),
            "indicator": obs.indicator, "period": obs.period, "column": column}


def _base_period(plan: Plan, obs: Observation, period: Period) -> str:
    if obs.base_period:
        return obs.base_period
    if plan.base_year is not None and plan.base_year < period.year:
        return str(period.shift_years(plan.base_year - period.year))
    return ""


def indicator_figures(plan: Plan, code: str, period: str, *, index: PlanLookup | None = None) -> IndicatorFigures:
    """Every figure of indicator ``code`` for ``period``: published ones and those derived from them.

    Raises KeyError for an unknown indicator and ``MeasureError`` for a period or base period that
    does not parse. Pass a ``PlanIndex`` when calling this for many indicators of one plan.
    """
    idx = index or PlanIndex(plan)
    ind = idx.indicator(code)
    try:
        per = Period.parse(period)
    except PeriodError as exc:
        raise MeasureError(f"indicator {code}: {exc}") from exc
    period = str(per)
    obs = idx.observation(code, period)
    target_row = idx.target(code, str(per.year))
    notes: list[Note] = []
    if obs is None:
        notes.append(Note("no_observation", f"{ind.name}{per.label_zh()}无数据", f"no figure for {ind.name_en or code} in {per.label_en()}"))
        return IndicatorFigures(ind, period, None, None, None, "", None, None, _target_figure(target_row), None,
                                tuple(notes), target_row.kind if target_row else None, None)
    name = ind.name
    value = published(obs.value, obs.unit or ind.unit, "observation", label=f"{name}", **_ref(obs, "value")) \
        if obs.value is not None else None
    yoy = published(obs.yoy_pct, "%", "observation", label=f"{name}同比增长", **_ref(obs, "yoy_pct")) \
        if obs.yoy_pct is not None else None
    vs_base = published(obs.vs_base_pct, "%", "observation", label=f"{name}比基期增长", **_ref(obs, "vs_base_pct")) \
        if obs.vs_base_pct is not None else None
    base_period = _base_period(plan, obs, per)
    years = 0
    if base_period:
        try:
            years = per.year - Period.parse(base_period).year
        except PeriodError as exc:
            raise MeasureError(
                f"{obs.source.file or 'observations.csv'} row {obs.source.row}: base_period {base_period!r} of {code}: {exc}"
            ) from exc

    avg = None
    if vs_base is not None and years >= 2:
        try:
            avg_value = growth.avg_annual(vs_base.value, years)
        except growth.GrowthError as exc:
            raise MeasureError(f"indicator {code} {period}: {exc}") from exc
        avg = Figure(avg_value, "%", 1, "computation", {"indicator": code, "period": period},
                     formula=f"((1 + {vs_base.value}%) ^ (1/{years}) − 1) × 100", inputs=(vs_base,),
                     label=f"{name}{'两' if years == 2 else years}年平均增长")
    elif vs_base is not None and years == 1:
        pass  # one year back: the vs-base growth is itself the annual growth; no average to compute
    elif obs.avg_pct is not None:
        avg = published(obs.avg_pct, "%", "observation", label=f"{name}年均增长", **_ref(obs, "avg_pct"))

    implied = None
    if vs_base is not None and yoy is not None and years >= 2:
        try:
            implied_value = growth.implied_between(vs_base.value, yoy.value)
        except growth.GrowthError:
            implied_value = None
        if implied_value is not None:
            implied = Figure(implied_value, "%", 1, "computation", {"indicator": code, "period": period},
                             formula=f"((1 + {vs_base.value}%) / (1 + {yoy.value}%) − 1) × 100",
                             inputs=(vs_base, yoy),
                             label=f"{name}{per.year - 1}年比{per.year - years}年增长")

    yoy, more = _yoy_from_levels(idx, ind, obs, per, value, yoy)
    notes += more
    target_fig = _target_figure(target_row)
    result = target_result(ind, obs, target_row, notes)
    return IndicatorFigures(ind, period, value, yoy, vs_base, base_period, avg, implied, target_fig, result,
                            tuple(notes), target_row.kind if target_row else None, obs)


def _yoy_from_levels(
    idx: PlanLookup, ind: Indicator, obs: Observation, per: Period, value: Figure | None, yoy: Figure | None
) -> tuple[Figure | None, list[Note]]:
    """Published yoy stays; a yoy from levels fills a blank (non-comparable only) or adds a note."""
    if value is None or ind.comparable or ind.kind is not IndicatorKind.LEVEL:
        return yoy, []  # comparable-basis growth is official; rates, ranks and indices have no level growth
    prev = idx.observation(ind.code, str(per.shift_years(-1)))
    if prev is None or prev.value is None or prev.value <= 0:
        return yoy, []
    prev_value = prev.value
    if prev.unit and obs.unit and prev.unit != obs.unit:
        try:
            prev_value = convert(prev.value, prev.unit, obs.unit)
        except UnitError:
            return yoy, [Note("unit_mismatch", f"{ind.name}与上年同期单位不一致（{prev.unit}、{obs.unit}）",
                              f"{ind.code}: unit differs from a year earlier ({prev.unit}, {obs.unit})")]
    prev_fig = published(prev.value, prev.unit or obs.unit, "observation", label=f"{ind.name}上年同期",
                         **_ref(prev, "value"))
    computed = Figure(growth.yoy(value.value, prev_value), "%", 1, "computation",
                      {"indicator": ind.code, "period": obs.period}, formula="(current / a year earlier − 1) × 100",
                      inputs=(value, prev_fig), label=f"{ind.name}同比增长（按总量计算）")
    if yoy is None:
        return computed, []
    iv = growth.yoy_iv(Interval.published(value.value), Interval.published(prev_value))
    if consistent(yoy.value, iv):
        return yoy, []
    return yoy, [Note(
        "yoy_from_levels",
        f"{ind.name}按总量计算同比增长{computed.rounded}%，与公布的{yoy.value}%不一致（公布值按可比口径，以公布值为准）",
        f"{ind.name_en or ind.code}: growth from levels is {computed.rounded}%, published {yoy.value}% "
        "(the published, comparable-basis figure stands)",
        (computed, yoy),
    )]


def _target_figure(target: Target | None) -> Figure | None:
    if target is None or target.value is None:
        return None
    return published(target.value, target.unit, "target", label=target.text or f"{target.indicator}目标",
                     file=target.source.file or "targets.csv", row=str(target.source.row),
                     indicator=target.indicator, period=target.period, column="value")


def target_result(ind: Indicator, obs: Observation, target: Target | None, notes: list[Note]) -> TargetResult | None:
    """Whether ``obs`` meets ``target``: growth targets read the published yoy, level and rate targets the
    level in the target's unit (a unit that cannot be converted adds a note to ``notes`` and gives None)."""
    if target is None:
        return None
    level = obs.value
    if target.kind not in GROWTH_KINDS and level is not None and target.unit and (obs.unit or ind.unit):
        unit = obs.unit or ind.unit
        if unit != target.unit:
            if not compatible(unit, target.unit):
                notes.append(Note("unit_mismatch", f"{ind.name}目标单位{target.unit}与数据单位{unit}不一致",
                                  f"{ind.code}: target unit {target.unit} does not match {unit}"))
                return None
            level = convert(level, unit, target.unit)
    return evaluate(target.kind, target.value, level=level, growth_pct=obs.yoy_pct,
                    due=target.due, unit=target.unit)


def headline(plan: Plan, period: str, *, index: PlanLookup | None = None) -> list[IndicatorFigures]:
    """Figures of the headline indicators (``headline`` true) for ``period``, in ``order``."""
    idx = index or PlanIndex(plan)
    inds = sorted((i for i in plan.indicators if i.headline), key=lambda i: i.order)
    return [indicator_figures(plan, i.code, period, index=idx) for i in inds]


__all__ = ["IndicatorFigures", "MeasureError", "Note", "PlanIndex", "PlanLookup", "headline", "indicator_figures",
           "target_result"]
