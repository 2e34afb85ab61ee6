"""The shell of the pages in a real browser: login, language switch, phone layout, the offline guard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from pages.factories import PASSWORD, build_world

from .conftest import PHONE, OfflineGuard, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_then_dashboard_in_chinese_then_english(page: Page, shot: Callable[[Page, str], Path]) -> None:
    build_world()
    page.goto("/")
    assert "/accounts/login/" in page.url  # anonymous users are sent to log in
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").inner_text() == "登录"
    shot(page, "login")

    page.fill("#id_username", "planoffice")
    page.fill("#id_password", "wrong")
    page.click("button.button-primary")
    assert page.locator(".form-errors").is_visible()
    shot(page, "login-error")

    login(page, "planoffice", PASSWORD)
    assert urlsplit(page.url).path == "/"  # at the dashboard
    assert page.locator(".nav a.active").inner_text() == "总览"
    assert "主要指标" in page.locator("#headline h2").inner_text()

    page.click("button.lang[value=en]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".nav a.active").inner_text() == "Dashboard"
    assert page.locator("#headline h2").inner_text() == "Headline indicators"
    assert page.locator("h1").inner_text().startswith("Chaoyang 2021 plan")  # the plan's English title
    shot(page, "dashboard-en")


def test_phone_layout_folds_the_menu(new_page: Callable[..., Page], shot: Callable[[Page, str], Path]) -> None:
    build_world()
    page = new_page(viewport=PHONE)
    login(page, "planoffice", PASSWORD)
    nav = page.locator("nav.nav")
    assert not nav.is_visible()
    shot(page, "phone-dashboard")
    page.click("label.nav-toggle-label")
    assert nav.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    shot(page, "phone-menu")


def test_offline_guard_catches_a_request_to_another_host(page: Page, offline_guard: OfflineGuard) -> None:
    page.goto("/accounts/login/")
    page.set_content('<img src="http://cdn.example.invalid/logo.png">')
    page.wait_for_timeout(300)
    assert offline_guard.outside == ["http://cdn.example.invalid/logo.png"]
    offline_guard.outside.clear()  # this test made the request on purpose; the teardown must not fail it
