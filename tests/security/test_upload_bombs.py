"""Upload bombs are refused with a clear message, within a memory budget measured here (tracemalloc's peak
of Python allocations while the upload is read).

- the sheet-dimension trick: a few-KB workbook whose one cell sits at row 1,048,576;
- a decompression bomb: a small .xlsx whose sheet unpacks far beyond the limit;
- a YAML alias bomb in the package's plan sheet;
- bytes that are not a workbook at all;
- a number beyond any float (1E+1000000) where a figure is expected;
- a body longer than the endpoint's cap: answered 413 before it is read.
"""

from __future__ import annotations

import datetime as dt
import io
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planwatch.package import inspect, write_xlsx, xlsxread
from planwatch.web.pages import excel

BUDGET = 4 * 1024 * 1024  # bytes of Python allocations a refused upload may cost
SECRET = "test-secret"
INFO = excel.RoundInfo(7, "2021年6月", dt.date(2021, 6, 1), dt.date(2021, 6, 30), "cgj", "区城管委")
TASKS = {1: excel.TemplateTask(1, "T01", "拆违", "万平方米")}


def peak(fn: Callable[[], Any]) -> tuple[Any, int]:
    """What ``fn`` answered or raised, and the peak of memory it allocated."""
    tracemalloc.start()
    try:
        try:
            result: Any = fn()
        except Exception as exc:  # the refusal is the result
            result = exc
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _template(**cells: Any) -> bytes:
    """The department's real template with some cells set (``cells``: "H4" → value)."""
    data = excel.build_template(INFO, TASKS.values(), SECRET)
    if not cells:
        return data
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb[excel.SHEET]
    for ref, value in cells.items():
        ws[ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _with_sheet_xml(data: bytes, sheet_xml_tail: bytes, big: int = 0) -> bytes:
    """The workbook with the first sheet's rows replaced (``big``: that many more bytes of blank rows)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, _sep, rest = body.partition(b"<sheetData>")
                _rows, _sep2, tail = rest.partition(b"</sheetData>")
                with z.open(item.filename, "w", force_zip64=True) as f:
                    f.write(head + b"<sheetData>")
                    chunk = b"<row/>" * 100_000
                    for _ in range(big // len(chunk)):
                        f.write(chunk)
                    f.write(sheet_xml_tail + b"</sheetData>" + tail)
            else:
                z.writestr(item, body)
    return out.getvalue()


def _refused(result: Any, *words: str) -> str:
    assert isinstance(result, excel.TemplateError | xlsxread.TooLarge), repr(result)
    text = str(result)
    assert all(w in text for w in words), text
    return text


def test_a_lone_cell_at_the_last_row_is_refused_at_once() -> None:
    data = _with_sheet_xml(_template(), b'<row r="1048576"><c r="H1048576"><v>1</v></c></row>')
    assert len(data) < 16_000
    result, used = peak(lambda: excel.parse_upload(data, INFO, TASKS, SECRET, "bomb.xlsx"))
    _refused(result, "1048576")
    assert used < BUDGET, used


def test_a_decompression_bomb_is_refused_before_parsing() -> None:
    data = _with_sheet_xml(_template(), b"", big=12 * 1024 * 1024)  # 12 MB of rows, a few KB zipped
    assert len(data) < 200_000
    result, used = peak(lambda: excel.parse_upload(data, INFO, TASKS, SECRET, "bomb.xlsx"))
    _refused(result, "MB")
    assert used < BUDGET, used


def test_bytes_that_are_no_workbook() -> None:
    for data in (b"%PDF-1.7 not a workbook", b"PK\x03\x04" + b"\x00" * 100, b""):
        result, used = peak(lambda d=data: excel.parse_upload(d, INFO, TASKS, SECRET, "x.xlsx"))
        _refused(result, "x.xlsx")
        assert used < BUDGET, used


def test_a_number_beyond_any_float_is_a_cell_error() -> None:
    token = excel.row_token(SECRET, INFO.round_id, 1).encode()
    col = {name: excel.get_column_letter(i).encode() for name, i in excel.COL.items()}
    data = _with_sheet_xml(_template(), b'<row r="4"><c r="A4" t="inlineStr"><is><t>T01</t></is></c>'
                                        b'<c r="' + col["as_of"] + b'4"><v>44377</v></c>'
                                        b'<c r="' + col["value"] + b'4"><v>1E+1000000</v></c>'
                                        b'<c r="' + col["token"] + b'4" t="inlineStr"><is><t>' + token
                                        + b"</t></is></c></row>")
    result, used = peak(lambda: excel.parse_upload(data, INFO, TASKS, SECRET, "big.xlsx"))
    assert isinstance(result, excel.UploadResult), result
    assert [(e.cell, e.field) for e in result.errors] == [("H4", "value")] and not result.rows
    assert used < BUDGET, used
    with pytest.raises(ValueError):
        excel.parse_decimal("1E+1000000")
    with pytest.raises(ValueError):
        excel.parse_decimal(1e300)


# --- the plan data package uploaded by the plan office --------------------------------------------------


@pytest.fixture
def package_xlsx(tmp_path: Path) -> Path:
    from planwatch.package import example_path, load

    return write_xlsx(load(example_path()), tmp_path / "p.xlsx")


def _replace_part(path: Path, name: str, body: bytes, out: Path) -> Path:
    src = zipfile.ZipFile(path)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item, body if item.filename == name else src.read(item.filename))
    return out


def test_a_package_that_unpacks_to_140_mb_is_refused_before_parsing(package_xlsx: Path, tmp_path: Path) -> None:
    out = tmp_path / "bomb.xlsx"
    src = zipfile.ZipFile(package_xlsx)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet3.xml":
                with z.open(item.filename, "w", force_zip64=True) as f:
                    for _ in range(140):
                        f.write(b" " * (1024 * 1024))
            else:
                z.writestr(item, src.read(item.filename))
    assert out.stat().st_size < 1_000_000
    result, used = peak(lambda: inspect(out, limits=xlsxread.UPLOAD))
    assert isinstance(result, xlsxread.TooLarge) and "MB" in str(result)
    assert used < BUDGET, used


def test_a_yaml_alias_bomb_in_the_plan_sheet_is_refused(package_xlsx: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(package_xlsx)
    ws = wb["plan"]
    bomb = "[" + ", ".join(["&a [x, x, x, x, x, x, x, x, x]"] + [f"&{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
                                                                  for p, c in zip("abcdefg", "bcdefgh", strict=True)]
                           ) + "]"
    ws.append(["settings.bomb", bomb])
    wb.save(tmp_path / "alias.xlsx")
    result, used = peak(lambda: inspect(tmp_path / "alias.xlsx", limits=xlsxread.UPLOAD))
    plan, issues = result
    assert plan is None
    assert any("alias" in i.message_en for i in issues)
    assert used < 8 * BUDGET, used  # the whole example package is read; the bomb adds nothing


def test_yaml_aliases_depth_and_length_are_refused() -> None:
    import yaml

    from planwatch.package import safeyaml

    for text in ("a: &x [1, 2]\nb: *x\n", "[" * 200 + "]" * 200, "x" * (safeyaml.MAX_CHARS + 1)):
        with pytest.raises(yaml.YAMLError):
            safeyaml.load(text)
    assert safeyaml.load("a: &x [1, 2]\n") == {"a": [1, 2]}  # an anchor alone is harmless


@pytest.mark.django_db
def test_a_body_beyond_the_cap_is_answered_413_unread(client, django_user_model) -> None:
    from planwatch.web.uploads import limit_for

    cap = limit_for("/report/upload/")
    response = client.post("/report/upload/", data=b"x" * 10, content_type="application/octet-stream",
                           CONTENT_LENGTH=str(cap + 1024 * 1024))
    assert response.status_code == 413 and b"MB" in response.content
    api = client.post("/api/submissions/", data=b"{}", content_type="application/json",
                      CONTENT_LENGTH=str(50 * 1024 * 1024))
    assert api.status_code == 413 and "MB" in api.json()["detail"]
