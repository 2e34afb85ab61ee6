"""The pages work under the Content-Security-Policy: no page, the admin or the API docs included, makes
Chromium refuse a script or a style; bars keep their widths (classes, not style attributes); the few
behaviours (a select that sends its form, tick-all) run from the static script."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from pages.factories import PASSWORD, build_world
from planwatch.web.plans.models import Submission

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAGES = ["/", "/tasks/", "/indicators/", "/warnings/", "/projects/", "/approvals/", "/report/?department=cgj",
         "/rounds/", "/people/", "/package/", "/reports/", "/api/docs/"]


def _violations(page: Page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(f"{page.url}: {m.text[:200]}") if "Content Security Policy" in m.text
            else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def test_no_page_breaks_the_policy(page: Page) -> None:
    world = build_world()
    t1 = world.tasks["T01"]
    Submission.objects.create(task=t1, value=Decimal("91.4"), unit="万平方米", as_of=dt.date(2021, 6, 30),
                              status="approved", round=world.round)
    Submission.objects.create(task=world.tasks["T02"], value=Decimal("50"), unit="公顷",
                              as_of=dt.date(2021, 6, 30), status="submitted", round=world.round)
    found = _violations(page)
    login(page, "planoffice", PASSWORD)
    for path in PAGES:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), path
        page.wait_for_load_state("networkidle")
    assert found == []
    page.goto("/tasks/")
    fill = page.locator(f"tr:has-text('{t1.code}') .progress-fill").first
    expect(fill).to_have_class(re.compile(r"\bw-4[34]\b"))  # 91.4 of 210: 43.5%
    assert page.evaluate("el => el.getBoundingClientRect().width", fill.element_handle()) > 0


def test_the_static_script_sends_the_department_form_and_ticks_all(page: Page) -> None:
    build_world()
    found = _violations(page)
    login(page, "planoffice", PASSWORD)
    page.goto("/report/")
    page.select_option("#r-department", "jw")
    expect(page).to_have_url(re.compile(r"department=jw"))
    page.goto("/approvals/")
    assert found == []


def test_the_admin_works_under_the_policy(page: Page) -> None:
    build_world()
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    found = _violations(page)
    page.goto("/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    page.goto("/admin/plans/membership/")
    expect(page.locator("#result_list")).to_be_visible()
    assert found == []
