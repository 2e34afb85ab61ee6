"""Printing the ledger and the dashboard: clean A4 landscape pages without the navigation or the forms."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from pages.factories import PASSWORD, build_world

from .conftest import SCREENSHOTS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
A4_LANDSCAPE = (842, 595)  # points


@pytest.mark.parametrize(("url", "content"), [("/tasks/", "拆除违法建设"), ("/", "主要指标")])
def test_ledger_and_dashboard_print_on_a4_landscape(page: Page, url: str, content: str,
                                                    shot: Callable[[Page, str], Path]) -> None:
    build_world()
    login(page, "planoffice", PASSWORD)
    page.goto(url)
    page.emulate_media(media="print")
    name = "ledger" if url == "/tasks/" else "dashboard"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"print-{name}.png"), full_page=True)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    assert sizes == {A4_LANDSCAPE}
    text = "".join(p.extract_text() for p in pdf.pages)
    assert content in text  # the content is there …
    for chrome in ("退出", "搜索任务", "筛选", "打印", "导出", "管理"):  # … the navigation, forms and buttons are not
        assert chrome not in text, chrome
    assert len(pdf.pages) <= 2
