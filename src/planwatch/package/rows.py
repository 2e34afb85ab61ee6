"""Typed rows: the text cells of a table converted column by column, every failure recorded."""

from __future__ import annotations

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
    out: list[Row] = []
    for n, cellmap in raw.rows:
        values: dict[str, Any] = {}
        for col in table.columns:
            text = cellmap.get(col.name, "")
            if not text:
                if col.required and col.name in header:
                    issues.error(label, n, col.name, f"“{col.name}”不能为空", f"{col.name!r} must not be blank", "required")
                values[col.name] = () if col.type == CODES else (None if col.type != "str" else "")
                continue
            try:
                if col.choices:
                    values[col.name] = cells.parse_choice(text, col.choices)
                elif col.type in _CONVERT:
                    values[col.name] = _CONVERT[col.type](text)
                else:
                    values[col.name] = text
            except cells.CellError as exc:
                issues.error(label, n, col.name, exc.zh, exc.en, exc.code)
                values[col.name] = None
                values[f"_bad_{col.name}"] = True
        out.append(Row(table.filename, label, n, values))
    _check_duplicates(out, table, issues)
    return out


def _check_duplicates(rows: list[Row], table: Table, issues: Issues) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        key = tuple(row.get(k) for k in table.key)
        if any(k is None or k == "" for k in key):
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
