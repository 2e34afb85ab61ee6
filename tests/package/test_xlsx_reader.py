"""The fast .xlsx reader gives exactly the text openpyxl's reader gives, cell for cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from planwatch.package import example_path, load, write_xlsx
from planwatch.package.sources import read_xlsx, workbook_rows


def _same(path: Path) -> list[tuple[str, list[list[str]]]]:
    fast = workbook_rows(path, "fast")
    assert fast == workbook_rows(path, "openpyxl")
    return fast


def test_written_workbook(tmp_path: Path) -> None:
    sheets = _same(write_xlsx(load(example_path()), tmp_path / "p.xlsx"))
    names = [n for n, _ in sheets]
    assert names[0] == "plan" and "observations" in names


def test_hand_made_workbook(tmp_path: Path) -> None:
    """Shared strings, rich text, numbers in several formats, dates, booleans, gaps between rows and cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "observations"
    ws.append(["indicator", "period", "value", "yoy_pct", "as_of", "flag"])
    ws.append(["gdp", "2021H1", 3640.7, 13.5, dt.date(2021, 6, 30), True])
    ws["C2"].number_format = "0.00"
    ws.append([CellRichText([TextBlock(InlineFont(b=True), "地区"), "生产总值"]), 2021, 1765, -5.16,
               dt.datetime(2021, 6, 30, 12, 30), False])
    ws["A6"] = "after a gap"
    ws["E6"] = "far cell"
    ws["C6"] = 0.1 + 0.2
    ws["D6"] = 1e-7
    ws["B6"] = 12345678901234567890
    wb.create_sheet("Notes")["B2"] = "=1+1"
    wb.save(tmp_path / "h.xlsx")
    sheets = dict(_same(tmp_path / "h.xlsx"))
    obs = dict(sheets["observations"])  # row number → cells; rows without content are left out
    assert obs[2] == ["gdp", "2021H1", "3640.70", "13.5", "2021-06-30", "true"]
    assert obs[3][0] == "地区生产总值" and obs[3][4] == "2021-06-30 12:30:00"
    assert 4 not in obs and 5 not in obs
    assert obs[6][0] == "after a gap" and obs[6][4] == "far cell"


def test_both_engines_load_the_same_plan(tmp_path: Path) -> None:
    path = write_xlsx(load(example_path()), tmp_path / "p.xlsx")
    fast, slow = read_xlsx(path, "fast"), read_xlsx(path, "openpyxl")
    assert fast.tables.keys() == slow.tables.keys()
    assert all(fast.tables[k].rows == slow.tables[k].rows for k in fast.tables)
    assert fast.yaml_docs == slow.yaml_docs
