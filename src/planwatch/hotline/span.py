"""Time spans of the hotline's figures: a day, a month, a quarter, a half, a year, or year to date.

A span is ``[start, end)`` in local time. ``2021``, ``2021H1``, ``2021Q2`` and ``2021-06`` are the plan's
periods (``core.periods``); ``2021-06-15`` is a day; a trailing ``YTD`` (``2021-06YTD``) runs from
1 January to the end of the period. Figures can be split into buckets of a day, an ISO week (Monday
first), a month, a quarter, a half or a year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from planwatch.core.periods import Period, PeriodError

from .errors import HotlineError

EVERY = ("day", "week", "month", "quarter", "half", "year")


@dataclass(frozen=True, slots=True)
class Span:
    start: dt.datetime
    end: dt.datetime
    label: str

    @property
    def last_day(self) -> dt.date:
        return (self.end - dt.timedelta(days=1)).date()

    def months(self) -> list[tuple[int, int]]:
        out, y, m = [], self.start.year, self.start.month
        while dt.datetime(y, m, 1) < self.end:
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def parse_span(text: str) -> Span:
    text = str(text).strip()
    ytd = text.upper().endswith("YTD")
    core = text[:-3] if ytd else text
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", core):
        try:
            day = dt.date.fromisoformat("-".join(f"{int(p):02d}" if i else p for i, p in enumerate(core.split("-"))))
        except ValueError as exc:
            raise HotlineError(f"不是有效日期 / not a valid day: {text!r}") from exc
        start = dt.datetime.combine(day, dt.time())
        end = start + dt.timedelta(days=1)
    else:
        try:
            p = Period.parse(core)
        except PeriodError as exc:
            raise HotlineError(
                f"期间 {text!r} 无法识别 / period {text!r} does not parse: use 2021, 2021H1, 2021Q2, 2021-06, "
                "2021-06-15, or add YTD (2021-06YTD)") from exc
        start = dt.datetime(p.year, p.first, 1)
        end = dt.datetime(p.year + 1, 1, 1) if p.last == 12 else dt.datetime(p.year, p.last + 1, 1)
    if ytd:
        start = dt.datetime(start.year, 1, 1)
    return Span(start, end, text)


def month_span(year: int, month: int) -> Span:
    return parse_span(f"{year}-{month:02d}")


def bucket_label(every: str | None, value: object, span: Span) -> str:
    """The label of a bucket value returned by the engines (see ``queries.bucket_sql``)."""
    if every is None:
        return span.label
    if every in ("day", "week"):
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return day.isoformat()
    n = int(str(value))
    if every == "month":
        return f"{n // 100}-{n % 100:02d}"
    if every == "quarter":
        return f"{n // 10}Q{n % 10}"
    if every == "half":
        return f"{n // 10}H{n % 10}"
    return str(n)
