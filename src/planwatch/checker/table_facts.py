"""Facts from the cells of tables flattened into text (``tables``), each with its column's meaning.

The actual (完成值, 1-6月) is an amount in the row's unit (a rate when the unit is %), its growth (增速) a
growth in % against the same period a year before, the target a target of the report's year (a growth when
``Row.target_is_growth``), and the completion column (完成全年目标%) a share of the target done
(``task_share``). The row's status column (完成 / 未完成) is not a fact; ``relations_targets`` reads it.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from .document import Document
from .model import Fact
from .numbers import decimals_written
from .tables import Cell, Row, parse_cell
from .units import SCALES, base_unit, is_counter

_SCALE = re.compile(r"^(万亿|亿|万|千)(?=.)")


def _unit(written: str) -> tuple[str, Decimal]:
    u = written.strip().strip("（）()")
    if u in ("%", "％", "百分比"):
        return "%", Decimal(1)
    m = _SCALE.match(u)
    scale = SCALES[m.group(1)] if m else Decimal(1)
    rest = u[m.end() :] if m else u
    return base_unit(rest), scale


def table_facts(doc: Document, offset: int) -> list[Fact]:
    out: list[Fact] = []
    starts = [s.start for s in doc.sentences]
    for index, row in enumerate(doc.rows):
        sentence = max(0, bisect.bisect_right(starts, row.start) - 1)
        for column in ("actual", "growth", "avg", "target", "completion"):
            cell = row.cells.get(column)
            if cell is not None:
                fact = _fact(doc, row, index, column, cell, sentence)
                if fact is not None:
                    fact.id = f"F{offset + len(out) + 1}"
                    out.append(fact)
    return out


def _fact(doc: Document, row: Row, index: int, column: str, cell: Cell, sentence: int) -> Fact | None:
    number = parse_cell(cell.text)
    if number is None:
        return None
    written_unit = row.unit or number.unit
    unit, scale = _unit(written_unit)
    written = Decimal(number.value)
    decimals = max(decimals_written(number.value), decimals_written(number.high or ""))
    kind, basis, role, modality = "amount", "none", "", "actual"
    base, years = "", 0
    if column in ("growth", "avg") or (column == "target" and row.target_is_growth):
        unit, scale, kind = "%", Decimal(1), "growth"
        basis = {"growth": "yoy", "avg": "avg_annual"}.get(column, "none")
        if column == "avg" and doc.year:
            base, years = f"{doc.year - 2}{doc.part}", 2
    elif column == "completion":
        unit, scale, kind, role = "%", Decimal(1), "share", "task_share"
    elif unit == "%":
        kind = "rate"
    if column == "target":
        modality = "target"
    if not unit:
        return None
    sign = -1 if written < 0 else 1
    period = str(doc.year) if column == "target" and doc.year else doc.period
    line, col = doc.line_col(cell.start)
    fact = Fact(
        id="", start=cell.start, end=cell.end, text=doc.text[cell.start : cell.end], subject=row.name.text,
        value=written * scale, unit=unit, kind=kind, basis=basis, bound=number.bound, modality=modality,
        period=period, written=abs(written), scale=scale, decimals=decimals,
        exact=is_counter(unit) and scale == 1 and decimals == 0, sign=sign, sentence=sentence, line=line, col=col,
        role=role, paragraph=row.line, base_period=base, years=years, written_unit=written_unit if kind in ("amount", "rate") else "%",
        source="table", column=column, row=index,
    )
    if number.high is not None:
        fact.high_written = Decimal(number.high)
        fact.low, fact.high = written * scale, Decimal(number.high) * scale
    return fact
