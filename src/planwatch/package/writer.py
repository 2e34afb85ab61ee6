"""Writing a ``Plan`` as a folder of CSV/YAML files or as one .xlsx workbook.

CSV files are written as UTF-8 with a BOM (so Excel on Chinese Windows opens them right). Decimals
keep the form they were read with ("13.50"). Writing then reading gives back an equal Plan.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from planwatch.core.model import Plan, columns

from . import schema
from .cells import decimal_text
from .formulas import neutral, safe_filename
from .planfile import PlanHead, plan_to_yaml


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ";".join(value)
    return str(value)


def table_values(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table as typed values, column name → value (the field list decides the columns)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in schema.TABLES:
        names = [n for n, _ in columns(schema.CLASSES[table.name])]
        rows = []
        for obj in getattr(plan, schema.ATTRIBUTES[table.name]):
            row = {n: getattr(obj, n) for n in names}
            row["illustrative"] = True if obj.source.illustrative else None
            row["source"] = obj.source.quote
            rows.append(row)
        out[table.name] = rows
    return out


def plan_yaml(plan: Plan) -> dict[str, Any]:
    head = PlanHead(plan.region, plan.year, plan.title, plan.title_en, plan.base_year, dict(plan.settings),
                    plan.illustrative_note)
    return plan_to_yaml(head)


def _dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _extra_header(rows: list[dict[str, str]]) -> list[str]:
    header: list[str] = []
    for row in rows:
        for k in row:
            if k not in header:
                header.append(k)
    return header


def write_folder(plan: Plan, path: str | Path) -> Path:
    """Write ``plan`` as a package folder (created if needed; files of the package are overwritten)."""
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    (out / schema.PLAN_FILE).write_text(_dump_yaml(plan_yaml(plan)), encoding="utf-8")
    if plan.report:
        (out / schema.REPORT_FILE).write_text(_dump_yaml(dict(plan.report)), encoding="utf-8")
    values = table_values(plan)
    for table in schema.TABLES:
        if table.optional and not values[table.name]:
            continue
        _write_csv(out / table.filename, list(table.column_names),
                   [[_cell(r.get(c)) for c in table.column_names] for r in values[table.name]])
    for name, rows in plan.extra.items():
        header = _extra_header(rows)
        _write_csv(out / f"{safe_filename(name, 'extra')}.csv", header,
                   [[r.get(h, "") for h in header] for r in rows])
    return out


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """A CSV whose text cells a spreadsheet cannot run as formulas (``formulas.neutral``)."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        if header:
            w.writerow([neutral(h) for h in header])
        w.writerows([neutral(c) for c in row] for row in rows)


def write_xlsx(plan: Plan, path: str | Path) -> Path:
    """Write ``plan`` as one workbook: sheets plan, report, then one per table, then the extra ones."""
    from .xlsxwrite import write_workbook

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(plan, out)
    return out
