"""Every spreadsheet and CSV the app writes neutralises text a spreadsheet would run as a formula — and only
text: negative numbers stay numbers — and the package still round-trips exactly. File names built from
data are safe; the Markdown report shows HTML instead of running it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planwatch.package import load, write_folder, write_xlsx
from planwatch.package.formulas import dangerous, neutral, restore, safe_filename
from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor

EVIL = ["=HYPERLINK(\"http://x.example\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1", "'=already", "'"]


def test_neutral_and_restore_are_inverse_and_spare_numbers() -> None:
    for text in [*EVIL, "", "plain", "'plain", "''=x", "-", "=", "91.4", "-5.16", "+3", "-1e5", "1,234.5"]:
        assert restore(neutral(text)) == text
        if dangerous(text):
            assert neutral(text).startswith("'")
    for number in ("-5.16", "+3", "-0.5", "-1E5", "-12%"):
        assert neutral(number) == number
    assert safe_filename('a"b\r\nc/../d') == "a_b_c_.._d" and safe_filename("../..") == "export"


@pytest.fixture
def evil_plan(plan, users, task):
    """Department, task and note texts that look like formulas; an approved note starting with "="."""
    dept = plan.departments.get(code="dept_a")
    dept.name = EVIL[0]
    dept.save()
    task.name = EVIL[1]
    task.save()
    reporter, office = Actor.for_user(users["reporter_a"]), Actor.for_user(users["planoffice"])
    sub = services.report(reporter, task, value="95", as_of="2021-07-31", note="=cmd|' /C calc'!A0")
    services.approve(office, sub, version=sub.version)
    return plan


def _csv_cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _xlsx_cells(data: bytes) -> list:
    wb = load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _no_live_formula(cells: list) -> None:
    for c in cells:
        assert c.data_type != "f", (c.coordinate, c.value)
        if isinstance(c.value, str) and dangerous(c.value):
            assert c.data_type == "s" and c.quotePrefix, (c.coordinate, c.value)


@pytest.mark.django_db
def test_the_package_zip_neutralises_text_and_keeps_numbers(evil_plan, api, tmp_path: Path) -> None:
    response = api("planoffice").get(f"/api/plans/{evil_plan.pk}/export/?format=zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c for name in archive.namelist() if name.endswith(".csv")
             for c in _csv_cells(archive.read(name).decode("utf-8-sig"))]
    assert not [c for c in cells if dangerous(c)]  # nothing a spreadsheet would run
    assert "'" + EVIL[0] in cells and "'=cmd|' /C calc'!A0" in cells
    assert "-1" in cells  # revenue's vs_base_pct, a negative number, is still a number
    archive.extractall(tmp_path)
    loaded = load(tmp_path / "testdistrict-2021")
    assert next(d for d in loaded.departments if d.code == "dept_a").name == EVIL[0]  # read back exactly
    assert any(p.note == "=cmd|' /C calc'!A0" for p in loaded.progress)


@pytest.mark.django_db
def test_the_package_workbooks_of_the_api_and_the_page_keep_formulas_text(evil_plan, api, client, users) -> None:
    data = b"".join(api("planoffice").get(f"/api/plans/{evil_plan.pk}/export/?format=xlsx").streaming_content)
    cells = _xlsx_cells(data)
    _no_live_formula(cells)
    assert EVIL[0] in [c.value for c in cells]
    client.force_login(users["planoffice"])
    page = client.get("/package/export.xlsx")
    _no_live_formula(_xlsx_cells(page.content))
    assert page["Content-Disposition"].startswith("attachment") and "\n" not in page["Content-Disposition"]


@pytest.mark.django_db
def test_the_reporting_template_keeps_a_formula_name_text(evil_plan, users, client) -> None:
    services.open_round(Actor.for_user(users["planoffice"]), evil_plan, label="=2021年8月", period="2021-08",
                        opens="2021-08-01", deadline="2021-09-05")
    client.force_login(users["reporter_a"])
    response = client.get("/report/template.xlsx")
    assert response.status_code == 200
    cells = _xlsx_cells(response.content)
    _no_live_formula(cells)
    assert any(isinstance(c.value, str) and c.value.startswith(EVIL[0]) for c in cells)  # the title
    assert EVIL[1] in [c.value for c in cells]  # the task's name


def test_folder_and_workbook_writers_round_trip_evil_texts(tmp_path: Path) -> None:
    from planwatch.core import model as core
    from web.factories import small_plan

    plan = small_plan()
    plan.areas[0] = core.Area(code="econ", name=EVIL[3], name_en=EVIL[4], order=1, source=plan.areas[0].source)
    plan.extra = {"../../escape": [{"=h": EVIL[0], "k": "-5"}]}
    folder = write_folder(plan, tmp_path / "f")
    assert not (tmp_path / "escape.csv").exists() and (folder / "escape.csv").exists()
    book = write_xlsx(plan, tmp_path / "p.xlsx")
    _no_live_formula(_xlsx_cells(book.read_bytes()))
    assert load(folder).areas[0].name == EVIL[3] and load(book).areas[0].name == EVIL[3]


def test_the_markdown_report_escapes_html(tmp_path: Path) -> None:
    from planwatch.report.document import Document, Paragraph
    from planwatch.report.writers import markdown

    doc = Document(lang="zh", title="<b>计划</b>", body=[Paragraph(["<script>alert(1)</script> & 完成"])])
    text = markdown.render(doc)
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;" in text


def test_reports_download_names_are_safe() -> None:
    code = 'x"; y'
    assert safe_filename(f"planwatch-{code}-{dt.date(2021, 6, 30)}") == "planwatch-x_y-2021-06-30"


def test_the_hotline_ranking_workbook_keeps_formula_text_text() -> None:
    from planwatch.hotline.excel import ranking_workbook

    data = ranking_workbook([], "2021-06", title='=HYPERLINK("http://x.example","排名")')
    cells = _xlsx_cells(data)
    _no_live_formula(cells)
    assert cells[0].value == '=HYPERLINK("http://x.example","排名")' and cells[0].quotePrefix
