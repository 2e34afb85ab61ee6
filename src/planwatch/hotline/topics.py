"""What people call about most: high-frequency topics (每月一题 candidates) and surges.

**Topics.** For a month, per 街乡 (or for the whole scope with ``group="city"``): the categories (level from
the rules, third by default) with at least ``topics.min_tickets`` tickets whose volume rose against the
previous month and whose share of the 街乡's tickets rose too; the ``topics.per_street`` largest.

**Surges.** For the ISO week (Monday to Sunday) starting ``week_start``: a category in a 街乡 surges when
its tickets that week are at least ``surge.min_tickets`` and at least ``surge.ratio`` times the mean of the
previous ``surge.weeks`` weeks (weeks without tickets count as 0; weeks before the ticket set's first
week are left out of the mean; a mean below 1 counts as 1). Compared exactly in whole numbers:
``count × weeks ≥ ratio × sum(previous)``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from . import queries
from .analysis import Analysis, month_start
from .figures import HUNDRED


@dataclass(frozen=True)
class Topic:
    group: str
    group_name: str
    category: str
    category_name: str
    tickets: int
    previous: int
    share: Decimal  # percent of the group's tickets this month
    previous_share: Decimal

    def as_dict(self) -> dict[str, object]:
        from .figures import rounded

        return {"group": self.group, "group_name": self.group_name, "category": self.category,
                "category_name": self.category_name, "tickets": self.tickets, "previous": self.previous,
                "share_pct": float(rounded(self.share) or 0), "previous_share_pct": float(rounded(self.previous_share) or 0)}


@dataclass(frozen=True)
class Surge:
    group: str
    group_name: str
    category: str
    category_name: str
    week: dt.date
    tickets: int
    baseline_mean: Decimal
    weeks: int

    def as_dict(self) -> dict[str, object]:
        from .figures import rounded

        return {"group": self.group, "group_name": self.group_name, "category": self.category,
                "category_name": self.category_name, "week": self.week.isoformat(), "tickets": self.tickets,
                "baseline_mean": float(rounded(self.baseline_mean) or 0), "baseline_weeks": self.weeks}


def topics(analysis: Analysis, year: int, month: int, group: str = "street",
           filters: dict[str, str] | None = None) -> list[Topic]:
    rules = analysis.rules.at(dt.date(year, month, 1))
    start, end = month_start(year, month, 1), month_start(year, month, -1)
    rows = analysis.engine.query(queries.category_counts_sql(rules.topic_level, group, start, end, "month", filters))
    this, prev = year * 100 + month, int(f"{start:%Y%m}")
    counts: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    names: dict[str, str] = {}
    cnames: dict[str, str] = {}
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for gcode, gname, ccode, cname, bucket, tickets in rows:
        g, c, b = str(gcode), str(ccode), int(bucket)
        counts[(g, c)][b] = int(tickets)
        totals[(g, b)] += int(tickets)
        names[g], cnames[c] = str(gname), str(cname)
    found: dict[str, list[Topic]] = defaultdict(list)
    for (g, c), by_month in counts.items():
        now, before = by_month.get(this, 0), by_month.get(prev, 0)
        if now < rules.topic_min_tickets or now <= before or not totals[(g, prev)]:
            continue
        share = Decimal(now) * HUNDRED / totals[(g, this)]
        previous_share = Decimal(before) * HUNDRED / totals[(g, prev)]
        if share > previous_share:
            found[g].append(Topic(g, names[g], c, cnames[c], now, before, share, previous_share))
    out: list[Topic] = []
    for g in sorted(found):
        out += sorted(found[g], key=lambda t: (-t.tickets, t.category))[: rules.topics_per_street]
    return out


def surges(analysis: Analysis, week_start: dt.date, group: str = "street",
           filters: dict[str, str] | None = None) -> list[Surge]:
    week_start = week_start - dt.timedelta(days=week_start.weekday())
    rules = analysis.rules.at(week_start)
    k = rules.surge_weeks
    start = dt.datetime.combine(week_start - dt.timedelta(weeks=k), dt.time())
    end = dt.datetime.combine(week_start + dt.timedelta(weeks=1), dt.time())
    first = _first_week(analysis, filters)
    baseline = [week_start - dt.timedelta(weeks=i) for i in range(1, k + 1)]
    baseline = [w for w in baseline if first is None or w >= first]
    rows = analysis.engine.query(queries.category_counts_sql(rules.topic_level, group, start, end, "week", filters))
    weekly: dict[tuple[str, str], dict[dt.date, int]] = defaultdict(dict)
    names: dict[str, str] = {}
    cnames: dict[str, str] = {}
    for gcode, gname, ccode, cname, bucket, tickets in rows:
        day = bucket if isinstance(bucket, dt.date) else dt.date.fromisoformat(str(bucket))
        weekly[(str(gcode), str(ccode))][day] = int(tickets)
        names[str(gcode)], cnames[str(ccode)] = str(gname), str(cname)
    out = []
    n = len(baseline)
    for (g, c), by_week in weekly.items():
        now = by_week.get(week_start, 0)
        if now < rules.surge_min_tickets or n == 0:
            continue
        total = sum(by_week.get(w, 0) for w in baseline)
        if now * n >= rules.surge_ratio * max(total, n):
            out.append(Surge(g, names[g], c, cnames[c], week_start, now, Decimal(total) / n, n))
    out.sort(key=lambda s: (-s.tickets, s.group, s.category))
    return out


def _first_week(analysis: Analysis, filters: dict[str, str] | None) -> dt.date | None:
    where = " AND ".join(f"{c} = {queries.quote(v)}" for c, v in sorted((filters or {}).items())) or "TRUE"
    rows = analysis.engine.query(f"SELECT CAST(min(accepted_at) AS DATE) FROM tickets WHERE {where}")
    first = rows[0][0] if rows else None
    if first is None:
        return None
    first = first if isinstance(first, dt.date) else dt.date.fromisoformat(str(first))
    return first - dt.timedelta(days=first.weekday())
