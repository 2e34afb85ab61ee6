"""Charts that cannot silently break: Chinese is drawn even when matplotlib's font cache was made before the
CJK fonts were installed, a missing glyph fails the test, and no font at all fails naming the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.report import charts

CJK_FILES = ("cjk", "arphic", "lxgw", "wqy", "wenquan", "droid")

# Draws both charts of the example with every warning an error (matplotlib warns "Glyph … missing from
# font(s)" when it draws a box), then prints the family used.
SCRIPT = """
import warnings
warnings.simplefilter("error")
from planwatch.package import example_path, load
from planwatch.core.assess import assess
from planwatch.report.context import gather
from planwatch.report import charts
data = gather(assess(load(example_path("chaoyang-2021")), "2021H1"))
assert charts.headline_chart(data, "zh") is not None and charts.tasks_chart(data, "zh") is not None
print(charts.cjk_font())
"""


def _stale_cache(cache: Path) -> Path:
    """A matplotlib config dir whose font list has no CJK font: as if written before they were installed."""
    env = {**os.environ, "MPLCONFIGDIR": str(cache)}
    subprocess.run([sys.executable, "-c", "from matplotlib import font_manager; font_manager.fontManager"],
                   env=env, check=True, capture_output=True)
    lists = list(cache.glob("fontlist-*.json"))
    assert lists, "matplotlib wrote no font list"
    data = json.loads(lists[0].read_text(encoding="utf-8"))
    data["ttflist"] = [f for f in data["ttflist"] if not any(k in f["fname"].lower() for k in CJK_FILES)]
    lists[0].write_text(json.dumps(data), encoding="utf-8")
    return cache


def test_charts_draw_chinese_with_a_font_cache_made_before_the_fonts_were_visible(tmp_path: Path) -> None:
    cache = _stale_cache(tmp_path / "mpl")
    assert not any("CJK" in f["name"] for f in json.loads(next(cache.glob("fontlist-*.json")).read_text())["ttflist"])
    env = {**os.environ, "MPLCONFIGDIR": str(cache)}
    r = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr[-2000:]  # no "Glyph … missing" warning was raised
    assert r.stdout.strip() in {"Noto Sans CJK JP", *charts.CJK_FONTS}


def test_no_cjk_font_fails_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    monkeypatch.setattr(charts, "fontconfig_cjk", dict)
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if f.name not in charts.CJK_FONTS])
    charts.cjk_font.cache_clear()
    try:
        with pytest.raises(charts.ChartFontError, match="fonts-noto-cjk"):
            charts.cjk_font()
    finally:
        charts.cjk_font.cache_clear()


def test_no_bar_prints_a_value_the_report_does_not_state(doc_zh) -> None:  # type: ignore[no-untyped-def]
    tasks = next(c for c in doc_zh.charts() if c.key == "tasks")
    printed = {r.text for r in doc_zh.figure_runs()}
    assert "260%" in tasks.data["labels"]  # the IPO task: its real share, not the 150 the bar is cut to
    assert set(tasks.data["labels"]) <= printed
    headline = next(c for c in doc_zh.charts() if c.key == "headline")
    assert all(any(label.lstrip("-") in t for t in printed) for label in headline.data["labels"])
