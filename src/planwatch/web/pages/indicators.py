"""Indicators as the pages show them: the latest figure, its growth measures and the target, all read
from the plan's assessment (``planwatch.web.plans.assessments``): published figures as published, the
two-year average and the verdict against the target as the core computed them for the report too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language

from planwatch.core import wording
from planwatch.core.assess import Assessment, IndicatorRow
from planwatch.core.errors import PlanwatchError
from planwatch.core.model import Aggregation
from planwatch.core.model import Target as CoreTarget
from planwatch.core.periods import PeriodError, parse_period
from planwatch.core.targets import TargetResult
from planwatch.web.plans.models import Indicator


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
    """The growth measures of one observation, as the assessment publishes them."""

    row: IndicatorRow

    @property
    def obs(self) -> object:
        return self.row.observation

    @property
    def yoy(self) -> Decimal | None:
        return self.row.yoy

    @property
    def vs_base(self) -> Decimal | None:
        return self.row.vs_base

    @property
    def two_year_avg(self) -> Decimal | None:
        return self.row.avg_annual

    @property
    def two_year_avg_computed(self) -> bool:
        return self.row.avg_computed

    @property
    def cumulative(self) -> bool:
        return self.row.indicator.aggregation is Aggregation.CUMULATIVE

    @property
    def label(self) -> str:
        """The period in words: a month of a year-to-date series is 1-6月, of a point series 6月."""
        return period_label(self.row.period, self.cumulative)

    @property
    def base_label(self) -> str:
        return period_label(self.row.base_period, self.cumulative) if self.row.base_period else ""


@dataclass(frozen=True)
class IndicatorCard:
    indicator: Indicator
    latest: Measures | None
    target: CoreTarget | None
    assessment: Assessment

    @property
    def result(self) -> TargetResult | None:
        """The verdict against the annual target of the latest figure (``Assessment.indicator``)."""
        if self.latest is None or self.latest.row.target is None:
            return None
        try:
            return self.assessment.indicator(self.indicator.code, self.latest.row.period).target_result
        except (KeyError, PlanwatchError):
            return None

    @property
    def light(self) -> str:
        """met: target met; not_met: missed; unknown: no target or not yet decidable."""
        met = self.latest.row.target_met if self.latest is not None else None
        if met is None:
            return "unknown"
        return "met" if met else "not_met"

    @property
    def verdict(self) -> str:
        result = self.result
        if result is None:
            return ""
        return result.text_zh if (get_language() or "zh").startswith("zh") else result.text_en


def card(indicator: Indicator, a: Assessment) -> IndicatorCard:
    """The card of ``indicator``: its latest figure in the assessment and its annual target."""
    row = a.latest(indicator.code)
    return IndicatorCard(indicator, Measures(row) if row else None,
                         row.target if row and row.target else a.annual_target(indicator.code), a)


def series(indicator: Indicator, a: Assessment) -> list[Measures]:
    return [Measures(r) for r in a.series(indicator.code)]
