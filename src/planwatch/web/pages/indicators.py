"""Indicators as the pages show them: the latest figure, its growth measures and the target.

Published figures are shown as published; the two-year average, where not published, is computed by
the core (``growth.avg_annual`` over the growth versus the base period) and written half up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language

from planwatch.core import growth, wording
from planwatch.core.intervals import round_half_up
from planwatch.core.model import TargetKind
from planwatch.core.periods import PeriodError, parse_period
from planwatch.core.targets import TargetResult, evaluate
from planwatch.web.plans.models import Indicator, Observation, Target


def period_key(period: str) -> tuple[int, int, int]:
    """Sort key of a period: by its end, then by length (2021H1 after 2021-06)."""
    try:
        p = parse_period(period)
    except (PeriodError, ValueError):
        return (0, 0, 0)
    return (p.end.toordinal(), -p.start.toordinal(), 0)


def period_label(period: str, cumulative: bool = True) -> str:
    """2021H1 → 2021年上半年 (English: H1 2021); a month of a year-to-date series 2021-06 → 2021年1-6月,
    of a point series (``cumulative=False``) 2021年6月. Written by ``core.wording``."""
    try:
        p = parse_period(period)
    except PeriodError:
        return period
    if (get_language() or "zh-hans").startswith("zh"):
        return wording.period_zh(p, cumulative=cumulative)
    return wording.period_en(p, cumulative=cumulative, short=True)


def measure_label(kind: str, base_period: str = "") -> str:
    """The label a growth measure is written after, as a statistician says it: 同比 / 两年平均 / 比2019年上半年.

    The value that follows carries the verb (增长13.5%, 下降0.5%; see ``pages_tags.growth``), so the label
    has none: "同比 下降5.16%", never "同比增长 -5.16%". English: Year on year / Two-year average / Against 2019H1.
    """
    zh = (get_language() or "zh-hans").startswith("zh")
    if kind == "yoy":
        return "同比" if zh else "Year on year"
    if kind == "two_year":
        return "两年平均" if zh else "Two-year average"
    if kind == "vs_base":
        if not base_period:
            return "比基期" if zh else "Against the base period"
        return f"比{period_label(base_period)}" if zh else f"Against {period_label(base_period)}"
    raise ValueError(f"unknown growth measure {kind!r}")


@dataclass(frozen=True)
class Measures:
    """The growth measures of one observation."""

    obs: Observation
    years: int | None  # years between the period and its base period
    two_year_avg: Decimal | None  # published, or computed and rounded to the decimals of vs_base
    two_year_avg_computed: bool

    @property
    def yoy(self) -> Decimal | None:
        return self.obs.yoy_pct

    @property
    def vs_base(self) -> Decimal | None:
        return self.obs.vs_base_pct


def measures(obs: Observation) -> Measures:
    years = None
    if obs.base_period:
        try:
            years = parse_period(obs.period).year - parse_period(obs.base_period).year
        except (PeriodError, ValueError):
            years = None
    if obs.avg_pct is not None:
        return Measures(obs, years, obs.avg_pct, False)
    if obs.vs_base_pct is not None and years and years > 0:
        decimals = max(1, -int(obs.vs_base_pct.as_tuple().exponent))
        try:
            avg = round_half_up(growth.avg_annual(obs.vs_base_pct, years), decimals)
        except growth.GrowthError:
            return Measures(obs, years, None, False)
        return Measures(obs, years, avg, True)
    return Measures(obs, years, None, False)


@dataclass(frozen=True)
class IndicatorCard:
    indicator: Indicator
    latest: Measures | None
    target: Target | None
    result: TargetResult | None

    @property
    def light(self) -> str:
        """green: target met; red: missed; grey: no target or not yet decidable."""
        if self.result is None or self.result.met is None:
            return "unknown"
        return "met" if self.result.met else "not_met"

    @property
    def verdict(self) -> str:
        if self.result is None:
            return ""
        return self.result.text_zh if (get_language() or "zh").startswith("zh") else self.result.text_en


def latest_observation(observations: Iterable[Observation]) -> Observation | None:
    best = None
    for o in observations:
        if best is None or period_key(o.period) > period_key(best.period):
            best = o
    return best


def judge(indicator: Indicator, obs: Observation | None, target: Target | None) -> TargetResult | None:
    if target is None or obs is None or not target.kind:
        return None
    kind = TargetKind(target.kind)
    if kind is TargetKind.MILESTONE:
        return None
    return evaluate(kind, target.value, level=obs.value, growth_pct=obs.yoy_pct, unit=target.unit or indicator.unit)


def card(indicator: Indicator, year: int) -> IndicatorCard:
    """Needs ``observations`` and ``targets`` prefetched."""
    obs = latest_observation(indicator.observations.all())
    target = next((t for t in indicator.targets.all() if t.period == str(year)), None)
    return IndicatorCard(indicator, measures(obs) if obs else None, target, judge(indicator, obs, target))
