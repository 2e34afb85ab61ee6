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

from .model import Fact
from .normalize import normalize

_NUMERAL = re.compile(r"^[-−]?[\d.,零〇一二两三四五六七八九十百千点 ]+")


def _unit_text(f: Fact) -> str:
    """The unit as written after the figure (亿元, 项, %), for messages."""
    if f.written_unit:
        return f.written_unit
    return _NUMERAL.sub("", normalize(f.text)).replace("余", "").replace("多", "")

RELATIONS = (
    "avg_annual", "middle_year", "rate_count", "share_parts", "pp_rates", "rate_growth", "growth_levels",
    "parts_total", "task_share", "repeat", "list_pairs", "enum_count", "structure", "share_bound", "target_met",
    "pp_gap", "pp_period",
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
    """A check of ``stated`` against the interval ``computed`` (in ``stated``'s base unit) from ``others``.

    ``comparison`` is ``round`` (the stated figure must be a rounding of some value in ``computed``),
    ``at_most`` (the stated total must not be below the computed sum of listed parts: 其中 lists) or
    ``within`` (the stated figure's own interval must meet ``computed``: a bound such as 0–100%).
    The comparison is made at the scale the figure was written in (5.03万亿元 at two decimals of 万亿).
    """
    scale = stated.scale if stated.scale else Decimal(1)
    written = stated.value / scale if stated_value is None else stated_value / scale
    shown = Interval(computed.lo / scale, computed.hi / scale)
    detail = {**detail, "stated_text": stated.shown(), "unit_text": _unit_text(stated)}
    if comparison == "at_most":
        detail["within"] = "1"
    decimals = stated.decimals
    if comparison == "at_most":
        ok = computed.lo <= stated.interval().hi
    elif comparison == "within":
        ok = stated.interval().overlaps(computed)
    elif stated.exact:
        ok = shown.contains(written) or consistent(written, shown, decimals)
    else:
        ok = consistent(written, shown, decimals)
    expected = expected_figure(shown, decimals)
    return Check(
        id="", relation=relation, facts=[stated.id, *(f.id for f in others)],
        status="consistent" if ok else "inconsistent", stated=written,
        expected=expected, low=computed.lo, high=computed.hi, unit=stated.unit, subject=stated.subject,
        start=stated.start, line=stated.line, col=stated.col, detail=dict(detail),
    )


def verdict(
    relation: str, stated: Fact, others: list[Fact], ok: bool, stated_value: Decimal, expected: Decimal,
    subject: str | None = None, low: Decimal | None = None, high: Decimal | None = None, **detail: str,
) -> Check:
    """A check decided by the relation itself (counts of a list, a target met), not by rounding."""
    detail = {**detail, "stated_text": stated.shown(), "unit_text": _unit_text(stated)}
    return Check(
        id="", relation=relation, facts=[stated.id, *(f.id for f in others)],
        status="consistent" if ok else "inconsistent", stated=stated_value, expected=expected,
        low=expected if low is None else low, high=expected if high is None else high, unit=stated.unit,
        subject=stated.subject if subject is None else subject, start=stated.start, line=stated.line,
        col=stated.col, detail=dict(detail),
    )
