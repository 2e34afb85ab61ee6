"""A plan year run in the browser, as a district plan office runs it (issue 11).

GIVEN last year's plan with its people (the plan office, a viewer, and a head and a reporter in each of two
departments) and this year's plan package
WHEN the office imports the plan and sets its reporting schedule; rounds open on schedule; one department
reports with evidence, the other from Excel; a head returns a figure and its reporter, told so, corrects
it; heads and the office approve with the reviewer's context; a late department is reminded; a target is
adjusted mid-year; a round closes and refuses a late entry; the half-year report is drafted; next year's
plan is started from this year's ledger and imported
THEN every step shows on the pages of those concerned, and every page passed is photographed at 1366 and at
390 px wide, where nothing scrolls sideways. No request leaves the app (the offline guard of conftest).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from planwatch.core import model as core
from planwatch.package import write_xlsx
from planwatch.web.plans import clock
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import import_package
from planwatch.web.plans.models import Membership, Notification, Plan, Submission, Task
from planwatch.web.plans.services import reminders

from .conftest import DESKTOP, PHONE, SCREENSHOTS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-year-2021"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
D = Decimal


def package(year: int) -> core.Plan:
    """The district's plan of ``year``: two departments, four tasks, GDP, a key project; names in English too."""
    level = core.TargetKind.LEVEL_AT_LEAST

    def task(code: str, name: str, lead: str, name_en: str, value: str, unit: str, text: str) -> core.Task:
        return core.Task(code=code, name=name, area="city", lead=lead, name_en=name_en, target_kind=level,
                         target_value=D(value), unit=unit, target_text=text)

    return core.Plan(
        region=core.Region(code="yeardistrict", name="年度区", name_en="Year District"), year=year,
        title=f"年度区{year}年国民经济和社会发展计划", title_en=f"Year District {year} plan", base_year=year - 2,
        settings={"progress_convention": "months"},
        areas=[core.Area(code="city", name="城市治理", name_en="City management", order=1)],
        departments=[core.Department(code="dept_a", name="区城管委", name_en="City Management Commission"),
                     core.Department(code="dept_b", name="区园林绿化局", name_en="Landscaping Bureau")],
        indicators=[core.Indicator(code="gdp", name="地区生产总值", unit="亿元", name_en="GDP", comparable=True,
                                   headline=True, area="city")],
        observations=[core.Observation(indicator="gdp", period=f"{year}Q1", value=D("1700.2"), unit="亿元",
                                       yoy_pct=D("20.1"))],
        targets=[core.Target(indicator="gdp", period=str(year), kind=core.TargetKind.GROWTH_AT_LEAST, value=D("6"),
                             unit="%", text="增长6%以上")],
        tasks=[task("demolish", "拆除违法建设", "dept_a", "Demolish illegal buildings", "210", "万平方米",
                    "全年拆违不少于210万平方米"),
               task("parking", "新增停车位", "dept_a", "New parking spaces", "3000", "个", "新增停车位3000个"),
               task("greening", "新增绿地", "dept_b", "New green space", "500", "公顷", "新增绿地500公顷"),
               task("trees", "植树", "dept_b", "Trees planted", "20", "万株", "植树20万株")],
        projects=[core.Project(code="park", name="温榆河公园", category="livelihood", lead="dept_b",
                               name_en="Wenyu River Park", planned_start=dt.date(year, 3, 1), phase="preparing",
                               investment_plan=D("45000"))],
    )


def last_year() -> Plan:
    """Last year's plan with its people: they are carried into this year's when it is imported."""
    plan = import_package(package(2020), actor=Actor.cli())
    users = get_user_model().objects
    for name, role, dept in [("office", "planoffice", None), ("leader", "viewer", None),
                             ("head-a", "head", "dept_a"), ("rep-a", "reporter", "dept_a"),
                             ("head-b", "head", "dept_b"), ("rep-b", "reporter", "dept_b")]:
        user = users.create_user(name, password=PASSWORD, email=f"{name}@example.gov.cn")
        Membership.objects.create(user=user, plan=plan, role=role,
                                  department=plan.departments.get(code=dept) if dept else None)
    return plan


class Camera:
    """Full-page screenshots at 1366 and at 390 px of every page passed; at 390 nothing scrolls sideways."""

    def __init__(self, test: str) -> None:
        self.n = 0
        self.test = test
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(f"{test}--*.png"):  # a shorter run must not leave pictures of a longer one
            old.unlink()

    def __call__(self, page: Page, name: str) -> None:
        self.n += 1
        stem = f"{self.test}--{self.n:02d}-{name}"
        page.screenshot(path=str(SCREENSHOTS / f"{stem}-1366.png"), full_page=True)
        wide = page.evaluate("[...document.querySelectorAll('.table-wrap')].filter("
                             "e => e.scrollWidth > e.clientWidth + 1).length")
        assert wide == 0, f"{name}: a table scrolls sideways at 1366 px"
        page.set_viewport_size(PHONE)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(SCREENSHOTS / f"{stem}-390.png"), full_page=True)
        page.set_viewport_size(DESKTOP)
        assert width <= PHONE["width"], f"{name}: {width} px wide at 390 px: something scrolls sideways"


def test_a_plan_year(new_page: Callable[..., Page], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                     settings) -> None:
    settings.PLANWATCH_ATTACHMENTS_DIR = tmp_path / "attachments"
    today = {"day": dt.date(2021, 5, 25)}
    monkeypatch.setattr(clock, "today", lambda: today["day"])
    snap = Camera("test_a_plan_year")
    errors: list[str] = []
    last_year()
    write_xlsx(package(2021), tmp_path / "plan-2021.xlsx")

    def open_as(name: str) -> Page:
        page = new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        login(page, name, PASSWORD)
        return page

    # --- 25 May: the office imports this year's plan; last year's people come with it ---------------------
    office = open_as("office")
    office.goto("/package/")
    snap(office, "office-package-2020")
    office.set_input_files("#import-form input[type=file]", str(tmp_path / "plan-2021.xlsx"))
    office.click("#import-form button[type=submit]")
    expect(office.locator(".message-success")).to_contain_text("年度区2021年")
    expect(office.locator(".message-info")).to_contain_text("6")  # six people carried over
    expect(office.locator("#plan-select")).to_have_value(str(Plan.objects.get(year=2021).pk))
    snap(office, "office-dashboard-2021")
    plan = Plan.objects.get(year=2021)

    # the plan's settings: the heads approve first, monthly rounds opening on the 25th, due on the 5th
    office.goto("/settings/")
    office.check("#s-head")
    office.select_option("#s-frequency", "monthly")
    office.fill("#s-opens", "25")
    office.fill("#s-deadline", "5")
    office.fill("#s-remind", "2")
    snap(office, "office-settings")
    office.click("#save-settings")
    expect(office.locator(".message-success")).to_be_visible()
    office.goto("/rounds/")
    office.click("#open-due")
    expect(office.locator(".round-panel[data-round='2021-05'] h2")).to_contain_text("2021年5月")
    snap(office, "office-rounds-may")

    # --- department A reports in the browser, with evidence ---------------------------------------------------
    rep_a = open_as("rep-a")
    expect(rep_a.locator("#unread-count")).to_have_text("1")  # the round opened
    rep_a.goto("/report/")
    demolish, parking = Task.objects.get(plan=plan, code="demolish"), Task.objects.get(plan=plan, code="parking")
    rep_a.fill(f"#value-{demolish.pk}", "70.5")
    rep_a.fill(f"#note-{demolish.pk}", "拆违70.5万平方米")
    (tmp_path / "验收单.pdf").write_bytes(PDF)
    rep_a.set_input_files(f"#files-{demolish.pk}", str(tmp_path / "验收单.pdf"))
    rep_a.fill(f"#value-{parking.pk}", "1000")
    snap(rep_a, "reporter-a-form")
    rep_a.click("#submit-report")
    expect(rep_a.locator(".message-success")).to_be_visible()
    expect(rep_a.locator("tr[data-task=demolish] .attachment-link")).to_have_text("验收单.pdf")

    # --- department B reports from Excel ---------------------------------------------------------------------
    rep_b = open_as("rep-b")
    rep_b.goto("/report/")
    snap(rep_b, "reporter-b-form")
    with rep_b.expect_download() as dl:
        rep_b.click("#download-template")
    template = tmp_path / "template-b.xlsx"
    dl.value.save_as(template)
    from planwatch.web.pages import excel

    wb = load_workbook(template)
    sheet = wb[excel.SHEET]
    rows = {sheet.cell(row=r, column=excel.COL["code"]).value: r for r in range(excel.FIRST_ROW, sheet.max_row + 1)}
    sheet.cell(row=rows["greening"], column=excel.COL["value"], value=150)
    sheet.cell(row=rows["trees"], column=excel.COL["value"], value=4.2)
    wb.save(template)
    rep_b.set_input_files("#excel-upload input[type=file]", str(template))
    rep_b.click("#excel-upload button[type=submit]")
    expect(rep_b.locator("#created-count")).to_have_text("2")
    snap(rep_b, "reporter-b-excel-upload")

    # --- the heads decide: A's head approves both, B's head returns one ----------------------------------
    head_a = open_as("head-a")
    expect(head_a.locator("#unread-count")).to_be_visible()
    head_a.goto("/approvals/")
    expect(head_a.locator("tr[data-submission]")).to_have_count(2)
    head_a.check("#check-all")
    snap(head_a, "head-a-queue")
    head_a.click("#bulk-approve")
    expect(head_a.locator(".message-success")).to_contain_text("2")
    head_b = open_as("head-b")
    head_b.goto("/approvals/")
    snap(head_b, "head-b-queue")
    head_b.fill("tr[data-task=trees] input[name^=comment-]", "请按万株填报累计数")
    head_b.click("tr[data-task=trees] button[name=return]")
    expect(head_b.locator("tr[data-submission]")).to_have_count(1)
    head_b.click("tr[data-task=greening] button[name=approve]")
    expect(head_b.locator("tr[data-submission]")).to_have_count(0)

    # B's reporter is told, finds the returned figure filled in with the reason, corrects it
    rep_b.goto("/notifications/")
    expect(rep_b.locator(".notification[data-kind=returned]")).to_contain_text("请按万株填报累计数")
    snap(rep_b, "reporter-b-notifications")
    rep_b.click(".notification[data-kind=returned] a")
    expect(rep_b.locator("#returned-count")).to_have_text("1")
    trees = Task.objects.get(plan=plan, code="trees")
    expect(rep_b.locator(f"#value-{trees.pk}")).to_have_value("4.2")
    expect(rep_b.locator("tr[data-task=trees] .returned-comment")).to_contain_text("请按万株填报累计数")
    snap(rep_b, "reporter-b-returned")
    rep_b.fill(f"#value-{trees.pk}", "4.5")
    rep_b.click("#submit-report")
    expect(rep_b.locator("#returned-count")).to_have_text("0")
    head_b.goto("/approvals/")
    head_b.click("tr[data-task=trees] button[name=approve]")
    expect(head_b.locator("tr[data-submission]")).to_have_count(0)

    # --- the office decides with the context: previous figure, target, share, flags -----------------------
    office.goto("/approvals/")
    expect(office.locator("tr[data-submission]")).to_have_count(4)
    expect(office.locator("tr[data-task=demolish] .attachment-link")).to_have_text("验收单.pdf")
    expect(office.locator("tr[data-task=parking]")).to_contain_text("33.3%")  # 1000 of 3000
    snap(office, "office-queue-may")
    office.check("#check-all")
    office.click("#bulk-approve")
    expect(office.locator(".message-success")).to_contain_text("4")
    assert Submission.objects.filter(task__plan=plan, status="approved").count() == 4

    # --- 25 June: the schedule opens June (planwatch admin remind, run by cron) -----------------------------
    today["day"] = dt.date(2021, 6, 25)
    plan.refresh_from_db()  # its settings were changed on the settings page
    run = reminders.run_schedule(Actor.cli(), plan, today["day"])
    assert [r.period for r in run.opened] == ["2021-06"]
    rep_a.goto("/report/")
    expect(rep_a.locator("#round-card")).to_contain_text("2021年6月")
    rep_a.fill(f"#value-{demolish.pk}", "95")
    rep_a.fill(f"#value-{parking.pk}", "5000")  # against 3,000 a year and 1,000 in May: flagged for review
    snap(rep_a, "reporter-a-june")
    rep_a.click("#submit-report")
    expect(rep_a.locator(".message-success")).to_be_visible()
    rep_b.goto("/report/")  # B opens the form … and leaves it

    # --- 6 July: department B is late; the office reminds it in one click -----------------------------------
    today["day"] = dt.date(2021, 7, 6)
    office.goto("/rounds/")
    june = office.locator(".round-panel[data-round='2021-06']")
    expect(june.locator("tr[data-department=dept_b] .badge-late")).to_be_visible()
    june.locator(".remind-button").click()
    expect(office.locator(".message-success")).to_contain_text("1")
    snap(office, "office-rounds-june-late")
    assert Notification.objects.filter(user__username="rep-b", kind="overdue").exists()

    # --- the target of greening is adjusted mid-year (计划调整) -----------------------------------------------
    greening = Task.objects.get(plan=plan, code="greening")
    office.goto(f"/tasks/{greening.pk}/")
    office.click(".adjust-details summary")
    office.fill("#adj-value", "450")
    office.fill("#adj-text", "全年新增绿地不少于450公顷（年中调整）")
    office.fill("#adj-reason", "区政府常务会研究调整")
    office.fill("#adj-effective", "2021-07-06")
    office.click("#adjust-form button[type=submit]")
    expect(office.locator("#task-target")).to_contain_text("450")
    expect(office.locator("#adjustments tr[data-adjustment]")).to_have_count(1)
    snap(office, "office-task-adjusted")

    # heads and the office approve June; the 5,000 parking spaces are flagged, and returned
    head_a.goto("/approvals/")
    head_a.check("#check-all")
    head_a.click("#bulk-approve")
    office.goto("/approvals/")
    expect(office.locator("tr[data-task=parking] .badge-flag")).to_have_count(2)  # above target, a jump
    snap(office, "office-queue-june-flagged")
    office.click("button.lang[value=en]")  # the same queue in English
    expect(office.locator("tr[data-task=parking] .badge-flag").first).to_contain_text("Above the target")
    snap(office, "office-queue-june-flagged-en")
    office.goto("/rounds/")
    expect(office.locator(".round-panel[data-round='2021-06'] h2")).to_contain_text("June 2021")
    snap(office, "office-rounds-en")
    office.click("button.lang[value=zh-hans]")
    office.goto("/approvals/")
    office.fill("tr[data-task=parking] input[name^=comment-]", "5000个超过全年目标，请核实")
    office.click("tr[data-task=parking] button[name=return]")
    office.click("tr[data-task=demolish] button[name=approve]")
    expect(office.locator("tr[data-submission]")).to_have_count(0)

    # --- the office closes June; B's late entry from the form left open is refused -------------------------
    office.goto("/rounds/")
    june.locator(".close-button").click()
    expect(june.locator("h2")).to_contain_text("已截止")
    snap(office, "office-rounds-june-closed")
    rep_b.fill(f"#value-{greening.pk}", "260")
    rep_b.click("#submit-report")
    expect(rep_b.locator("#round-closed")).to_contain_text("2021年6月填报轮次已截止")
    expect(rep_b.locator("#submit-report")).to_have_count(0)  # and no form to fill until a round opens
    snap(rep_b, "reporter-b-round-closed")
    assert not Submission.objects.filter(task=greening, value=D("260")).exists()

    # --- the leader reads approved figures only ------------------------------------------------------------
    leader = open_as("leader")
    leader.goto(f"/tasks/{parking.pk}/")
    expect(leader.locator("#submissions tr[data-submission]")).to_have_count(1)  # May's, approved; not June's
    expect(leader.locator("#submissions")).not_to_contain_text("5000")
    snap(leader, "leader-task")
    leader.goto("/")
    snap(leader, "leader-dashboard")

    # --- the half-year report is drafted: it states the adjusted target ------------------------------------
    office.goto("/reports/")
    office.fill("#r-period", "2021H1")
    office.select_option("#r-format", "md")
    snap(office, "office-reports")
    with office.expect_download() as dl:
        office.click("#report-form button[type=submit]")
    report = Path(dl.value.path()).read_text(encoding="utf-8")
    assert "450" in report and "95" in report and "5000" not in report

    # the ledger, printable and exported
    office.goto("/tasks/")
    snap(office, "office-ledger")
    with office.expect_download() as dl:
        office.click("#ledger-export")
    dl.value.save_as(tmp_path / "ledger.xlsx")
    assert load_workbook(tmp_path / "ledger.xlsx").active.max_row == 5  # a header and the four tasks

    # --- next year: the office drafts 2022 from this year's ledger, fills the targets, imports it ------------
    office.goto("/package/")
    snap(office, "office-package")
    with office.expect_download() as dl:
        office.click("#next-year-draft")
    draft = tmp_path / "draft-2022.xlsx"
    dl.value.save_as(draft)
    wb = load_workbook(draft)
    tasks_sheet = wb["tasks"]
    header = [c.value for c in tasks_sheet[1]]
    for row in tasks_sheet.iter_rows(min_row=2):
        row[header.index("target_value")].value = 100
    wb.save(draft)
    office.set_input_files("#import-form input[type=file]", str(draft))
    office.click("#import-form button[type=submit]")
    expect(office.locator(".message-success")).to_contain_text("2022")
    next_plan = Plan.objects.get(year=2022)
    rep_a2 = open_as("rep-a")
    expect(rep_a2.locator("#plan-select")).to_have_value(str(next_plan.pk))  # the newest plan first
    rep_a2.goto("/report/")
    expect(rep_a2.locator("tr[data-task]")).to_have_count(2)  # department A's two tasks of 2022
    snap(rep_a2, "reporter-a-2022")
    assert errors == []
