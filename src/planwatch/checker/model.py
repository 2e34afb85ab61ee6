"""The objects of the checker: a raw figure found in the text, and the fact read from it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planwatch.core.intervals import Interval


@dataclass(slots=True)
class Fact:
    id: str
    start: int
    end: int
    text: str
    subject: str
    value: Decimal
    unit: str
    kind: str  # amount | growth | pp_change | share | rate | rank
    basis: str  # yoy | vs_period | avg_annual | vs_start | none
    bound: str  # eq | approx | ge | gt | le | lt
    modality: str  # actual | target
    period: str
    base_period: str = ""
    written: Decimal = Decimal(0)  # the numeral as written, before scaling and sign
    scale: Decimal = Decimal(1)
    decimals: int = 0
    exact: bool = False  # a count of things or a fraction: no rounding interval
    sign: int = 1
    years: int = 0  # span of an average annual growth
    sentence: int = 0
    line: int = 0
    col: int = 0
    group: int = -1  # 分别 list id, -1 when not in a list
    group_index: int = 0
    role: str = ""  # task_share: 完成全年任务的X%
    total_marker: str = ""  # total (共/共计/合计 before the figure) | part (after 其中) | ""
    context: str = ""  # the words between the previous figure (or the clause start) and this one

    def interval(self) -> Interval:
        """The true values the written figure stands for, in the base unit, signed."""
        iv = Interval.exact(self.written) if self.exact else Interval.published(self.written, self.decimals)
        iv = Interval(iv.lo * self.scale, iv.hi * self.scale)
        return iv if self.sign > 0 else Interval(-iv.hi, -iv.lo)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "subject": self.subject, "value": number(self.value), "unit": self.unit, "kind": self.kind,
            "basis": self.basis, "bound": self.bound, "modality": self.modality, "period": self.period,
            "base_period": self.base_period, "line": self.line, "col": self.col,
        }


def number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


@dataclass(slots=True)
class RawFigure:
    start: int  # numeral start
    end: int  # end of the unit
    written: Decimal
    decimals: int
    scale: Decimal
    unit: str
    between: str
    kind_hint: str  # "", "pct", "pp", "rank", "fraction"
    exact: bool


