"""Typed rows: the text cells of a table converted column by column, every failure recorded."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import cells
from .issues import WARNING, PackageIssue
from .schema import BOOL, CODES, CURVE, DATE, DECIMAL, INT, PERIOD, REQUIRED_HEADERS, Table
from .sources import RawTable


@dataclass(slots=True)
class Row:
    file: str  # the logical file name kept in Source ("indicators.csv")
    label: str  # how issues name the file
    n: int  # spreadsheet row
    v: dict[str, Any]

    def get(self, name: str) -> Any:
        return self.v.get(name)


class Issues:
    """Collects issues; ``error`` and ``warn`` take the place of the issue in the same argument order."""

    def __init__(self) -> None:
        self.items: list[PackageIssue] = []

    def error(self, file: str, row: int, column: str, zh: str, en: str, code: str) -> None:
        self.items.append(PackageIssue(file, row, column, zh, en, code))

    def warn(self, file: str, row: int, column: str, zh: str, en: str, code: str) -> None:
        self.items.append(PackageIssue(file, row, column, zh, en, code, WARNING))

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.items)


_CONVERT: dict[str, Callable[[str], Any]] = {
    DECIMAL: cells.parse_decimal,
    INT: cells.parse_int,
    BOOL: cells.parse_bool,
    DATE: cells.parse_date,
    PERIOD: cells.parse_period,
    CODES: cells.parse_codes,
    CURVE: cells.parse_curve,
}


def convert(raw: RawTable, table: Table, issues: Issues) -> list[Row]:
    header = set(raw.header)
    label = raw.label
    must = [c.name for c in table.columns if c.required] + list(REQUIRED_HEADERS.get(table.name, ()))
    for name in must:
        if name not in header:
            issues.error(label, 1, name, f"缺少必填列“{name}”", f"the required column {name!r} is missing", "missing_column")
    known = set(table.column_names)
    for name in raw.header:
        if name and name not in known:
            issues.warn(
                label, 1, name, f"未知列“{name}”,读取时忽略", f"unknown column {name!r} is ignored", "unknown_column"
            )
    position = {h: j for j, h in enumerate(raw.header) if h}
    # a column at a time: (name, its cell's position or -1, blank value, parse, allowed values, required)
    plan: list[tuple[str, int, Any, Callable[[str], Any] | None, frozenset[str], bool]] = []
    for col in table.columns:
        blank = () if col.type == CODES else (None if col.type != "str" else "")
        at = position.get(col.name, -1)
        parse = None if col.choices else _CONVERT.get(col.type)
        plan.append((col.name, at, blank, parse, frozenset(col.choices), col.required and at >= 0))
    choices = {col.name: col.choices for col in table.columns}
    out: list[Row] = []
    file = table.filename
    for n, texts in raw.rows:
        values: dict[str, Any] = {}
        for name, at, blank, parse, allowed, required in plan:
            text = texts[at] if at >= 0 else ""
            if not text:
                if required:
                    issues.error(label, n, name, f"“{name}”不能为空", f"{name!r} must not be blank", "required")
                values[name] = blank
                continue
            if allowed:
                if text in allowed:
                    values[name] = text
                    continue
                parse = functools.partial(cells.parse_choice, choices=choices[name])
            if parse is None:
                values[name] = text
                continue
            try:
                values[name] = parse(text)
            except cells.CellError as exc:
                issues.error(label, n, name, exc.zh, exc.en, exc.code)
                values[name] = None
                values[f"_bad_{name}"] = True
        out.append(Row(file, label, n, values))
    _check_duplicates(out, table, issues)
    return out


def _check_duplicates(rows: list[Row], table: Table, issues: Issues) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    names = table.key
    for row in rows:
        v = row.v
        key = tuple([v[k] for k in names])
        if None in key or "" in key:
            continue
        if key in seen:
            shown = ", ".join(f"{k}={v}" for k, v in zip(table.key, key, strict=True))
            issues.error(
                row.label,
                row.n,
                table.key[0],
                f"重复行:{shown} 已在第{seen[key]}行出现",
                f"duplicate row: {shown} already appears in row {seen[key]}",
                "duplicate_row",
            )
        else:
            seen[key] = row.n
