"""A plan as the package's values: the rows of each table (the field list decides the columns), the
plan sheet, and a value as the text of a cell. The folder writer and the workbook writer both use them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from planwatch.core.model import Plan, columns

from . import schema
from .cells import decimal_text
from .planfile import PlanHead, plan_to_yaml


def cell_text(value: Any) -> str:
    """A value as written in a cell: Decimals as read, dates ISO, codes joined by ";", blanks empty."""
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


def extra_header(rows: list[dict[str, str]]) -> list[str]:
    header: list[str] = []
    for row in rows:
        for k in row:
            if k not in header:
                header.append(k)
    return header
