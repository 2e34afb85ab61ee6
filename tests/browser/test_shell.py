"""The shell of the pages in a real browser: login, language switch, phone layout, the offline guard."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from pages.factories import PASSWORD, build_world

from .conftest import PHONE, OfflineGuard, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_then_dashboard_in_chinese_then_english(page: Page, shot: Callable[[Page, str], Path]) -> None:
    build_world()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))  # anonymous users are sent to log in
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("h1")).to_have_text("登录")
    shot(page, "login")

    page.fill("#id_username", "planoffice")
    page.fill("#id_password", "wrong")
    page.click("button.button-primary")
    expect(page.locator(".form-errors")).to_be_visible()  # waits for the answer, however busy the machine
    shot(page, "login-error")

    login(page, "planoffice", PASSWORD)
    expect(page.locator(".nav a.active")).to_have_text("总览")
    assert urlsplit(page.url).path == "/"  # at the dashboard
    expect(page.locator("#headline h2")).to_contain_text("主要指标")

    page.click("button.lang[value=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".nav a.active")).to_have_text("Dashboard")
    expect(page.locator("#headline h2")).to_have_text("Headline indicators")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Chaoyang 2021 plan"))  # the plan's English title
    shot(page, "dashboard-en")


def test_phone_layout_folds_the_menu(new_page: Callable[..., Page], shot: Callable[[Page, str], Path]) -> None:
    build_world()
    page = new_page(viewport=PHONE)
    login(page, "planoffice", PASSWORD)
    nav = page.locator("nav.nav")
    expect(nav).to_be_hidden()
    shot(page, "phone-dashboard")
    page.click("label.nav-toggle-label")
    expect(nav).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    shot(page, "phone-menu")


def test_offline_guard_catches_a_request_to_another_host(page: Page, offline_guard: OfflineGuard) -> None:
    page.goto("about:blank")  # the app's own pages would not even ask: their CSP allows images from the app only
    page.set_content('<img src="http://cdn.example.invalid/logo.png">')
    page.wait_for_timeout(300)
    assert offline_guard.outside == ["http://cdn.example.invalid/logo.png"]
    offline_guard.outside.clear()  # this test made the request on purpose; the teardown must not fail it
