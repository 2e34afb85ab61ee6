"""Charts drawn on the server as SVG (see docs/decisions.md): no script, no chart library.

``bar_chart`` draws a series of figures as bars with their values written by them, and an optional dashed
target line. Values are written as published (no re-rounding); lengths are proportional.

Every chart is drawn twice, and the stylesheet shows one of them (pages.css, chart rules):

* the wide rendering (``svg.chart-wide``): vertical bars in a viewBox ``WIDTH`` wide, for screens where the
  panel is about as wide as that (1366×768 laptops: drawn at 1:1, so the text is ``FONT_WIDE`` px);
* the compact rendering (``svg.chart-compact``): horizontal bars, one row per point with its label on the
  left, in a viewBox ``COMPACT_WIDTH`` wide and as tall as the rows need, for phones. A 390 px phone gives the
  panel about 343 px, so the viewBox is drawn at about 1:1 and the text stays about ``FONT_COMPACT`` px
  (a vertical chart 720 units wide drawn 343 px wide shrank its 11-unit text to about 5 px).

The font size is an attribute of the ``<svg>`` (user units), so the size on screen is
``font-size × drawn width / viewBox width``; the stylesheet does not set it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 24, 40
FONT_WIDE = 12

COMPACT_WIDTH = 340
COMPACT_ROW = 30
COMPACT_TOP, COMPACT_BOTTOM = 34, 8
COMPACT_VALUE_ROOM = 64  # right of the longest bar: its value
FONT_COMPACT = 12
_CHAR_W = 0.6  # an average digit or Latin letter, in ems; a CJK character is 1 em


def _fmt(v: Decimal) -> str:
    return format(v, "f")


def _text_width(s: str, font: float) -> float:
    """About how wide ``s`` is drawn at ``font`` (CJK characters 1 em, others ``_CHAR_W`` em)."""
    return sum(font if ord(ch) > 0x2E7F else font * _CHAR_W for ch in s)


def _fit(s: str, width: float, font: float) -> str:
    """``s`` cut to about ``width`` with an ellipsis if it is wider (the bar's <title> keeps it whole)."""
    if _text_width(s, font) <= width:
        return s
    while s and _text_width(s + "…", font) > width:
        s = s[:-1]
    return s + "…"


def bar_chart(points: Sequence[tuple[str, Decimal | None]], *, unit: str = "", title: str = "",
              target: Decimal | None = None, target_label: str = "") -> SafeString:
    """An SVG bar chart of ``points`` (label, value), wide and compact; a missing value leaves an empty slot."""
    values = [v for _, v in points if v is not None]
    if target is not None:
        values.append(target)
    if not points or not values:
        return mark_safe("")
    hi = max(max(values), Decimal(0))
    lo = min(min(values), Decimal(0))
    span = (hi - lo) or Decimal(1)
    wide = _wide(points, unit, title, target, target_label, hi, lo, span)
    compact = _compact(points, unit, title, target, target_label, hi, lo, span)
    return mark_safe(f'<div class="chart-box">{wide}{compact}</div>')  # every text escaped below


def _open(cls: str, width: float, height: float, font: int, title: str) -> list[str]:
    return [
        f'<svg class="chart {cls}" viewBox="0 0 {width:g} {height:g}" font-size="{font}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]


def _wide(points: Sequence[tuple[str, Decimal | None]], unit: str, title: str, target: Decimal | None,
          target_label: str, hi: Decimal, lo: Decimal, span: Decimal) -> str:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v: Decimal) -> float:
        return float(TOP + (hi - v) / span * plot_h)

    slot = plot_w / len(points)
    bar_w = max(6.0, min(56.0, slot * 0.6))
    zero = y(Decimal(0))
    # labels wider than their slot are written on every n-th bar only (the bar's own <title> keeps it)
    widest = max(_text_width(label, FONT_WIDE) for label, _ in points)
    every = max(1, int(-(-(widest + 8) // slot)))
    parts = _open("chart-wide", WIDTH, HEIGHT, FONT_WIDE, title)
    for frac in (0, 0.25, 0.5, 0.75, 1):
        gv = lo + span * Decimal(str(frac))
        gy = y(gv)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{gy:.1f}" x2="{WIDTH - RIGHT}" y2="{gy:.1f}"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end">{_fmt(round(gv, 1))}</text>')
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{zero:.1f}" x2="{WIDTH - RIGHT}" y2="{zero:.1f}"/>')
    last = len(points) - 1
    for i, (label, v) in enumerate(points):
        cx = LEFT + slot * i + slot / 2
        if v is not None:
            top, bottom = sorted((y(v), zero))
            cls = "bar bar-latest" if i == last else "bar"
            parts.append(f'<rect class="{cls}" x="{cx - bar_w / 2:.1f}" y="{top:.1f}" width="{bar_w:.1f}" '
                         f'height="{max(bottom - top, 1):.1f}"><title>{escape(label)}: {_fmt(v)}{escape(unit)}'
                         f"</title></rect>")
            if every == 1 or (last - i) % every == 0:
                ty = top - 5 if v >= 0 else bottom + 14
                parts.append(f'<text class="value" x="{cx:.1f}" y="{ty:.1f}" text-anchor="middle">{_fmt(v)}</text>')
        if (last - i) % every == 0:
            parts.append(f'<text class="label" x="{cx:.1f}" y="{HEIGHT - BOTTOM + 17}" text-anchor="middle">'
                         f"{escape(label)}</text>")
    if target is not None:
        ty = y(target)
        parts.append(f'<line class="target" x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}"/>')
        parts.append(f'<text class="target-label" x="{WIDTH - RIGHT}" y="{ty - 4:.1f}" text-anchor="end">'
                     f"{escape(target_label)} {_fmt(target)}</text>")
    if unit:
        parts.append(f'<text class="unit" x="{LEFT - 6}" y="{TOP - 10}" text-anchor="end">{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _compact(points: Sequence[tuple[str, Decimal | None]], unit: str, title: str, target: Decimal | None,
             target_label: str, hi: Decimal, lo: Decimal, span: Decimal) -> str:
    font = FONT_COMPACT
    label_w = min(max(_text_width(label, font) for label, _ in points), COMPACT_WIDTH * 0.4)
    left = label_w + 10
    # room left of zero for a negative bar's value, right of the longest bar for its value
    right = COMPACT_WIDTH - COMPACT_VALUE_ROOM
    plot_w = right - left
    height = COMPACT_TOP + COMPACT_ROW * len(points) + COMPACT_BOTTOM

    def x(v: Decimal) -> float:
        return left + float((v - lo) / span) * plot_w

    zero = x(Decimal(0))
    bar_h = COMPACT_ROW * 0.6
    bottom_y = COMPACT_TOP + COMPACT_ROW * len(points)
    parts = _open("chart-compact", COMPACT_WIDTH, height, font, title)
    parts.append(f'<line class="axis" x1="{zero:.1f}" y1="{COMPACT_TOP - 4}" x2="{zero:.1f}" y2="{bottom_y}"/>')
    last = len(points) - 1
    for i, (label, v) in enumerate(points):
        cy = COMPACT_TOP + COMPACT_ROW * i + COMPACT_ROW / 2
        parts.append(f'<text class="label" x="{left - 8:.1f}" y="{cy + font * 0.35:.1f}" text-anchor="end">'
                     f"{escape(_fit(label, label_w, font))}</text>")
        if v is None:
            continue
        a, b = sorted((x(v), zero))
        cls = "bar bar-latest" if i == last else "bar"
        parts.append(f'<rect class="{cls}" x="{a:.1f}" y="{cy - bar_h / 2:.1f}" width="{max(b - a, 1):.1f}" '
                     f'height="{bar_h:.1f}"><title>{escape(label)}: {_fmt(v)}{escape(unit)}</title></rect>')
        # a value beside its bar's end; a negative bar's value right of the zero line, where its row is empty
        vx = b + 4 if v >= 0 else zero + 4
        parts.append(f'<text class="value" x="{vx:.1f}" y="{cy + font * 0.35:.1f}">{_fmt(v)}</text>')
    if unit:
        parts.append(f'<text class="unit" x="{left - 8:.1f}" y="{COMPACT_TOP - 14}" text-anchor="end">'
                     f"{escape(unit)}</text>")
    if target is not None:
        tx = x(target)
        parts.append(f'<line class="target" x1="{tx:.1f}" y1="{COMPACT_TOP - 8}" x2="{tx:.1f}" y2="{bottom_y}"/>')
        anchor = "end" if tx > (left + right) / 2 else "start"
        parts.append(f'<text class="target-label" x="{tx:.1f}" y="{COMPACT_TOP - 14}" text-anchor="{anchor}">'
                     f"{escape(target_label)} {_fmt(target)}</text>")
    parts.append("</svg>")
    return "".join(parts)
