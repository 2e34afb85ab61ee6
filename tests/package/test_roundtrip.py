"""Writing and reading back gives an equal Plan: folder → folder, folder → xlsx → folder, xlsx → xlsx."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from planwatch.core.model import Plan
from planwatch.package import example_path, load, write_folder, write_xlsx

from .helpers import append_row, copy_example, find_row, get_cell, set_cell


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load(example_path())


def _diff(a: Plan, b: Plan) -> list[str]:
    return [f.name for f in dataclasses.fields(a) if getattr(a, f.name) != getattr(b, f.name)]


def test_folder_to_folder(plan: Plan, tmp_path: Path) -> None:
    again = load(write_folder(plan, tmp_path / "out"))
    assert _diff(plan, again) == []
    assert load(write_folder(again, tmp_path / "out2")) == plan


def test_folder_to_xlsx_to_folder(plan: Plan, tmp_path: Path) -> None:
    book = load(write_xlsx(plan, tmp_path / "plan.xlsx"))
    assert _diff(plan, book) == []
    back = load(write_folder(book, tmp_path / "back"))
    assert back == plan
    assert load(write_xlsx(back, tmp_path / "again.xlsx")) == plan


def test_written_form_of_decimals_survives_both_forms(tmp_path: Path) -> None:
    """GIVEN "13.50" and "-0.0" typed in a CSV, WHEN written as xlsx and back, THEN the text is unchanged."""
    pkg = copy_example(tmp_path)
    gdp = find_row(pkg, "observations.csv", "indicator", "gdp")
    set_cell(pkg, "observations.csv", gdp, "yoy_pct", "13.50")
    set_cell(pkg, "observations.csv", gdp, "value", "3640.70")
    cpi = find_row(pkg, "observations.csv", "indicator", "urban_unemployment_rate")
    set_cell(pkg, "observations.csv", cpi, "value", "2.050")
    plan = load(pkg)
    book = load(write_xlsx(plan, tmp_path / "p.xlsx"))
    folder = write_folder(book, tmp_path / "f")
    assert get_cell(folder, "observations.csv", gdp, "yoy_pct") == "13.50"
    assert get_cell(folder, "observations.csv", gdp, "value") == "3640.70"
    assert get_cell(folder, "observations.csv", cpi, "value") == "2.050"
    obs = book.observation("gdp", "2021H1")
    assert obs is not None and str(obs.yoy_pct) == "13.50" and obs.yoy_pct == Decimal("13.5")


def test_xlsx_cells_are_numbers_and_dates(plan: Plan, tmp_path: Path) -> None:
    path = write_xlsx(plan, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "plan"
    assert {"areas", "departments", "indicators", "observations", "targets", "tasks", "progress", "projects"} <= set(wb.sheetnames)
    ws = wb["observations"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "gdp")
    value = row[header.index("value")]
    assert value.value == pytest.approx(3640.7) and value.number_format == "0.0"
    prog = wb["progress"]
    assert prog.cell(2, 2).is_date
    kv = {r[0].value: r[1].value for r in wb["plan"].iter_rows(min_row=2)}
    assert kv["region.code"] == "chaoyang" and kv["year"] == "2021"
    assert kv["settings.progress_convention"] == "days"


def test_extra_files_and_report_are_kept_verbatim(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path)
    (pkg / "wording.csv").write_text("key,text\nintro,\" 上半年, 经济 \"\n", encoding="utf-8")
    (pkg / "report.yaml").write_text("occasion:\n  date: 2021-08-10\n  speaker: 李欣\nlist: [a, b]\n", encoding="utf-8")
    plan = load(pkg)
    assert plan.extra["wording"] == [{"key": "intro", "text": " 上半年, 经济 "}]
    assert plan.report["occasion"]["speaker"] == "李欣"  # type: ignore[index]
    assert load(write_folder(plan, tmp_path / "f")) == plan
    assert load(write_xlsx(plan, tmp_path / "p.xlsx")) == plan


def test_spreadsheet_dates_and_flags_in_other_forms_load_the_same(tmp_path: Path) -> None:
    """Excel turns 2021-06-30 into 2021/6/30 and true into TRUE when it saves a CSV."""
    pkg = copy_example(tmp_path)
    plan = load(pkg)
    row = find_row(pkg, "progress.csv", "task", "elderly_beds")
    as_of = get_cell(pkg, "progress.csv", row, "as_of")
    y, m, d = as_of.split("-")
    set_cell(pkg, "progress.csv", row, "as_of", f"{y}/{int(m)}/{int(d)}")
    set_cell(pkg, "indicators.csv", 2, "headline", "TRUE")
    assert load(pkg) == plan


def test_extra_column_of_appended_rows(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path)
    append_row(pkg, "observations.csv", {"indicator": "gdp", "period": "2021Q1", "value": "1700.5", "yoy_pct": "24.1"})
    plan = load(pkg)
    obs = plan.observation("gdp", "2021Q1")
    assert obs is not None and obs.unit == "亿元"  # a blank unit is the indicator's
    assert load(write_xlsx(plan, tmp_path / "p.xlsx")) == plan


def test_text_that_looks_like_a_formula_stays_text(plan: Plan, tmp_path: Path) -> None:
    """A name typed as "=SUM(A1)" is text in the package, not a formula of the workbook."""
    edited = dataclasses.replace(plan, illustrative_note="=0",
                                 tasks=[dataclasses.replace(plan.tasks[0], name="=SUM(A1)"), *plan.tasks[1:]])
    again = load(write_xlsx(edited, tmp_path / "p.xlsx"))
    assert again.tasks[0].name == "=SUM(A1)" and again.illustrative_note == "=0"
    assert again == edited
