"""The hotline's computations over one ticket set: the entry point of the CLI, the web page and the plan.

``Analysis(source)`` opens an engine on the tickets; ``units`` gives volumes, shares, the three rates,
the score and ranks by district, 街乡, community, handling unit or category, for a span, optionally split
into days, weeks, months, quarters, halves or years; ``trend`` adds the changes against January and
against the previous month. Rankings with classes, topics, surges, overdue and repeat complaints live in
``ranking``, ``topics`` and ``complaints`` and take an ``Analysis``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import queries
from .engine import Engine, open_engine
from .figures import UnitRow, change, collect, unit_rows
from .rules import RuleBook, load_rules
from .source import TicketSource, open_tickets
from .span import Span, bucket_label, parse_span


class Analysis:
    def __init__(self, source: TicketSource | str, rules: RuleBook | None = None, engine: str | None = None,
                 master: str | None = None, engine_obj: Engine | None = None) -> None:
        self.source = open_tickets(source) if isinstance(source, str) else source
        self.rules = rules or load_rules()
        self.engine: Engine = engine_obj or open_engine(self.source, engine, master)

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Analysis:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def units(self, span: Span | str, level: str, every: str | None = None,
              filters: dict[str, str] | None = None) -> list[UnitRow]:
        span = parse_span(span) if isinstance(span, str) else span
        segments = self.rules.segments(span.start, span.end)
        rows = self.engine.query(queries.counts_sql(level, segments, every, filters))
        collected = collect(rows, segments)
        labels = {bucket: bucket_label(every, bucket, span) for bucket, _ in collected}
        return unit_rows(collected, labels)

    def total(self, span: Span | str, filters: dict[str, str] | None = None) -> UnitRow | None:
        rows = self.units(span, "city", None, filters)
        return rows[0] if rows else None

    def trend(self, year: int, month: int, level: str, filters: dict[str, str] | None = None) -> list[Trend]:
        """Each unit's months January..``month``: the figures and their changes against January and
        against the previous month (points and percent)."""
        span = parse_span(f"{year}-{month:02d}YTD")
        rows = self.units(span, level, "month", filters)
        by_unit: dict[str, list[UnitRow]] = {}
        for r in rows:
            by_unit.setdefault(r.code, []).append(r)
        out = []
        for _code, series in sorted(by_unit.items()):
            series.sort(key=lambda r: r.bucket)
            first, previous = series[0], None
            for r in series:
                out.append(Trend(r, _changes(r, first if first.bucket.endswith("-01") else None),
                                 _changes(r, previous)))
                previous = r
        return out


@dataclass
class Trend:
    row: UnitRow
    vs_start: dict[str, tuple[Decimal | None, Decimal | None]]  # measure → (points, percent)
    vs_previous: dict[str, tuple[Decimal | None, Decimal | None]]


MEASURES = ("response_rate", "resolution_rate", "satisfaction_rate", "score")


def _changes(now: UnitRow, then: UnitRow | None) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    if then is None:
        return {m: (None, None) for m in MEASURES}
    return {m: change(getattr(now.counts, m), getattr(then.counts, m)) for m in MEASURES}


def month_start(year: int, month: int, back: int = 0) -> dt.datetime:
    """The first moment of the month ``back`` months before (year, month)."""
    index = year * 12 + (month - 1) - back
    return dt.datetime(index // 12, index % 12 + 1, 1)
