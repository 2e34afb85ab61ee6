"""The .xlsx form of a package: numbers as numbers (showing the decimals they were written with),
dates as dates, everything else as text, one sheet per file."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from planwatch.core.model import Plan

from . import schema
from .cells import decimal_text
from .formulas import dangerous, xlsx_text
from .values import cell_text, extra_header, plan_yaml, table_values
from .yamlsheet import yaml_to_rows

_BOLD = Font(bold=True)
_MAX_DIGITS = 15  # beyond this a float no longer holds the number exactly: write it as text


def _text_cell(ws: Any, text: str | None) -> WriteOnlyCell:
    """A cell holding ``text`` as text, never as a formula (``formulas.xlsx_text``)."""
    return xlsx_text(WriteOnlyCell(ws), text)


def _number_cell(ws: Any, value: Decimal) -> WriteOnlyCell:
    exp = value.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    digits = len(value.as_tuple().digits)
    if digits > _MAX_DIGITS or not isinstance(exp, int) or exp > 0:
        return _text_cell(ws, decimal_text(value))
    cell = WriteOnlyCell(ws, value=int(value) if places == 0 else float(value))
    cell.number_format = "0" if places == 0 else "0." + "0" * places
    return cell


def _value_cell(ws: Any, value: Any, column_type: str) -> Any:
    """A cell, or the plain value where no format is needed (faster to write)."""
    if value is None or value == "" or value == ():
        return None
    if column_type == schema.DECIMAL and isinstance(value, Decimal):
        exp = value.as_tuple().exponent
        if exp == 0 and len(value.as_tuple().digits) <= _MAX_DIGITS:
            return int(value)  # a whole number reads back the same in the General format
        return _number_cell(ws, value)
    if column_type == schema.DATE and isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    text = cell_text(value)
    return _text_cell(ws, text) if dangerous(text) else text


def _header(ws: Any, names: list[str]) -> list[WriteOnlyCell]:
    out = []
    for name in names:
        c = _text_cell(ws, name)
        c.font = _BOLD
        out.append(c)
    return out


def _sheet_title(name: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\ (the name comes from data)."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "extra"


def write_workbook(plan: Plan, path: Path) -> None:
    wb = Workbook(write_only=True)
    docs = [("plan", plan_yaml(plan))]
    if plan.report:
        docs.append(("report", dict(plan.report)))
    for name, data in docs:
        ws = wb.create_sheet(name)
        ws.column_dimensions["A"].width = 32
        ws.column_dimensions["B"].width = 80
        rows = yaml_to_rows(data)
        ws.append(_header(ws, rows[0]))
        for key, text in rows[1:]:
            ws.append([_text_cell(ws, key), _text_cell(ws, text)])
    values = table_values(plan)
    for table in schema.TABLES:
        if table.optional and not values[table.name]:
            continue
        ws = wb.create_sheet(table.name)
        ws.freeze_panes = "A2"
        ws.append(_header(ws, list(table.column_names)))
        types = [c.type for c in table.columns]
        for row in values[table.name]:
            ws.append([_value_cell(ws, row.get(c.name), t) for c, t in zip(table.columns, types, strict=True)])
    for name, extra_rows in plan.extra.items():
        ws = wb.create_sheet(_sheet_title(name))
        header = extra_header(extra_rows)
        if header:
            ws.append(_header(ws, header))
        for r in extra_rows:
            ws.append([_text_cell(ws, r.get(h, "")) for h in header])
    wb.save(path)
