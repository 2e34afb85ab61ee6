"""Reporting periods: years, halves, quarters and months, and how much of the year they cover.

Statistics in China are published year to date (累计值): "2021H1" GDP is January to June. A period
here is a span inside one year; ``cumulative_start`` is always 1 January. The share of the year that has
elapsed (序时进度) is computed by days (181/365 at the end of June) or by months (6/12): both are used in
practice, so the convention is a parameter.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .errors import PlanwatchError


class PeriodError(PlanwatchError):
    """A period string that does not parse."""


class Convention(StrEnum):
    DAYS = "days"
    MONTHS = "months"


class Granularity(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"


_PATTERNS: list[tuple[re.Pattern[str], Granularity]] = [
    (re.compile(r"^(\d{4})$"), Granularity.YEAR),
    (re.compile(r"^(\d{4})[Hh]([12])$"), Granularity.HALF),
    (re.compile(r"^(\d{4})[Qq]([1-4])$"), Granularity.QUARTER),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), Granularity.MONTH),
]

_MONTHS_PER = {Granularity.YEAR: 12, Granularity.HALF: 6, Granularity.QUARTER: 3, Granularity.MONTH: 1}


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A span of whole months in one year: ``year``, first month ``first`` and last month ``last``."""

    year: int
    first: int
    last: int
    granularity: Granularity

    @classmethod
    def parse(cls, text: str) -> Period:
        text = str(text).strip()
        for pattern, gran in _PATTERNS:
            m = pattern.match(text)
            if not m:
                continue
            year = int(m.group(1))
            if gran is Granularity.YEAR:
                return cls(year, 1, 12, gran)
            n = int(m.group(2))
            if gran is Granularity.MONTH and not 1 <= n <= 12:
                raise PeriodError(f"month out of range in period {text!r}")
            size = _MONTHS_PER[gran]
            return cls(year, (n - 1) * size + 1, n * size, gran)
        raise PeriodError(
            f"period {text!r} does not parse: use 2021, 2021H1, 2021Q2 or 2021-06"
        )

    def __str__(self) -> str:
        if self.granularity is Granularity.YEAR:
            return f"{self.year}"
        if self.granularity is Granularity.HALF:
            return f"{self.year}H{self.last // 6}"
        if self.granularity is Granularity.QUARTER:
            return f"{self.year}Q{self.last // 3}"
        return f"{self.year}-{self.last:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, self.last, calendar.monthrange(self.year, self.last)[1])

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    @property
    def is_cumulative(self) -> bool:
        """Whether the period starts in January, as year-to-date statistics do."""
        return self.first == 1

    def cumulative(self) -> Period:
        """The year-to-date span that ends where this period ends (2021Q2 → 2021H1, 2021-09 → Jan–Sep)."""
        gran = {12: Granularity.YEAR, 6: Granularity.HALF, 3: Granularity.QUARTER}.get(self.last, Granularity.MONTH)
        return Period(self.year, 1, self.last, gran)

    def shift_years(self, years: int) -> Period:
        """The same span ``years`` earlier (negative) or later: 2021H1 → 2019H1 with -2."""
        return Period(self.year + years, self.first, self.last, self.granularity)

    def previous(self) -> Period | None:
        """The period of the same granularity just before, inside the same year; None at the start."""
        size = self.months
        if self.first - size < 1:
            return None
        return Period(self.year, self.first - size, self.last - size, self.granularity)

    def label_zh(self) -> str:
        """2021年上半年, 2021年6月, 2021年1-9月 (``wording.period_zh``)."""
        from .wording import period_zh

        return period_zh(self)

    def label_en(self) -> str:
        """the first half of 2021, June 2021, January–September 2021 (``wording.period_en``)."""
        from .wording import period_en

        return period_en(self)


def parse_period(text: str) -> Period:
    return Period.parse(text)


def year_elapsed(on: dt.date, convention: Convention | str = Convention.DAYS) -> Decimal:
    """Share of the calendar year elapsed at the end of day ``on``, from 0 to 1.

    By days: (day of year) / (days in year), so 30 June 2021 is 181/365. By months: whole months
    completed plus the fraction of the current month, so 30 June is 6/12 exactly.
    """
    convention = Convention(convention)
    days_in_year = 366 if calendar.isleap(on.year) else 365
    if convention is Convention.DAYS:
        return Decimal(on.timetuple().tm_yday) / Decimal(days_in_year)
    month_days = calendar.monthrange(on.year, on.month)[1]
    return (Decimal(on.month - 1) + Decimal(on.day) / Decimal(month_days)) / Decimal(12)


def period_elapsed(period: Period | str, convention: Convention | str = Convention.DAYS) -> Decimal:
    """Share of the year elapsed at the end of ``period`` (0.5 for 2021H1 by months, 181/365 by days)."""
    if isinstance(period, str):
        period = Period.parse(period)
    return year_elapsed(period.end, convention)


def single_period_values(cumulative: dict[Period, Decimal]) -> dict[Period, Decimal]:
    """Turn year-to-date values of consecutive periods into single-period ones (当月值 from 累计值).

    The periods must be of one year and granularity-aligned; the first one keeps its value.
    """
    out: dict[Period, Decimal] = {}
    ordered = sorted(cumulative, key=lambda p: (p.year, p.last))
    prev: Period | None = None
    for p in ordered:
        if prev is None or prev.year != p.year:
            out[p] = cumulative[p]
        else:
            out[p] = cumulative[p] - cumulative[prev]
        prev = p
    return out
