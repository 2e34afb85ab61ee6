"""CSV files saved by Excel or WPS: UTF-8 with or without a BOM, or GB18030 on Chinese Windows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from planwatch.package import Unreadable, example_path, load, validate, write_folder, write_xlsx

from .helpers import copy_example


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_load_the_same(tmp_path: Path, encoding: str) -> None:
    pkg = copy_example(tmp_path)
    for f in pkg.glob("*.csv"):
        text = f.read_bytes().decode("utf-8-sig")
        f.write_bytes(text.encode(encoding))
    if encoding == "gb18030":
        # the Chinese text really is in another encoding now
        with pytest.raises(UnicodeDecodeError):
            (pkg / "indicators.csv").read_bytes().decode("utf-8")
    plan = load(pkg)
    assert plan == load(example_path())
    assert plan.indicator("gdp").name == "地区生产总值"


def test_written_csv_has_a_bom_and_plan_yaml_is_utf8(tmp_path: Path) -> None:
    out = write_folder(load(example_path()), tmp_path / "out")
    assert (out / "indicators.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "朝阳区" in (out / "plan.yaml").read_text(encoding="utf-8")


def test_bytes_that_are_no_text_are_reported(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path)
    (pkg / "areas.csv").write_bytes(b"code,name\n\x81\x30\xff\xff,x\n")
    issues = validate(pkg)
    assert any(i.file == "areas.csv" and i.code == "unreadable_file" for i in issues)


def test_xlsx_issues_name_the_workbook_and_sheet(tmp_path: Path) -> None:
    path = write_xlsx(load(example_path()), tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["observations"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("period") + 1, "2021年上半年")
    wb.save(path)
    (issue,) = validate(path)
    assert (issue.file, issue.row, issue.column, issue.code) == ("plan.xlsx[observations]", 2, "period", "bad_period")


def test_plan_sheet_may_hold_one_yaml_cell(tmp_path: Path) -> None:
    path = write_xlsx(load(example_path()), tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb["plan"]
    ws = wb.create_sheet("plan", 0)
    ws["A1"] = (example_path() / "plan.yaml").read_text(encoding="utf-8")
    wb.save(path)
    assert load(path) == load(example_path())


def test_not_a_package(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(Unreadable):
        validate(bad)
    with pytest.raises(Unreadable):
        load(tmp_path / "missing")


def test_spreadsheet_mangled_months_and_sheet_names(tmp_path: Path) -> None:
    """Excel turns a typed 2021-06 into the date 2021-06-01; users rename sheets "Indicators"."""
    path = write_xlsx(load(example_path()), tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["observations"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[header.index("period")].value == "2021-06")
    row[header.index("period")].value = dt.datetime(2021, 6, 1)
    wb["indicators"].title = "Indicators.csv"
    wb.save(path)
    assert load(path) == load(example_path())


def test_missing_sheet(tmp_path: Path) -> None:
    path = write_xlsx(load(example_path()), tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb["projects"]
    wb.save(path)
    (issue,) = validate(path)
    assert (issue.file, issue.row, issue.code) == ("plan.xlsx[projects]", 0, "missing_file")
    assert "工作表" in issue.message_zh and "sheet" in issue.message_en


def test_file_names_ignore_case(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    write_folder(load(example_path()), pkg)
    (pkg / "plan.yaml").rename(pkg / "Plan.yml")
    (pkg / "tasks.csv").rename(pkg / "Tasks.CSV")
    assert load(pkg) == load(example_path())
