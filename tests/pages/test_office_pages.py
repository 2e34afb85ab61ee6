"""The plan office's pages: reports, the plan package, users and departments; and who may open them."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from planwatch.package import example_path, load
from planwatch.web.plans.importexport import import_package
from planwatch.web.plans.models import Membership, Plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["planoffice", "viewer"])
def test_reports_page_for_office_and_viewers(as_user, name) -> None:
    assert as_user(name).get("/reports/").status_code == 200


@pytest.mark.parametrize("name", ["reporter-cgj", "head-cgj"])
def test_office_pages_are_not_for_departments(as_user, name) -> None:
    c = as_user(name)
    for url in ("/reports/", "/reports/download/?format=md", "/package/", "/package/export.xlsx", "/people/"):
        assert c.get(url).status_code == 404, url


def test_viewer_has_no_package_or_people_page(as_user) -> None:
    c = as_user("viewer")
    assert c.get("/package/").status_code == 404 and c.get("/people/").status_code == 404


def test_report_of_the_example_plan_downloads_as_markdown(client, django_user_model) -> None:
    plan = import_package(load(example_path()))
    office = django_user_model.objects.create_user("office")
    Membership.objects.create(user=office, plan=plan, role="planoffice")
    client.force_login(office)
    r = client.get("/reports/download/", {"format": "md", "period": "2021H1", "lang": "zh"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/markdown")
    text = r.content.decode()
    assert "3640.7" in text and "13.5" in text  # GDP of the first half, as published
    assert client.get("/reports/download/", {"format": "exe"}).status_code == 404
    assert client.get("/reports/download/", {"format": "md", "period": "../etc"}).status_code == 404


def test_package_export_then_import_of_the_same_plan_is_refused_whole(as_user, world) -> None:
    c = as_user("planoffice")
    r = c.get("/package/export.xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert {"tasks", "indicators", "departments"} <= set(wb.sheetnames)
    before = Plan.objects.count()
    upload = io.BytesIO(r.content)
    upload.name = "again.xlsx"
    r = c.post("/package/", {"file": upload}, follow=True)
    assert Plan.objects.count() == before  # the same region and year: nothing imported
    assert any("Nothing was imported" in str(m) or "未导入" in str(m) for m in r.context["messages"])


def test_package_with_errors_lists_them_and_imports_nothing(as_user, world) -> None:
    wb = Workbook()
    wb.active.title = "areas"
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "broken.xlsx"
    r = as_user("planoffice").post("/package/", {"file": buf})
    assert r.status_code == 200
    assert r.context["issues"], "the problems are listed"
    assert Plan.objects.count() == 1


def test_people_page_lists_members_and_departments(as_user, world) -> None:
    r = as_user("planoffice").get("/people/")
    html = r.content.decode()
    assert "reporter-cgj" in html and "区城管委" in html
    cgj = next(d for d in r.context["departments"] if d.code == "cgj")
    assert cgj.n_tasks == 3


def test_open_and_close_a_reporting_round(as_user, world) -> None:
    from planwatch.web.plans.models import ReportingRound

    c = as_user("planoffice")
    r = c.post("/rounds/", {"label": "2021年7月", "period": "2022-07", "opens": "2021-07-01", "deadline": "2021-06-01"})
    assert set(r.context["errors"]) == {"period", "deadline"}  # another year; a deadline before the opening
    assert r.context["posted"]["label"] == "2021年7月"
    r = c.post("/rounds/", {"label": "2021年7月", "period": "2021-07", "opens": "2021-07-01", "deadline": "2021-08-10"})
    assert r.status_code == 302
    rnd = ReportingRound.objects.get(plan=world.plan, period="2021-07")
    assert rnd.status == "open"
    c.post("/rounds/", {"close": rnd.pk})  # without the version read: refused, the page asks to reload
    rnd.refresh_from_db()
    assert rnd.status == "open"
    c.post("/rounds/", {"close": rnd.pk, f"version-{rnd.pk}": rnd.version})
    rnd.refresh_from_db()
    assert rnd.status == "closed"
    assert as_user("reporter-cgj").get("/rounds/").status_code == 404
