"""The server-side SVG charts stay readable on a 390 px phone and at 1366×768 (issue 6).

A chart's text is drawn at ``font-size × drawn width / viewBox width``. The panel on a 390 px phone is about
343 px wide (pages.css: .main and .panel padding), at 1366 px the wide chart is drawn at its max-width, 760 px.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.web.pages import charts
from planwatch.web.pages.charts import bar_chart

SVG = "{http://www.w3.org/2000/svg}"
PHONE_PANEL_PX = 343  # 390 − 2×.6rem (main, 14 px root) − 2×1rem panel padding − borders
LAPTOP_CHART_PX = 760  # .chart-wide max-width, reached at 1366 px
MIN_PX = 11
CSS = Path(charts.__file__).parent / "static" / "pages" / "pages.css"

HALVES = [("2019年上半年", Decimal("3120.5")), ("2020年上半年", Decimal("2890.1")),
          ("2021年上半年", Decimal("3640.7"))]


def _svgs(html: str) -> dict[str, ET.Element]:
    root = ET.fromstring(html)  # one <div> holding both renderings
    assert root.tag == "div" and root.get("class") == "chart-box"
    found = {}
    for svg in root.findall(f"{SVG}svg"):
        kind = next(c for c in svg.get("class", "").split() if c.startswith("chart-"))
        found[kind] = svg
    assert set(found) == {"chart-wide", "chart-compact"}
    return found


def _view(svg: ET.Element) -> tuple[float, float]:
    _, _, w, h = (float(n) for n in svg.get("viewBox", "").split())
    return w, h


def _texts(svg: ET.Element, cls: str | None = None) -> list[ET.Element]:
    return [t for t in svg.iter(f"{SVG}text") if cls is None or t.get("class") == cls]


def _drawn_font_px(svg: ET.Element, drawn_width: float) -> float:
    w, _ = _view(svg)
    return float(svg.get("font-size", "0")) * min(drawn_width, w) / w


@pytest.mark.parametrize("n", [1, 3, 8, 24])
def test_text_is_at_least_11px_on_a_phone_and_on_a_laptop(n: int) -> None:
    points = [(f"2021年{m}月", Decimal(m * 10 + 1)) for m in range(1, n + 1)]
    svgs = _svgs(bar_chart(points, unit="亿元", title="t"))
    assert _drawn_font_px(svgs["chart-compact"], PHONE_PANEL_PX) >= MIN_PX
    assert _drawn_font_px(svgs["chart-wide"], LAPTOP_CHART_PX) >= MIN_PX
    # the compact chart grows downwards with the rows, never narrower: one row per point, rows apart
    w, h = _view(svgs["chart-compact"])
    assert w <= PHONE_PANEL_PX * 1.05
    font = float(svgs["chart-compact"].get("font-size", "0"))
    assert h >= n * font * 1.8


def test_the_stylesheet_shows_the_compact_chart_on_phones_and_sets_no_font_size() -> None:
    css = CSS.read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]*)\{([^{}]*)\}", css)
    chart_rules = [(sel.strip(), body) for sel, body in rules if ".chart" in sel]
    # a font-size in the stylesheet would override the <svg>'s attribute and scale with the viewBox again
    assert not [sel for sel, body in chart_rules if "font-size" in body]
    assert any(sel.endswith(".chart-compact") and "display: none" in body for sel, body in chart_rules)
    phone = re.search(r"@media \(max-width: 640px\) \{([^@]*?\.chart-compact[^@]*?)\n\}", css)
    assert phone is not None
    assert re.search(r"\.chart-wide \{ display: none; \}", phone.group(1))
    assert re.search(r"\.chart-compact \{ display: block; \}", phone.group(1))


def test_every_label_and_value_is_written_in_the_compact_chart() -> None:
    svgs = _svgs(bar_chart(HALVES, unit="亿元", title="地区生产总值"))
    compact = svgs["chart-compact"]
    assert [t.text for t in _texts(compact, "label")] == [label for label, _ in HALVES]
    assert [t.text for t in _texts(compact, "value")] == ["3120.5", "2890.1", "3640.7"]
    assert [t.text for t in _texts(compact, "unit")] == ["亿元"]
    # the latest period stands out, as in the wide chart
    bars = list(compact.iter(f"{SVG}rect"))
    assert [b.get("class") for b in bars] == ["bar", "bar", "bar bar-latest"]
    assert [t.text for t in _texts(svgs["chart-wide"], "label")] == [label for label, _ in HALVES]


def test_compact_bars_are_proportional_and_inside_the_view() -> None:
    points = [("上年", Decimal("-5.2")), ("本年", Decimal("10.4"))]
    compact = _svgs(bar_chart(points, unit="%", title="t", target=Decimal("6"), target_label="目标"))["chart-compact"]
    w, h = _view(compact)
    neg, pos = (float(r.get("width", "0")) for r in compact.iter(f"{SVG}rect"))
    assert pos / neg == pytest.approx(2, rel=0.02)
    xs = [float(r.get("x", "0")) for r in compact.iter(f"{SVG}rect")]
    assert xs[0] + neg == pytest.approx(xs[1], abs=0.2)  # both start from the zero line
    for t in _texts(compact):
        assert 0 <= float(t.get("x", "-1")) <= w and 0 <= float(t.get("y", "-1")) <= h
    assert [t.text for t in _texts(compact, "target-label")] == ["目标 6"]


def test_a_long_label_is_cut_in_the_compact_chart_and_kept_whole_in_the_tooltip() -> None:
    long = "全区规模以上工业企业实现增加值同比"
    compact = _svgs(bar_chart([(long, Decimal(1)), ("短", Decimal(2))], title="t"))["chart-compact"]
    w, _ = _view(compact)
    label = _texts(compact, "label")[0].text or ""
    assert label.endswith("…") and long.startswith(label[:-1])
    font = float(compact.get("font-size", "0"))
    assert len(label) * font <= w * 0.45  # leaves the bars most of the width
    titles = [t.text for r in compact.iter(f"{SVG}rect") for t in r.iter(f"{SVG}title")]
    assert titles[0] == f"{long}: 1"


def test_wide_labels_do_not_overlap_when_there_are_many_bars() -> None:
    points = [(f"{y}年{m}月", Decimal(m)) for y in (2020, 2021) for m in range(1, 13)]
    wide = _svgs(bar_chart(points, title="t"))["chart-wide"]
    font = float(wide.get("font-size", "0"))
    labels = _texts(wide, "label")
    assert labels[-1].text == "2021年12月"  # the latest period is always named
    assert len(labels) < len(points)
    xs = [float(t.get("x", "0")) for t in labels]
    widest = max(charts._text_width(t.text or "", font) for t in labels)
    assert min(b - a for a, b in itertools.pairwise(xs)) >= widest
    assert len(list(wide.iter(f"{SVG}rect"))) == len(points)  # every bar drawn


def test_text_is_escaped() -> None:
    svgs = _svgs(bar_chart([("<b>&", Decimal(1))], unit="<u>", title='"t"'))
    assert [t.text for t in _texts(svgs["chart-compact"], "label")] == ["<b>&"]
    assert svgs["chart-wide"].get("aria-label") == '"t"'


def test_nothing_to_draw_draws_nothing() -> None:
    assert bar_chart([]) == ""
    assert bar_chart([("2021年上半年", None)]) == ""
