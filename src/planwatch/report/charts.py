"""Charts drawn with matplotlib (headless Agg): SVG for HTML and PDF, PNG for DOCX. No network, ever.

Text is drawn in a CJK font found through fontconfig (``fc-list``) and registered with matplotlib by its
file, whatever matplotlib's own font cache says (a cache written before the fonts were installed lists
none of them, and matplotlib would then draw every Chinese character as a box, silently). With no CJK
font at all, drawing fails with a message naming the Debian package to install. In SVG the text is
written as glyph outlines, so no reader needs the font. A bar's label is the figure as the report
prints it (260%, not a clipped 150), and matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from typing import Any

from planwatch.core.errors import PlanwatchError
from planwatch.core.wording import whole

from .context import ReportData
from .document import Chart
from .labels import labels

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "AR PL UMing CN", "AR PL UKai CN",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Source Han Sans SC", "LXGW WenKai", "Microsoft YaHei",
             "SimHei")
FONT_PACKAGE = "fonts-noto-cjk"
BAR_COLOURS = ("#b03a2e", "#2e5c8a")
TIME_COLOUR = "#d4a017"
MAX_TASK_BARS = 25
BAR_CAP = 150.0  # a bar past 150% is drawn to 150% and labelled with its real value


class ChartFontError(PlanwatchError):
    """No font that draws Chinese is installed: the charts would print boxes."""


def fontconfig_cjk() -> dict[str, str]:
    """Family → font file of the CJK fonts fontconfig knows (``fc-list :lang=zh``); {} without fc-list."""
    fc = shutil.which("fc-list")
    if fc is None:
        return {}
    out = subprocess.run([fc, "-f", "%{family}\t%{style}\t%{file}\n", ":lang=zh"], capture_output=True, text=True,
                         check=False, timeout=30).stdout
    files: dict[str, str] = {}
    regular: set[str] = set()
    for line in out.splitlines():
        fams, style, path = [*line.split("\t"), "", ""][:3]
        is_regular = any(s.strip() in ("Regular", "Book", "Medium") for s in style.split(","))
        for fam in (f.strip() for f in fams.split(",")):
            if fam not in files or (is_regular and fam not in regular):  # the regular face over bold or light
                files[fam] = path.strip()
                if is_regular:
                    regular.add(fam)
    return files


@functools.cache
def cjk_font() -> str:
    """The first of ``CJK_FONTS`` fontconfig finds, registered with matplotlib by file."""
    from matplotlib import font_manager

    files = fontconfig_cjk()
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        path = files.get(name)
        if path:
            if path not in known:  # matplotlib's cache was made without it: register the file itself
                font_manager.fontManager.addfont(path)
            faces = [f.name for f in font_manager.fontManager.ttflist if f.fname == path]
            return name if name in faces else faces[0]
    installed = {f.name for f in font_manager.fontManager.ttflist}  # no fontconfig: what matplotlib knows
    for name in CJK_FONTS:
        if name in installed:
            return name
    raise ChartFontError(f"没有可显示中文的字体，图表中的汉字会显示为方框：请安装 {FONT_PACKAGE}"
                         f"（apt-get install {FONT_PACKAGE}） / no font that draws Chinese is installed: "
                         f"install {FONT_PACKAGE} (apt-get install {FONT_PACKAGE})")


def _style() -> Any:  # an rcParams mapping
    return {
        "font.family": [cjk_font()],  # a CJK font has the Latin glyphs too: no fallback chain to search
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
        "svg.hashsalt": "planwatch",
        "font.size": 10,
    }


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    return plt


def _num(fig: Any) -> float:
    return float(fig.rounded) if fig is not None else 0.0


def _label(fig: Any) -> str:
    """The figure's number as the report prints it (computed whole percentages without ".0")."""
    from planwatch.core import wording

    return wording.number(whole(fig)) if fig is not None else ""


def _render(fig: Any) -> tuple[str, bytes]:
    plt = _pyplot()
    svg_buf = io.StringIO()
    fig.savefig(svg_buf, format="svg", metadata={"Date": None})  # laid out once (constrained), not per save
    png_buf = io.BytesIO()
    fig.savefig(png_buf, format="png", dpi=200)  # DOCX and the PDF
    plt.close(fig)
    svg = svg_buf.getvalue()
    svg = svg[svg.index("<svg"):]  # inline: drop the XML declaration and doctype
    return svg, png_buf.getvalue()


def headline_chart(data: ReportData, lang: str) -> Chart | None:
    lab = labels(lang)
    items = [it for it in data.headline if it.figures.yoy is not None and it.figures.avg_annual is not None]
    if not items:
        return None
    plt = _pyplot()
    names = [it.wording["name_en"] if lang == "en" else it.wording["name"] for it in items]
    yoy = [_num(it.figures.yoy) for it in items]
    avg = [_num(it.figures.avg_annual) for it in items]
    series = list(lab["chart_headline_series"])
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.0, 3.6), layout="constrained")
        xs = range(len(items))
        w = 0.38
        b1 = ax.bar([x - w / 2 for x in xs], yoy, w, label=series[0], color=BAR_COLOURS[0])
        b2 = ax.bar([x + w / 2 for x in xs], avg, w, label=series[1], color=BAR_COLOURS[1])
        ax.bar_label(b1, labels=[_label(it.figures.yoy) for it in items], fontsize=8)
        ax.bar_label(b2, labels=[_label(it.figures.avg_annual) for it in items], fontsize=8)
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.set_xticks(list(xs), [_wrap(n, lang) for n in names], fontsize=8)
        ax.set_ylabel("%")
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, fontsize=8)
        ax.set_title(str(lab["chart_headline_title"]), fontsize=11)
        svg, png = _render(fig)
    return Chart("headline", str(lab["chart_headline_title"]), str(lab["chart_headline_alt"]), svg, png,
                 data={"names": names, "yoy": yoy, "avg": avg,
                       "labels": [_label(it.figures.yoy) for it in items] + [_label(it.figures.avg_annual)
                                                                             for it in items]})


def tasks_chart(data: ReportData, lang: str) -> Chart | None:
    lab = labels(lang)
    items = [t for t in data.tasks if t.progress.done_share is not None]
    if not items:
        return None
    plt = _pyplot()
    capped = len(items) > MAX_TASK_BARS
    if capped:  # a city has thousands of tasks: draw those furthest behind time progress
        items = sorted(items, key=lambda t: t.progress.gap_pp.value if t.progress.gap_pp is not None else 0)
        items = items[:MAX_TASK_BARS]
    names = [(t.task.name_en or t.task.name) if lang == "en" else t.task.name for t in items]
    done = [_num(t.progress.done_share) for t in items]
    drawn = [min(d, BAR_CAP) for d in done]
    texts = [_label(t.progress.done_share) + "%" for t in items]
    time_pct = _num(data.time_progress) if data.time_progress is not None else None
    series = list(lab["chart_tasks_series"])
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.0, 0.42 * max(len(items), 3) + 1.2), layout="constrained")
        ys = list(range(len(items)))[::-1]
        colours = [BAR_COLOURS[1] if time_pct is None or d >= time_pct else BAR_COLOURS[0] for d in done]
        bars = ax.barh(ys, drawn, 0.6, color=colours, label=series[0])
        for bar, d in zip(bars, done, strict=True):
            if d > BAR_CAP:  # cut off: the bar ends in a zigzag and its label tells the real value
                bar.set_hatch("//")
        ax.bar_label(bars, labels=texts, fontsize=8, padding=2)
        if time_pct is not None:
            ax.axvline(time_pct, color=TIME_COLOUR, linewidth=1.6, linestyle="--", label=series[1])
        ax.set_yticks(ys, [_wrap(n, lang, 14 if lang == "zh" else 28) for n in names], fontsize=8)
        ax.set_xlim(0, max([100.0, *drawn]) * 1.15)
        ax.set_xlabel("%")
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, fontsize=8, loc="lower right")
        ax.set_title(str(lab["chart_tasks_title"]), fontsize=11)
        svg, png = _render(fig)
    alt = str(lab["chart_tasks_alt_capped" if capped else "chart_tasks_alt"])
    return Chart("tasks", str(lab["chart_tasks_title"]), alt, svg, png,
                 data={"names": names, "done": done, "labels": texts, "time_progress": time_pct})


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
