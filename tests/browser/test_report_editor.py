"""The report editor, driven through headless Chromium: the plan office rewrites a paragraph with a wrong
figure, sees the checker's finding beside it (with the right figure), finds the official export refused,
corrects the figure and exports the official edition.

GIVEN the small Chaoyang plan of ``tests/pages/factories.py`` (GDP 2021H1 +7.9% on 2019H1: two-year average 3.9%)
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as Docx
from playwright.sync_api import Page, expect

from pages.factories import PASSWORD, build_world
from planwatch.web.plans.models import ObjectChange, ReportText

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Shot = Callable[[Page, str], Path]
WRONG = "上半年地区生产总值实现3640.7亿元，同比增长13.5%，两年平均增长3.8%，经济运行稳中向好。"
RIGHT = WRONG.replace("3.8%", "3.9%")


def test_edit_a_paragraph_with_a_wrong_figure_see_the_finding_correct_it_and_export(page: Page, shot: Shot) -> None:
    build_world()
    login(page, "planoffice", PASSWORD)
    page.goto("/reports/?period=2021H1")
    expect(page.locator("#open-editor")).to_be_visible()
    page.goto("/reports/editor/?period=2021H1")
    headline = page.locator('article[data-key="review.headline"]')
    expect(headline.locator(".draft .fig").first).to_have_attribute("title", re.compile(r".+"))  # computed figures: source on hover
    expect(page.locator("#blocked")).to_have_count(0)
    shot(page, "1-draft")

    headline.locator("summary").click()
    headline.locator("textarea").fill(WRONG)
    headline.locator("button[type=submit]").click()
    finding = page.locator('article[data-key="review.headline"] .finding-error')
    expect(finding).to_contain_text("3.8%")
    expect(finding.locator(".expected")).to_have_text("增长3.9%")  # the right figure, as the report prints it
    expect(page.locator("#blocked")).to_be_visible()
    shot(page, "2-finding")

    # the official edition is refused while a typed figure is wrong: the button is off, the URL answers 409
    expect(page.locator("#export-official")).to_have_attribute("aria-disabled", "true")
    response = page.goto("/reports/download/?period=2021H1&edition=official&format=docx")
    assert response is not None and response.status == 409
    expect(page.locator("#refused")).to_contain_text("与数据不符")
    page.goto("/reports/editor/?period=2021H1")

    headline = page.locator('article[data-key="review.headline"]')
    headline.locator("textarea").fill(RIGHT)
    headline.locator("button[type=submit]").click()
    expect(page.locator('article[data-key="review.headline"].authored')).to_be_visible()
    expect(page.locator('article[data-key="review.headline"] .finding-error')).to_have_count(0)
    expect(page.locator("#blocked")).to_have_count(0)
    expect(page.locator("#history tbody tr")).to_have_count(2)  # the two edits, with before and after
    shot(page, "3-corrected")

    with page.expect_download() as dl:
        page.click("#export-official")
    data = Path(dl.value.path()).read_bytes()
    text = "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)
    assert RIGHT in text and "3.8%" not in text
    assert ReportText.objects.get(key="review.headline").text == RIGHT
    assert ObjectChange.objects.filter(object_type="plans.reporttext").count() == 2
