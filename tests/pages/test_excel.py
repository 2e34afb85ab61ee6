"""The Excel round-trip: the template a department downloads and what its upload reads back as."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from planwatch.web.pages import excel
from planwatch.web.pages.excel import RoundInfo, TemplateError, TemplateTask

SECRET = "test-secret"
ROUND = RoundInfo(7, "2021年6月", dt.date(2021, 6, 1), dt.date(2021, 6, 30), "cgj", "区城管委")
TASKS = {
    11: TemplateTask(11, "T-DEMOLISH", "拆除违法建设", "万平方米", "不少于210万平方米", Decimal("60.5"),
                     dt.date(2021, 5, 31)),
    12: TemplateTask(12, "T-LAND", "腾退土地", "公顷", "不少于220公顷"),
    13: TemplateTask(13, "T-GREEN", "留白增绿", "公顷", ""),
}


def _template() -> bytes:
    return excel.build_template(ROUND, TASKS.values(), SECRET)


def _fill(data: bytes, rows: dict[int, dict[str, object]]) -> bytes:
    """Fill rows (by position: 0 is the first task) the way a user would in Excel."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[excel.SHEET]
    for i, values in rows.items():
        for name, v in values.items():
            ws.cell(row=excel.FIRST_ROW + i, column=excel.COL[name], value=v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_template_lists_tasks_with_identity_locked_and_inputs_open() -> None:
    ws = load_workbook(io.BytesIO(_template()))[excel.SHEET]
    assert ws.protection.sheet is True
    codes = [ws.cell(row=excel.FIRST_ROW + i, column=excel.COL["code"]).value for i in range(3)]
    assert codes == ["T-DEMOLISH", "T-LAND", "T-GREEN"]
    first = excel.FIRST_ROW
    assert ws.cell(row=first, column=excel.COL["unit"]).value == "万平方米"
    assert ws.cell(row=first, column=excel.COL["last_value"]).value == 60.5
    for name in ("code", "name", "unit", "target", "last_value", "token"):
        assert ws.cell(row=first, column=excel.COL[name]).protection.locked, name
    for name in ("as_of", "value", "note"):
        assert not ws.cell(row=first, column=excel.COL[name]).protection.locked, name
    token_letter = excel.get_column_letter(excel.COL["token"])
    assert ws.column_dimensions[token_letter].hidden


def test_template_validates_value_and_date_columns() -> None:
    ws = load_workbook(io.BytesIO(_template()))[excel.SHEET]
    dvs = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert dvs["decimal"].operator == "greaterThanOrEqual" and dvs["decimal"].formula1 == "0"
    assert str(dvs["decimal"].sqref) == "H4:H6"
    date_dv = dvs["date"]
    assert str(date_dv.sqref) == "G4:G6"
    assert int(date_dv.formula1) == excel.excel_serial(dt.date(2021, 6, 1)) == 44348
    assert int(date_dv.formula2) == excel.excel_serial(dt.date(2021, 6, 30))


def test_untouched_template_reports_nothing() -> None:
    result = excel.parse_upload(_template(), ROUND, TASKS, SECRET)
    assert result.ok and result.rows == [] and result.blank == 3


def test_filled_rows_read_back_exactly() -> None:
    data = _fill(_template(), {0: {"value": 91.4, "note": "完成过半"}, 1: {"value": "109.70", "as_of": "2021/6/20"}})
    result = excel.parse_upload(data, ROUND, TASKS, SECRET)
    assert result.ok, result.errors
    assert [(r.code, r.value, r.as_of, r.note) for r in result.rows] == [
        ("T-DEMOLISH", Decimal("91.4"), dt.date(2021, 6, 30), "完成过半"),
        ("T-LAND", Decimal("109.70"), dt.date(2021, 6, 20), ""),
    ]
    assert result.rows[0].row == excel.FIRST_ROW and result.blank == 1


def test_each_bad_cell_is_named_with_why() -> None:
    data = _fill(_template(), {
        0: {"value": 50},  # below the last approved 60.5
        1: {"value": "约100", "as_of": dt.date(2021, 7, 2)},  # not a number, and outside the round
        2: {"value": -1},
    })
    result = excel.parse_upload(data, ROUND, TASKS, SECRET)
    got = {(e.cell, e.field) for e in result.errors}
    assert got == {("H4", "value"), ("H5", "value"), ("G5", "as_of"), ("H6", "value")}
    msgs = {e.cell: e.message for e in result.errors}
    assert "60.5" in msgs["H4"] and "约100" in msgs["H5"] and "2021-07-02" in msgs["G5"]
    assert result.rows == []


def test_a_bad_row_does_not_hide_the_good_ones() -> None:
    data = _fill(_template(), {0: {"value": "x"}, 1: {"value": 3}})
    result = excel.parse_upload(data, ROUND, TASKS, SECRET)
    assert [e.cell for e in result.errors] == ["H4"]
    assert [r.code for r in result.rows] == ["T-LAND"]


def test_a_row_edited_to_name_another_task_is_refused() -> None:
    wb = load_workbook(io.BytesIO(_fill(_template(), {1: {"value": 3}})))
    ws = wb[excel.SHEET]
    ws.protection.sheet = False  # what a determined user can do
    ws.cell(row=excel.FIRST_ROW + 1, column=excel.COL["code"], value="T-GREEN")
    buf = io.BytesIO()
    wb.save(buf)
    result = excel.parse_upload(buf.getvalue(), ROUND, TASKS, SECRET)
    assert [(e.cell, e.field) for e in result.errors] == [("A5", "code")]


def test_a_template_of_another_round_or_secret_is_refused() -> None:
    data = _fill(_template(), {0: {"value": 70}})
    other_round = RoundInfo(8, "2021年7月", dt.date(2021, 7, 1), dt.date(2021, 7, 31), "cgj", "区城管委")
    with pytest.raises(TemplateError, match="其他填报轮次"):
        excel.parse_upload(data, other_round, TASKS, SECRET)
    other_dept = RoundInfo(7, "2021年6月", dt.date(2021, 6, 1), dt.date(2021, 6, 30), "jw", "区教委")
    with pytest.raises(TemplateError, match="区教委"):
        excel.parse_upload(data, other_dept, TASKS, SECRET)
    assert [e.cell for e in excel.parse_upload(data, ROUND, TASKS, "other").errors] == ["A4"]


def test_a_task_out_of_the_users_scope_is_refused() -> None:
    data = _fill(_template(), {2: {"value": 1}})
    scoped = {k: v for k, v in TASKS.items() if k != 13}
    result = excel.parse_upload(data, ROUND, scoped, SECRET)
    assert [(e.cell, e.field) for e in result.errors] == [("A6", "code")]


def test_not_a_workbook() -> None:
    with pytest.raises(TemplateError, match=r"notes\.txt"):
        excel.parse_upload(b"hello", ROUND, TASKS, SECRET, filename="notes.txt")


def test_fingerprint_is_the_figure_not_its_spelling() -> None:
    a = excel.fingerprint(11, dt.date(2021, 6, 30), Decimal("91.40"))
    assert a == excel.fingerprint(11, dt.date(2021, 6, 30), Decimal("91.4"))
    assert a != excel.fingerprint(11, dt.date(2021, 6, 30), Decimal("91.5"))
    assert a != excel.fingerprint(11, dt.date(2021, 6, 29), Decimal("91.4"))
    assert a != excel.fingerprint(12, dt.date(2021, 6, 30), Decimal("91.4"))


@pytest.mark.parametrize(("raw", "want"), [
    (91.4, "91.4"), (0.1 + 0.2, "0.30000000000000004"), (7, "7"), ("1,234.5", "1234.5"), ("１２．５", "12.5"),
])
def test_parse_decimal(raw: object, want: str) -> None:
    assert excel.parse_decimal(raw) == Decimal(want)


@pytest.mark.parametrize("raw", ["", "abc", "NaN", "Infinity", True])
def test_parse_decimal_refuses(raw: object) -> None:
    with pytest.raises(ValueError):
        excel.parse_decimal(raw)
