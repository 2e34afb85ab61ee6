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
    basis: str  # yoy | vs_period | avg_annual | vs_start | vs_other (高于全市…个百分点) | none
    bound: str  # eq | approx | ge | gt | le | lt | range (low and high)
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
    low: Decimal | None = None  # a range (力争增长5%-5.5%): both ends in the base unit, signed
    high: Decimal | None = None
    high_written: Decimal | None = None
    scope: str = ""  # whose figure: "" the report's own region, else city | province | nation | district
    against: str = ""  # pp_change with basis vs_other: what it is compared with (全市, 城镇居民)
    paragraph: int = 0
    written_unit: str = ""  # the unit as written with its scale: 亿元, 万平方米, %, 项
    source: str = "text"  # text | table
    column: str = ""  # table facts: the column's meaning (actual, growth, target, completion)
    row: int = -1  # table facts: index of the row in Document.rows

    def interval(self) -> Interval:
        """The true values the written figure stands for, in the base unit, signed."""
        iv = Interval.exact(self.written) if self.exact else Interval.published(self.written, self.decimals)
        if self.high_written is not None:
            top = Interval.exact(self.high_written) if self.exact else Interval.published(self.high_written, self.decimals)
            iv = Interval(iv.lo, top.hi)
        iv = Interval(iv.lo * self.scale, iv.hi * self.scale)
        return iv if self.sign > 0 else Interval(-iv.hi, -iv.lo)

    def shown(self) -> str:
        """The figure as a message quotes it: as written, with its unit when a table cell left it out."""
        from .normalize import normalize

        text = normalize(self.text)
        if self.source == "table" and self.written_unit and not text.endswith(self.written_unit):
            return text + self.written_unit
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "subject": self.subject, "value": number(self.value), "unit": self.unit, "kind": self.kind,
            "basis": self.basis, "bound": self.bound, "modality": self.modality, "period": self.period,
            "base_period": self.base_period, "line": self.line, "col": self.col,
            **({"low": number(self.low), "high": number(self.high)} if self.low is not None and self.high is not None else {}),
            **({"scope": self.scope} if self.scope else {}),
            **({"against": self.against} if self.against else {}),
            **({"source": self.source, "column": self.column} if self.source != "text" else {}),
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
    kind_hint: str  # "", "pct", "pp", "rank", "rank_le", "fraction", "times", "structure", "bare"
    exact: bool
    high: Decimal | None = None  # the upper end of a range (5%-5.5%), as written
    written_unit: str = ""
    group: int = -1  # structure ratios: the three parts of one ratio share a group


