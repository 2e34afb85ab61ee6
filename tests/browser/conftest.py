"""Browser test harness: Playwright driving Debian's Chromium against pytest-django's live server.

- ``browser`` (session): headless Chromium from ``/usr/bin/chromium`` (``PLANWATCH_CHROMIUM`` overrides),
  with networking extras switched off.
- ``page``: a fresh context at 1366×768 in Chinese, pointed at the live server. Every request the page
  makes is checked: one to any host other than the live server is aborted and FAILS the test (the
  offline assertion: no CDN, no font service, no telemetry).
- ``shot(page, name)``: a full-page screenshot in ``tests/artifacts/screenshots/`` (gitignored).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from such a thread
# unless told the caller knows what it does (the test body, not the server, touches the database here).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

CHROMIUM = Path(os.environ.get("PLANWATCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
LOCAL_SCHEMES = ("data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/setup.sh --test (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class OfflineGuard:
    """Aborts and records every request to a host other than the live server."""

    def __init__(self, base_url: str) -> None:
        u = urlsplit(base_url)
        self.origin = (u.scheme, u.hostname, u.port)
        self.outside: list[str] = []

    def is_local(self, url: str) -> bool:
        if url.startswith(LOCAL_SCHEMES):
            return True
        u = urlsplit(url)
        return (u.scheme, u.hostname, u.port) == self.origin

    def route(self, route: Route) -> None:
        url = route.request.url
        if self.is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort("blockedbyclient")


def _new_context(browser: Browser, base_url: str, guard: OfflineGuard, viewport: dict[str, int],
                 locale: str = "zh-CN") -> BrowserContext:
    ctx = browser.new_context(viewport=viewport, locale=locale, base_url=base_url,  # type: ignore[arg-type]
                              accept_downloads=True)
    ctx.route("**/*", guard.route)
    ctx.set_default_timeout(15_000)
    return ctx


@pytest.fixture
def offline_guard(live_server) -> OfflineGuard:
    return OfflineGuard(live_server.url)


@pytest.fixture
def new_page(browser: Browser, live_server, offline_guard: OfflineGuard) -> Iterator[Callable[..., Page]]:
    """A factory of pages, each in its own context (its own cookies): ``new_page(viewport=PHONE)``."""
    contexts: list[BrowserContext] = []

    def make(viewport: dict[str, int] | None = None, locale: str = "zh-CN") -> Page:
        ctx = _new_context(browser, live_server.url, offline_guard, viewport or DESKTOP, locale)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()
    if offline_guard.outside:
        pytest.fail(f"requests left the app (offline assertion): {offline_guard.outside}")


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """Logins in the browser check passwords; the production hasher's cost tests nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_progress_memo() -> None:
    """Each test's database reuses ids; the memo of computed rows must not carry over between tests."""
    from planwatch.web.plans.assessments import forget as forget_memo

    forget_memo()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """Save a full-page screenshot named after the test and ``name``; answers its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^\w.-]+", "_", request.node.name)

    def take(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{test}--{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def login(page: Page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].button-primary")
    page.wait_for_load_state("networkidle")
