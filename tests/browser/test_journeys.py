"""The main journeys of the issue, driven through headless Chromium against the live server.

GIVEN the small Chaoyang plan of ``tests/pages/factories.py`` (round 2021年6月, time progress 50% by months)
WHEN a reporter and the plan office use the pages as people do
THEN figures flow through the workflow and show up where they should; nothing leaves the app.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from pages.factories import PASSWORD, build_world
from planwatch.web.pages import excel
from planwatch.web.plans.models import Project, Submission

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Shot = Callable[[Page, str], Path]


def test_report_with_a_bad_figure_then_approve_and_see_progress_move(new_page: Callable[..., Page], shot: Shot) -> None:
    w = build_world()
    t1, t2 = w.tasks["T01"], w.tasks["T02"]

    # a reporter of 区城管委 fills the form with one bad figure
    rep = new_page()
    login(rep, "reporter-cgj", PASSWORD)
    rep.goto("/report/")
    expect(rep.locator("h1")).to_contain_text("区城管委")
    expect(rep.locator("tr[data-task]")).to_have_count(3)  # only the department's tasks
    shot(rep, "1-report-form")
    rep.fill(f"#value-{t1.pk}", "91.4")
    rep.fill(f"#note-{t1.pk}", "拆违91.4万平方米")
    rep.fill(f"#value-{t2.pk}", "约109.7")
    rep.click("#submit-report")
    expect(rep.locator(f"#err-value-{t2.pk}")).to_be_visible()
    expect(rep.locator(f"#err-value-{t2.pk}")).to_contain_text("不是数字")
    expect(rep.locator(f"#value-{t1.pk}")).to_have_value("91.4")  # what was typed is kept
    assert Submission.objects.count() == 0
    shot(rep, "2-report-error")

    # corrects it and submits
    rep.fill(f"#value-{t2.pk}", "109.7")
    rep.click("#submit-report")
    expect(rep.locator(".message-success")).to_be_visible()
    expect(rep.locator("tr[data-task=T01] .badge-submitted")).to_be_visible()
    shot(rep, "3-report-submitted")
    assert Submission.objects.filter(status="submitted").count() == 2

    # the plan office sees nothing on track yet, approves one figure and returns the other
    office = new_page()
    login(office, "planoffice", PASSWORD)
    expect(office.locator(".status-card[data-status=on_track] .card-value")).to_have_text("0")
    office.goto("/approvals/")
    expect(office.locator("tr[data-submission]")).to_have_count(2)
    shot(office, "4-approval-queue")
    office.click("tr[data-task=T01] button[name=approve]")
    expect(office.locator(".message-success")).to_contain_text("拆除违法建设")
    office.fill("tr[data-task=T02] input[name^=comment-]", "请核实腾退土地口径")
    office.click("tr[data-task=T02] button[name=return]")
    expect(office.locator("tr[data-submission]")).to_have_count(0)
    shot(office, "5-approval-done")

    # the dashboard and the task's progress bar change: 91.4 of 210 is 43.5%, time progress 50.0%
    office.goto("/")
    expect(office.locator(".status-card[data-status=on_track] .card-value")).to_have_text("1")
    expect(office.locator(".status-card[data-status=not_started] .card-value")).to_have_text("4")
    shot(office, "6-dashboard-after")
    office.goto("/tasks/")
    bar = office.locator("tr[data-task=T01] .progress")
    assert (bar.get_attribute("data-done"), bar.get_attribute("data-time")) == ("43.5", "50.0")
    assert bar.get_attribute("data-status") == "on_track"
    fill = office.locator("tr[data-task=T01] .progress-fill")  # a width class (no inline style under the CSP)
    share = fill.evaluate("e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width")
    assert abs(share - 0.435) < 0.01, share
    shot(office, "7-ledger-after")
    office.click("tr[data-task=T01] a")
    expect(office.locator("#submissions .badge-approved")).to_have_count(1)
    expect(office.locator("#history")).to_contain_text("planoffice")
    shot(office, "8-task-detail")

    # the reporter sees the returned figure with its comment and resubmits it
    rep.goto("/report/")
    expect(rep.locator("tr[data-task=T02]")).to_contain_text("请核实腾退土地口径")
    rep.fill(f"#value-{t2.pk}", "109.7")
    rep.click("#submit-report")
    expect(rep.locator(".message-success")).to_be_visible()
    sub = Submission.objects.get(task=t2)
    assert (sub.status, sub.version > 2) == ("submitted", True)
    shot(rep, "9-resubmitted")


def test_excel_template_round_trip(page: Page, shot: Shot, tmp_path: Path) -> None:
    w = build_world()
    login(page, "reporter-cgj", PASSWORD)
    page.goto("/report/")
    with page.expect_download() as dl:
        page.click("#download-template")
    path = tmp_path / "template.xlsx"
    dl.value.save_as(path)
    wb = load_workbook(path)
    ws = wb[excel.SHEET]
    codes = [ws.cell(row=r, column=excel.COL["code"]).value for r in range(excel.FIRST_ROW, ws.max_row + 1)]
    assert codes == ["T01", "T02", "T03"]
    ws.cell(row=excel.FIRST_ROW, column=excel.COL["value"], value=91.4)
    ws.cell(row=excel.FIRST_ROW + 1, column=excel.COL["value"], value="一百")  # one bad cell: H5
    wb.save(path)

    page.set_input_files("#excel-upload input[type=file]", str(path))
    page.click("#excel-upload button[type=submit]")
    expect(page.locator("#error-count")).to_have_text("1")
    expect(page.locator("#upload-errors")).to_contain_text("H5")
    expect(page.locator("#created-count")).to_have_text("0")
    shot(page, "1-upload-errors")
    assert Submission.objects.count() == 0

    ws.cell(row=excel.FIRST_ROW + 1, column=excel.COL["value"], value=109.7)
    wb.save(path)
    for expected_created, expected_repeated in ((2, 0), (0, 2)):  # the same file twice creates nothing twice
        page.goto("/report/")
        page.set_input_files("#excel-upload input[type=file]", str(path))
        page.click("#excel-upload button[type=submit]")
        expect(page.locator("#created-count")).to_have_text(str(expected_created))
        expect(page.locator("#repeated-count")).to_have_text(str(expected_repeated))
    shot(page, "2-upload-again")
    assert sorted((s.task.code, str(s.value), s.status) for s in Submission.objects.all()) == [
        ("T01", "91.4", "submitted"), ("T02", "109.7", "submitted")]
    buf = io.BytesIO(path.read_bytes())
    assert load_workbook(buf)[excel.SHEET].protection.sheet  # still the locked template
    assert w.round.submissions.count() == 2


def test_a_reporter_cannot_reach_another_departments_task_by_url(page: Page, shot: Shot) -> None:
    w = build_world()
    login(page, "reporter-cgj", PASSWORD)
    own = page.goto(f"/tasks/{w.tasks['T01'].pk}/")
    assert own is not None and own.status == 200
    other = page.goto(f"/tasks/{w.tasks['T04'].pk}/")  # 区教委's task
    assert other is not None and other.status == 404
    expect(page.locator("h1")).to_have_text("未找到")
    shot(page, "404")
    assert page.goto("/approvals/").status == 404  # type: ignore[union-attr]  # a reporter approves nothing


def test_every_page_renders_for_the_plan_office(page: Page, shot: Shot) -> None:
    w = build_world()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page, "planoffice", PASSWORD)
    for name, url in [
        ("dashboard", "/"), ("indicators", "/indicators/"), ("indicator", f"/indicators/{w.indicators['gdp'].pk}/"),
        ("ledger", "/tasks/"), ("task", f"/tasks/{w.tasks['T01'].pk}/"), ("report", "/report/?department=jw"),
        ("approvals", "/approvals/"), ("warnings", "/warnings/"), ("projects", "/projects/"),
        ("project", f"/projects/{Project.objects.get(code='P01').pk}/"), ("reports", "/reports/"),
        ("package", "/package/"), ("people", "/people/"), ("rounds", "/rounds/"),
    ]:
        resp = page.goto(url)
        assert resp is not None and resp.status == 200, url
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366, f"{url} scrolls sideways"
        shot(page, name)
    assert errors == []
