"""Checks: a relation between stated facts, judged with the core's rounding-aware interval arithmetic.

A :class:`Check` names its facts, the stated figure, the interval of true values the other facts allow
and the figure a publisher would have written for it, and whether the stated figure is consistent
(some value in that interval rounds to it). Relations live in ``relations``; a relation with too little
stated to decide produces no check at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from planwatch.core.intervals import Interval, consistent, expected_figure, round_half_up

from .document import Document
from .model import Fact

_NUMERAL = re.compile(r"^[\d.,零〇一二两三四五六七八九十百千点]+\s?")

RELATIONS = (
    "avg_annual", "middle_year", "rate_count", "share_parts", "pp_rates", "rate_growth", "growth_levels",
    "parts_total", "task_share",
)


@dataclass(slots=True)
class Check:
    id: str
    relation: str  # one of RELATIONS
    facts: list[str]  # fact ids; the first is the stated figure judged
    status: str  # consistent | inconsistent
    stated: Decimal
    expected: Decimal  # the figure the other facts imply, written at the stated decimals
    low: Decimal  # the interval of true values the other facts allow
    high: Decimal
    unit: str
    subject: str
    start: int
    line: int
    col: int
    detail: dict[str, str] = field(default_factory=dict)  # words for the message

    def as_json(self) -> dict[str, Any]:
        from .messages import message

        return {
            "id": self.id, "relation": self.relation, "facts": list(self.facts), "status": self.status,
            "stated": str(self.stated), "expected": str(self.expected),
            "expected_interval": [str(_r(self.low)), str(_r(self.high))], "unit": self.unit,
            "subject": self.subject, "line": self.line, "col": self.col,
            "message": message(self, "zh"), "message_en": message(self, "en"),
        }


def _r(d: Decimal) -> Decimal:
    return round_half_up(d, 4)


def judge(
    relation: str, stated: Fact, others: list[Fact], computed: Interval, stated_value: Decimal | None = None,
    comparison: str = "round", **detail: str,
) -> Check:
    """A check of ``stated`` against the interval ``computed`` from ``others``.

    ``comparison`` is ``round`` (the stated figure must be a rounding of some value in ``computed``) or
    ``at_most`` (the stated total must not be below the computed sum of listed parts: 其中 lists).
    """
    value = stated.value if stated_value is None else stated_value
    detail = {**detail, "stated_text": stated.text, "unit_text": _NUMERAL.sub("", stated.text)}
    if comparison == "at_most":
        detail["within"] = "1"
    decimals = stated.decimals
    if comparison == "at_most":
        ok = computed.lo <= stated.interval().hi
    elif stated.exact:
        ok = computed.contains(value) or consistent(value, computed, decimals)
    else:
        ok = consistent(value, computed, decimals)
    expected = expected_figure(computed, decimals)
    if stated.scale != 1:
        expected = expected_figure(Interval(computed.lo / stated.scale, computed.hi / stated.scale), decimals)
    return Check(
        id="", relation=relation, facts=[stated.id, *(f.id for f in others)],
        status="consistent" if ok else "inconsistent", stated=value if stated.scale == 1 else stated.written,
        expected=expected, low=computed.lo, high=computed.hi, unit=stated.unit, subject=stated.subject,
        start=stated.start, line=stated.line, col=stated.col, detail=dict(detail),
    )


def run_checks(facts: list[Fact], doc: Document) -> list[Check]:
    from .relations import ALL

    checks: list[Check] = []
    for finder in ALL:
        checks.extend(finder(facts, doc))
    checks.sort(key=lambda c: (c.start, RELATIONS.index(c.relation)))
    for i, c in enumerate(checks, 1):
        c.id = f"C{i}"
    return checks
