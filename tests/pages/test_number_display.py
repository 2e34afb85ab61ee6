"""Growth figures on the pages are written the way the execution report writes them: 增长13.5% / 下降5.16% by sign
(English: up 13.5% / down 5.16%), with the report's own formatter; labels carry no verb (同比, 两年平均, 比2019年上半年)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from planwatch.core import wording
from planwatch.web.pages.indicators import measure_label
from planwatch.web.pages.templatetags.pages_tags import growth, period_words
from planwatch.web.plans.models import Indicator, Observation, Target


@pytest.mark.parametrize(("value", "zh", "en"), [
    (Decimal("13.5"), "增长13.5%", "up 13.5%"),
    (Decimal("-5.16"), "下降5.16%", "down 5.16%"),
    (Decimal("-0.5"), "下降0.5%", "down 0.5%"),
    (Decimal("22.80"), "增长22.80%", "up 22.80%"),  # the decimals it was published with
    (Decimal("0.0"), "持平", "unchanged"),
    (Decimal("-0.0"), "持平", "unchanged"),
    ("6", "增长6%", "up 6%"),
])
def test_growth_is_written_by_sign_in_both_languages(value, zh, en) -> None:
    with translation.override("zh-hans"):
        assert growth(value) == zh
    with translation.override("en"):
        assert growth(value) == en


def test_growth_uses_the_report_formatter(monkeypatch) -> None:
    """One formatter for the report and the pages: a change to the report's words shows on the pages."""
    monkeypatch.setattr(wording, "growth_zh", lambda fig: f"<{fig.rounded}>")
    with translation.override("zh-hans"):
        assert growth(Decimal("-1.25")) == "<-1.25>"


def test_missing_or_unreadable_growth() -> None:
    assert growth(None) == "—" and growth("") == "—"
    assert growth("n/a") == "n/a"  # shown as it is, never a 500


def test_measure_labels_carry_no_verb() -> None:
    with translation.override("zh-hans"):
        assert [measure_label("yoy"), measure_label("two_year"), measure_label("vs_base", "2019H1")] == [
            "同比", "两年平均", "比2019年上半年"]
        assert period_words("2021H1") == "2021年上半年"
    with translation.override("en"):
        assert measure_label("vs_base", "2019H1") == "Against H1 2019"
        assert measure_label("yoy") == "Year on year"
    with pytest.raises(ValueError):
        measure_label("growth")


@pytest.fixture
def energy(world):
    """An index-type indicator published only as a growth rate (万元GDP能耗), and a long target text."""
    ind = Indicator.objects.create(plan=world.plan, code="energy", name="万元GDP能耗", unit="吨标准煤",
                                   headline=True, seq=2)
    Observation.objects.create(indicator=ind, period="2021H1", value=None, yoy_pct=Decimal("-5.16"), seq=1)
    income = Indicator.objects.create(plan=world.plan, code="income", name="居民人均可支配收入", unit="元",
                                      headline=True, seq=3)
    Observation.objects.create(indicator=income, period="2021H1", value=None, yoy_pct=Decimal("9.8"),
                               avg_pct=Decimal("-0.5"), seq=1)
    Target.objects.create(indicator=income, period="2021", kind="qualitative", text="增长6%,与经济增长基本同步")
    return ind


def _card(html: str, code: str) -> str:
    m = re.search(rf'data-indicator="{code}">(.*?)</a>', html, re.S)
    assert m, code
    return _text(m.group(1))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dashboard_cards_read_like_a_statistician(as_user, world, energy) -> None:
    html = as_user("planoffice").get("/").content.decode()
    card = _card(html, "energy")
    assert "下降5.16%" in card and "-5.16" not in card
    assert "同比" in card and "同比增长" not in card
    gdp = _card(html, "gdp")
    assert "增长13.5%" in gdp and "增长3.9%" in gdp  # yoy and the computed two-year average
    income = _card(html, "income")
    assert "下降0.5%" in income and "增长6%,与经济增长基本同步" in income
    # the target's value is not in a no-wrap cell (it wraps under its label)
    assert re.search(r'<span class="target-text">增长6%,与经济增长基本同步</span>', html)


def test_dashboard_cards_in_english(as_user, world, energy) -> None:
    c = as_user("planoffice")
    c.cookies["django_language"] = "en"
    html = c.get("/").content.decode()
    assert "down 5.16%" in _card(html, "energy") and "up 13.5%" in _card(html, "gdp")


def test_indicator_page_writes_growth_and_base_period_in_words(as_user, world) -> None:
    html = as_user("planoffice").get(f"/indicators/{world.indicators['gdp'].pk}/").content.decode()
    text = _text(html)
    assert "比2019年上半年 增长7.9%" in text
    assert "两年平均 增长3.9%" in text and "同比 增长13.5%" in text
    assert "2021年上半年" in text


_CARD = """<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><style>{css}</style></head><body>
<main class="main"><div class="cards"><a class="card indicator-card" href="#">
<p class="card-title">居民人均可支配收入 <span class="card-period">2021H1</span></p>
<div class="card-value"><span class="card-unit card-unit-before">同比</span><span class="card-growth">增长9.8%</span></div>
<ul class="card-lines"><li><span>同比</span><span class="num">增长9.8%</span></li>
<li class="card-target"><span id="label">目标</span><span class="target-text" id="value">增长6%,与经济增长基本同步</span></li>
</ul></a></div></main></body></html>"""


@pytest.mark.parametrize("width", [1366, 390])
def test_a_long_target_wraps_under_its_label(width) -> None:
    """Laid out by Chromium: the label 目标 stays on one line (never 目/标) and the long value goes under it."""
    import threading
    from pathlib import Path

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("no Chromium")
    css = (Path(__file__).resolve().parents[2] / "src/planwatch/web/pages/static/pages/pages.css").read_text("utf-8")
    boxes: dict[str, dict[str, float]] = {}

    def measure() -> None:  # in a thread of its own: Playwright's event loop stays out of the test's (ORM) thread
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium),
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.set_content(_CARD.format(css=css))
                for name in ("label", "value"):
                    box = page.locator(f"#{name}").bounding_box()
                    assert box is not None
                    boxes[name] = {"y": box["y"], "height": box["height"]}
                boxes["line"] = {"height": page.evaluate(
                    "parseFloat(getComputedStyle(document.getElementById('label')).lineHeight)")}
            finally:
                browser.close()

    worker = threading.Thread(target=measure)
    worker.start()
    worker.join(60)
    label, value = boxes["label"], boxes["value"]
    assert label["height"] <= boxes["line"]["height"] * 1.2  # one line: 目标 is not split
    assert value["y"] >= label["y"] + label["height"] - 1  # the value starts below the label
