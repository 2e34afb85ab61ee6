"""What the hotline page shows, computed in one place (no Django): for a district and a month, or one of
its 街乡 or departments — this month's rates, score and rank, the trend since January, the ranking table,
the top categories with the 每月一题 candidates, the week's surges, and the overdue tickets.

Results are kept per (ticket set fingerprint, question) in a small in-process cache: a store that gains
a part gets a new fingerprint, so a load is seen at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analysis import Analysis, Trend
from .complaints import overdue_by, overdue_list
from .figures import UnitRow
from .ranking import RankRow, monthly_ranking
from .source import TicketSource, open_tickets
from .span import month_span
from .topics import Surge, surges, topics

BY = {"street": "street_code", "unit": "unit_code"}


@dataclass
class CategoryRow:
    code: str
    name: str
    tickets: int
    previous: int
    share: object
    topic: bool


@dataclass
class Dashboard:
    district: str
    district_name: str
    year: int
    month: int
    by: str
    unit: str | None
    headline: UnitRow | None
    district_rank: int | None
    districts: int
    trend: list[Trend] = field(default_factory=list)
    ranking: list[RankRow] = field(default_factory=list)
    categories: list[CategoryRow] = field(default_factory=list)
    surges: list[Surge] = field(default_factory=list)
    surge_week: dt.date | None = None
    overdue: list[dict[str, object]] = field(default_factory=list)
    overdue_count: int = 0
    tickets_in_set: int = 0
    fingerprint: str = ""
    rule_sets: list[str] = field(default_factory=list)

    @property
    def unit_name(self) -> str:
        for r in self.ranking:
            if r.row.code == self.unit:
                return r.row.name
        return self.unit or ""


def last_full_week(year: int, month: int) -> dt.date:
    """The Monday of the month's last week that ends inside the month."""
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7 + 6)


def resolve_district(path: str | Path, code: str, name: str = "") -> str | None:
    """The tickets' district code for a plan's region: by code (chaoyang), GB code (110105) or name (朝阳区)."""
    from .generate.geography import DISTRICTS

    gb = {d.gb: d.code for d in DISTRICTS}
    source = open_tickets(path)
    rows = _memo((str(path), source.fingerprint, "districts"),
                 lambda: _query(source, "SELECT DISTINCT district_code, district FROM tickets"))
    for c, n in rows:
        if c in (code, gb.get(code)) or (name and n == name):
            return str(c)
    return None


def latest_month(path: str | Path, district: str) -> tuple[int, int] | None:
    source = open_tickets(path)
    sql = f"SELECT max(accepted_at) FROM tickets WHERE district_code = '{district.replace(chr(39), '')}'"
    rows = _memo((str(path), source.fingerprint, "latest", district), lambda: _query(source, sql))
    last = rows[0][0] if rows else None
    return (last.year, last.month) if last else None


_CACHE: OrderedDict[tuple, Any] = OrderedDict()
_LOCK = threading.Lock()
_KEEP = 64


def _query(source: TicketSource, sql: str) -> list[tuple[Any, ...]]:
    with Analysis(source) as a:
        return a.engine.query(sql)


def _memo(key: tuple, compute: Callable[[], Any]) -> Any:
    """The cached answer for ``key`` (which holds the ticket set's fingerprint), computed once."""
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = compute()
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > _KEEP:
            _CACHE.popitem(last=False)
    return value


def build(path: str | Path, district: str, year: int, month: int, by: str = "street",
          unit: str | None = None) -> Dashboard:
    source = open_tickets(path)
    key = (str(path), source.fingerprint, "board", district, year, month, by, unit)
    board: Dashboard = _memo(key, lambda: _compute(source, district, year, month, by, unit))
    return board


def _compute(source: TicketSource, district: str, year: int, month: int, by: str, unit: str | None) -> Dashboard:
    span = month_span(year, month)
    scope = {"district_code": district}
    with Analysis(source) as a:
        districts = a.units(span, "district")
        mine = next((r for r in districts if r.code == district), None)
        ranking = monthly_ranking(a, year, month, by, {**scope, **({"unit_kind": "department"} if by == "unit" else {})})
        selected = dict(scope, **({BY[by]: unit} if unit else {}))
        level = by if unit else "district"
        headline = next((r for r in a.units(span, level, None, selected)), None) if unit else mine
        trend = a.trend(year, month, level, selected)
        categories = _categories(a, year, month, selected)
        week = last_full_week(year, month)
        spikes = surges(a, week, "street", selected)
        late = overdue_list(a, span, selected, limit=20)
        late_count = sum(u.count for u in overdue_by(a, span, "district", selected))
    return Dashboard(
        district=district, district_name=mine.name if mine else district, year=year, month=month, by=by, unit=unit,
        headline=headline, district_rank=mine.rank if mine and len(districts) > 1 else None,
        districts=len(districts), trend=trend, ranking=ranking, categories=categories, surges=spikes,
        surge_week=week, overdue=late, overdue_count=late_count, tickets_in_set=source.rows(),
        fingerprint=source.fingerprint, rule_sets=headline.counts.rule_sets if headline else [])


def _categories(a: Analysis, year: int, month: int, filters: dict[str, str], top: int = 10) -> list[CategoryRow]:
    now = a.units(month_span(year, month), "category3", None, filters)
    prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
    before = {r.code: r.counts.tickets for r in a.units(month_span(prev_year, prev_month), "category3", None, filters)}
    candidates = {t.category for t in topics(a, year, month, "city", filters)}
    now.sort(key=lambda r: (-r.counts.tickets, r.code))
    return [CategoryRow(r.code, r.name, r.counts.tickets, before.get(r.code, 0), r.share, r.code in candidates)
            for r in now[:top]]
