"""The bundled example (Chaoyang 2021, from the seed report) through the pages: real figures, real shapes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from planwatch.package import example_path, load
from planwatch.web.plans.importexport import import_package
from planwatch.web.plans.models import Membership
from planwatch.web.plans.recompute import recompute_warnings

from .conftest import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Shot = Callable[[Page, str], Path]


@pytest.fixture
def example():
    plan = import_package(load(example_path()))
    recompute_warnings(plan)
    office = get_user_model().objects.create_user("office", password="pw-example-1")
    Membership.objects.create(user=office, plan=plan, role="planoffice")
    return plan


def test_example_dashboard_shows_the_published_headline(example, page: Page, shot: Shot) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page, "office", "pw-example-1")
    gdp = page.locator(".indicator-card", has_text="地区生产总值").first
    expect(gdp).to_contain_text("3640.7")
    expect(gdp).to_contain_text("13.5%")
    expect(gdp).to_contain_text("3.9%")  # two-year average, published in the report
    shot(page, "dashboard")
    for name, url in (("ledger", "/tasks/"), ("warnings", "/warnings/"), ("projects", "/projects/"),
                      ("indicators", "/indicators/")):
        resp = page.goto(url)
        assert resp is not None and resp.status == 200, url
        shot(page, name)
    page.goto("/indicators/")
    page.locator(".indicator-card", has_text="地区生产总值").first.click()
    expect(page.locator("#series-table")).to_contain_text("3640.7")
    shot(page, "indicator-gdp")
    page.goto("/tasks/")
    page.locator("tr[data-task] a").first.click()
    expect(page.locator("#task-progress")).to_be_visible()
    shot(page, "task")
    assert errors == []


def test_example_on_a_phone(example, new_page: Callable[..., Page], shot: Shot) -> None:
    page = new_page(viewport=PHONE)
    login(page, "office", "pw-example-1")
    for name, url in (("dashboard", "/"), ("ledger", "/tasks/"), ("report", "/report/")):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
        shot(page, f"phone-{name}")
