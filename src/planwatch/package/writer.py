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

from planwatch.core.model import Plan, Source

from . import schema
from .cells import decimal_text
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


def _with_source(values: dict[str, Any], source: Source) -> dict[str, Any]:
    values["illustrative"] = True if source.illustrative else None
    values["source"] = source.quote
    return values


def table_values(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table as typed values, column name → value."""
    return {
        "areas": [{"code": a.code, "name": a.name, "name_en": a.name_en, "order": a.order} for a in plan.areas],
        "departments": [
            _with_source({"code": d.code, "name": d.name, "name_en": d.name_en, "kind": d.kind}, d.source)
            for d in plan.departments
        ],
        "indicators": [
            _with_source(
                {
                    "code": i.code, "name": i.name, "name_en": i.name_en, "unit": i.unit, "kind": i.kind,
                    "aggregation": i.aggregation, "higher_is_better": i.higher_is_better,
                    "comparable": i.comparable, "headline": i.headline, "area": i.area,
                    "department": i.department, "order": i.order,
                },
                i.source,
            )
            for i in plan.indicators
        ],
        "observations": [
            _with_source(
                {
                    "indicator": o.indicator, "period": o.period, "value": o.value, "unit": o.unit,
                    "yoy_pct": o.yoy_pct, "vs_base_pct": o.vs_base_pct, "base_period": o.base_period,
                    "avg_pct": o.avg_pct, "yoy_pp": o.yoy_pp, "bound": o.bound,
                    "account": o.account,
                },
                o.source,
            )
            for o in plan.observations
        ],
        "targets": [
            _with_source(
                {"indicator": t.indicator, "period": t.period, "kind": t.kind, "value": t.value, "unit": t.unit,
                 "text": t.text, "due": t.due},
                t.source,
            )
            for t in plan.targets
        ],
        "tasks": [
            _with_source(
                {
                    "code": t.code, "name": t.name, "name_en": t.name_en, "parent": t.parent, "area": t.area,
                    "lead": t.lead, "co": t.co, "target_kind": t.target_kind, "target_value": t.target_value,
                    "unit": t.unit, "deadline": t.deadline, "curve": t.curve, "target_text": t.target_text,
                    "measure": t.measure,
                },
                t.source,
            )
            for t in plan.tasks
        ],
        "progress": [
            _with_source({"task": p.task, "as_of": p.as_of, "value": p.value, "unit": p.unit, "note": p.note,
                          "account": p.account, "scope": p.scope}, p.source)
            for p in plan.progress
        ],
        "projects": [
            _with_source(
                {
                    "code": p.code, "name": p.name, "name_en": p.name_en, "category": p.category, "lead": p.lead,
                    "planned_start": p.planned_start, "actual_start": p.actual_start,
                    "planned_finish": p.planned_finish, "phase": p.phase, "investment_plan": p.investment_plan,
                    "investment_done": p.investment_done, "as_of": p.as_of,
                },
                p.source,
            )
            for p in plan.projects
        ],
    }


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
        _write_csv(out / table.filename, list(table.column_names),
                   [[_cell(r.get(c)) for c in table.column_names] for r in values[table.name]])
    for name, rows in plan.extra.items():
        header = _extra_header(rows)
        _write_csv(out / f"{name}.csv", header, [[r.get(h, "") for h in header] for r in rows])
    return out


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        if header:
            w.writerow(header)
        w.writerows(rows)


def write_xlsx(plan: Plan, path: str | Path) -> Path:
    """Write ``plan`` as one workbook: sheets plan, report, then one per table, then the extra ones."""
    from .xlsxwrite import write_workbook

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(plan, out)
    return out
