"""The monthly ranking of 街乡 and departments, with the city's classes.

Units are ranked by their score as written (two decimals), best first, ties sharing a place (1, 2, 2, 4).
The classes, with sizes from the rule set in force at the end of the month (``classes`` in the rules):

- 先进 (advanced): rank ≤ ``advanced``;
- 进步 (progress): rose at least one place against the previous month, the ``progress`` that rose most
  (a tie at the boundary is in);
- 整改 (rectify): among the worst ``rectify`` ranks this month (rank > ranked − ``rectify``);
- 治理 (governance): among the worst ``governance_bottom`` in at least ``governance_times`` of the last
  ``governance_months`` months, this month included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import Analysis, month_start
from .figures import UnitRow
from .span import Span

ADVANCED, PROGRESS, RECTIFY, GOVERNANCE = "advanced", "progress", "rectify", "governance"
CLASS_ZH = {ADVANCED: "先进", PROGRESS: "进步", RECTIFY: "整改", GOVERNANCE: "治理"}


@dataclass
class RankRow:
    row: UnitRow
    previous_rank: int | None
    classes: list[str] = field(default_factory=list)

    @property
    def rank_change(self) -> int | None:
        """Places gained since last month (positive: better)."""
        if self.row.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.row.rank

    def as_dict(self) -> dict[str, object]:
        return {**self.row.as_contract(), "previous_rank": self.previous_rank, "rank_change": self.rank_change,
                "classes": list(self.classes), "classes_zh": [CLASS_ZH[c] for c in self.classes]}


def monthly_ranking(analysis: Analysis, year: int, month: int, level: str,
                    filters: dict[str, str] | None = None) -> list[RankRow]:
    classes = analysis.rules.at(month_start(year, month).date()).classes
    back = max(classes.governance_months, 2) - 1
    start, end = month_start(year, month, back), month_start(year, month, -1)
    unit_rows = analysis.units(Span(start, end, f"{year}-{month:02d}"), level, "month", filters)
    months: dict[str, dict[str, UnitRow]] = {}
    for u in unit_rows:
        months.setdefault(u.bucket, {})[u.code] = u
    labels = sorted(months)
    this = f"{year}-{month:02d}"
    if this not in months:
        return []
    previous = months.get(f"{month_start(year, month, 1):%Y-%m}", {})
    current = months[this]
    ranked = sum(1 for r in current.values() if r.rank is not None)
    out = [RankRow(u, previous[c].rank if c in previous else None) for c, u in current.items()]

    def worst(label: str, n: int, code: str) -> bool:
        unit = months[label].get(code)
        total = sum(1 for r in months[label].values() if r.rank is not None)
        return bool(unit and unit.rank is not None and n > 0 and unit.rank > total - n)

    rises = sorted((r.rank_change for r in out if r.rank_change and r.rank_change > 0), reverse=True)
    cut = rises[classes.progress - 1] if classes.progress and len(rises) >= classes.progress else (rises[-1] if rises else None)
    window = labels[-classes.governance_months:] if classes.governance_months else []
    for r in out:
        rank = r.row.rank
        if rank is not None and rank <= classes.advanced:
            r.classes.append(ADVANCED)
        if cut is not None and classes.progress and r.rank_change is not None and r.rank_change >= max(cut, 1):
            r.classes.append(PROGRESS)
        if rank is not None and classes.rectify and rank > ranked - classes.rectify:
            r.classes.append(RECTIFY)
        times = sum(1 for label in window if worst(label, classes.governance_bottom, r.row.code))
        if classes.governance_times and times >= classes.governance_times:
            r.classes.append(GOVERNANCE)
    out.sort(key=lambda r: (r.row.rank is None, r.row.rank or 0, r.row.code))
    return out
