"""Charts drawn with matplotlib (headless Agg): SVG for HTML and PDF, PNG for DOCX. No network, ever.

Text is drawn in a CJK font found on the system (Noto Sans CJK SC, else another installed CJK font, see
docs/fonts.md) and, in SVG, written as glyph outlines so no reader needs the font. Values are the
figures' published (rounded) values, the same the text prints.
"""

from __future__ import annotations

import functools
import io
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib import pyplot as plt

from .context import ReportData
from .document import Chart
from .labels import labels

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "AR PL UMing CN", "AR PL UKai CN",
             "WenQuanYi Micro Hei", "Source Han Sans SC", "Microsoft YaHei", "SimHei")
BAR_COLOURS = ("#b03a2e", "#2e5c8a")
TIME_COLOUR = "#d4a017"
MAX_TASK_BARS = 25


@functools.cache
def cjk_font() -> str:
    """The first installed CJK font family of ``CJK_FONTS`` (DejaVu Sans if none: Chinese would be boxes)."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    return "DejaVu Sans"


def _style() -> Any:  # an rcParams mapping
    return {
        "font.family": [cjk_font(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
        "svg.hashsalt": "planwatch",
        "font.size": 10,
    }


def _num(fig: Any) -> float:
    return float(fig.rounded) if fig is not None else 0.0


def _render(fig: Any) -> tuple[str, bytes]:
    svg_buf = io.StringIO()
    fig.savefig(svg_buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    png_buf = io.BytesIO()
    fig.savefig(png_buf, format="png", dpi=200, bbox_inches="tight")
    plt.close(fig)
    svg = svg_buf.getvalue()
    svg = svg[svg.index("<svg"):]  # inline: drop the XML declaration and doctype
    return svg, png_buf.getvalue()


def headline_chart(data: ReportData, lang: str) -> Chart | None:
    lab = labels(lang)
    items = [it for it in data.headline if it.figures.yoy is not None and it.figures.avg_annual is not None]
    if not items:
        return None
    names = [it.wording["name_en"] if lang == "en" else it.wording["name"] for it in items]
    yoy = [_num(it.figures.yoy) for it in items]
    avg = [_num(it.figures.avg_annual) for it in items]
    series = list(lab["chart_headline_series"])
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.0, 3.6))
        xs = range(len(items))
        w = 0.38
        b1 = ax.bar([x - w / 2 for x in xs], yoy, w, label=series[0], color=BAR_COLOURS[0])
        b2 = ax.bar([x + w / 2 for x in xs], avg, w, label=series[1], color=BAR_COLOURS[1])
        ax.bar_label(b1, fmt="%g", fontsize=8)
        ax.bar_label(b2, fmt="%g", fontsize=8)
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.set_xticks(list(xs), [_wrap(n, lang) for n in names], fontsize=8)
        ax.set_ylabel("%")
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, fontsize=8)
        ax.set_title(str(lab["chart_headline_title"]), fontsize=11)
        svg, png = _render(fig)
    return Chart("headline", str(lab["chart_headline_title"]), str(lab["chart_headline_alt"]), svg, png,
                 data={"names": names, "yoy": yoy, "avg": avg})


def tasks_chart(data: ReportData, lang: str) -> Chart | None:
    lab = labels(lang)
    items = [t for t in data.tasks if t.progress.done_share is not None]
    if not items:
        return None
    capped = len(items) > MAX_TASK_BARS
    if capped:  # a city has thousands of tasks: draw those furthest behind time progress
        items = sorted(items, key=lambda t: t.progress.gap_pp.value if t.progress.gap_pp is not None else 0)
        items = items[:MAX_TASK_BARS]
    names = [(t.task.name_en or t.task.name) if lang == "en" else t.task.name for t in items]
    done = [min(_num(t.progress.done_share), 150.0) for t in items]
    time_pct = _num(data.time_progress) if data.time_progress is not None else None
    series = list(lab["chart_tasks_series"])
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.0, 0.42 * max(len(items), 3) + 1.2))
        ys = list(range(len(items)))[::-1]
        colours = [BAR_COLOURS[1] if time_pct is None or d >= time_pct else BAR_COLOURS[0] for d in done]
        bars = ax.barh(ys, done, 0.6, color=colours, label=series[0])
        ax.bar_label(bars, fmt="%g", fontsize=8, padding=2)
        if time_pct is not None:
            ax.axvline(time_pct, color=TIME_COLOUR, linewidth=1.6, linestyle="--", label=series[1])
        ax.set_yticks(ys, [_wrap(n, lang, 14 if lang == "zh" else 28) for n in names], fontsize=8)
        ax.set_xlim(0, max([100.0, *done]) * 1.1)
        ax.set_xlabel("%")
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, fontsize=8, loc="lower right")
        ax.set_title(str(lab["chart_tasks_title"]), fontsize=11)
        svg, png = _render(fig)
    alt = str(lab["chart_tasks_alt_capped" if capped else "chart_tasks_alt"])
    return Chart("tasks", str(lab["chart_tasks_title"]), alt, svg, png,
                 data={"names": names, "done": done, "time_progress": time_pct})


def _wrap(text: str, lang: str, width: int = 6) -> str:
    if lang == "en":
        width = max(width, 14)
        words, lines, line = text.split(), [], ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        return "\n".join(lines)
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))
