"""Overdue tickets and repeat complaints.

**Overdue** (超期): a ticket accepted in the span with a deadline (``due_at``) that was closed after it, or
is still open past it at ``as_of`` (the end of the span by default).

**Repeat complaints** (重复投诉): a complaint (``appeal_type = complaint``) whose caller raised a ticket
about the same address within the rule set's ``repeat_days`` (30) before it; the look-back reaches
before the span, so a repeat on its first day is found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import queries
from .analysis import Analysis
from .figures import HUNDRED, rounded
from .span import Span


@dataclass(frozen=True)
class UnitShare:
    code: str
    name: str
    total: int  # tickets (overdue) or complaints (repeats)
    count: int

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.count) * HUNDRED / self.total if self.total else None

    def as_dict(self) -> dict[str, object]:
        s = rounded(self.share)
        return {"unit": self.code, "name": self.name, "total": self.total, "count": self.count,
                "share_pct": None if s is None else float(s)}


def overdue_list(analysis: Analysis, span: Span, filters: dict[str, str] | None = None,
                 as_of: dt.datetime | None = None, limit: int | None = 200) -> list[dict[str, object]]:
    rows = analysis.engine.query(queries.overdue_sql(span.start, span.end, as_of or span.end, filters, limit))
    keys = ("ticket_id", "accepted_at", "due_at", "closed_at", "district_code", "street_code", "street",
            "unit_code", "unit", "category3", "appeal_type")
    out = []
    for r in rows:
        item = dict(zip(keys, r, strict=True))
        late_until = item["closed_at"] or (as_of or span.end)
        item["days_over"] = (late_until - item["due_at"]).days
        out.append(item)
    return out


def overdue_by(analysis: Analysis, span: Span, level: str, filters: dict[str, str] | None = None,
               as_of: dt.datetime | None = None) -> list[UnitShare]:
    rows = analysis.engine.query(queries.overdue_counts_sql(level, span.start, span.end, as_of or span.end, filters))
    out = [UnitShare(str(c), str(n), int(t), int(o or 0)) for c, n, t, o in rows]
    out.sort(key=lambda u: (-u.count, u.code))
    return out


def repeats_by(analysis: Analysis, span: Span, level: str, filters: dict[str, str] | None = None) -> list[UnitShare]:
    days = analysis.rules.at(span.last_day).repeat_days
    rows = analysis.engine.query(queries.repeat_sql(level, span.start, span.end, days, filters))
    out = [UnitShare(str(c), str(n), int(t), int(r or 0)) for c, n, t, r in rows]
    out.sort(key=lambda u: (-u.count, u.code))
    return out
