"""Writing a ``Plan`` as a folder of CSV/YAML files or as one .xlsx workbook.

CSV files are written as UTF-8 with a BOM (so Excel on Chinese Windows opens them right). Decimals
keep the form they were read with ("13.50"). Writing then reading gives back an equal Plan.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from planwatch.core.model import Plan

from . import schema
from .formulas import neutral, safe_filename
from .values import cell_text, extra_header, plan_yaml, table_values


def _dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


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
                   [[cell_text(r.get(c)) for c in table.column_names] for r in values[table.name]])
    for name, rows in plan.extra.items():
        header = extra_header(rows)
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
