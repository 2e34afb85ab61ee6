"""The Excel round trip through the views: download, fill, upload; errors, keeping the good rows, twice."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from planwatch.web.pages import excel
from planwatch.web.plans.models import Submission
from web.factories import current

pytestmark = pytest.mark.django_db


def _download(c) -> bytes:
    r = c.get("/report/template.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    return r.content


def _fill(data: bytes, values: dict[int, object]) -> io.BytesIO:
    wb = load_workbook(io.BytesIO(data))
    ws = wb[excel.SHEET]
    for i, v in values.items():
        ws.cell(row=excel.FIRST_ROW + i, column=excel.COL["value"], value=v)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "filled.xlsx"
    return buf


def test_template_holds_only_the_departments_tasks(as_user, world) -> None:
    ws = load_workbook(io.BytesIO(_download(as_user("reporter-jw"))))[excel.SHEET]
    codes = [ws.cell(row=r, column=excel.COL["code"]).value for r in range(excel.FIRST_ROW, ws.max_row + 1)]
    assert codes == ["T04"]


def test_errors_save_nothing_unless_the_good_rows_are_kept(as_user, world) -> None:
    c = as_user("reporter-cgj")
    data = _download(c)
    r = c.post("/report/upload/", {"file": _fill(data, {0: 91.4, 1: "x"})})
    assert [e.cell for e in r.context["result"].errors] == ["H5"] and r.context["created"] == 0
    assert Submission.objects.count() == 0
    r = c.post("/report/upload/", {"file": _fill(data, {0: 91.4, 1: "x"}), "keep_good": "1"})
    assert r.context["created"] == 1
    assert [(s.task.code, s.value, s.status) for s in Submission.objects.all()] == [
        ("T01", Decimal("91.4"), "submitted")]


def test_service_refusals_come_back_as_cell_errors(as_user, world) -> None:
    """GIVEN a template downloaded before 100 was approved WHEN 90 is uploaded THEN the service refuses it
    (a cumulative figure cannot go down), and the refusal names the cell."""
    from planwatch.web.plans import services
    from planwatch.web.plans.actor import Actor

    t1 = world.tasks["T01"]
    c = as_user("reporter-cgj")
    data = _download(c)  # no approved figure yet: the sheet itself cannot know 90 is too low
    sub = services.report(Actor.for_user(world.users["reporter-cgj"]), t1, value="100", as_of="2021-06-15",
                          round=world.round)
    current(services.approve)(Actor.for_user(world.users["planoffice"]), sub)
    r = c.post("/report/upload/", {"file": _fill(data, {0: 90})})
    errors = r.context["result"].errors
    assert [(e.cell, e.field) for e in errors] == [("H4", "value")]
    assert "100" in errors[0].message
    assert Submission.objects.filter(task=t1).count() == 1


def test_the_same_file_twice_creates_nothing_twice(as_user, world) -> None:
    c = as_user("reporter-cgj")
    data = _download(c)
    first = c.post("/report/upload/", {"file": _fill(data, {0: 91.4, 1: 109.7})})
    second = c.post("/report/upload/", {"file": _fill(data, {0: 91.4, 1: 109.7})})
    assert (first.context["created"], first.context["repeated"]) == (2, 0)
    assert (second.context["created"], second.context["repeated"]) == (0, 2)
    assert Submission.objects.count() == 2


def test_a_viewer_gets_no_template(as_user, world) -> None:
    assert as_user("viewer").get("/report/template.xlsx").status_code == 404


def test_not_a_workbook_is_refused_with_a_message(as_user, world) -> None:
    buf = io.BytesIO(b"not excel")
    buf.name = "notes.txt"
    r = as_user("reporter-cgj").post("/report/upload/", {"file": buf}, follow=True)
    assert any("notes.txt" in str(m) for m in r.context["messages"])
    assert Submission.objects.count() == 0
