"""Charts drawn on the server as SVG (see docs/decisions.md): no script, no chart library.

``bar_chart`` draws a series of figures as bars with their values written above them, and an optional
dashed target line. Values are written as published (no re-rounding); heights are proportional.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 24, 40


def _fmt(v: Decimal) -> str:
    return format(v, "f")


def bar_chart(points: Sequence[tuple[str, Decimal | None]], *, unit: str = "", title: str = "",
              target: Decimal | None = None, target_label: str = "") -> SafeString:
    """An SVG bar chart of ``points`` (label, value); a missing value leaves an empty slot."""
    values = [v for _, v in points if v is not None]
    if target is not None:
        values.append(target)
    if not points or not values:
        return mark_safe("")
    hi = max(max(values), Decimal(0))
    lo = min(min(values), Decimal(0))
    span = (hi - lo) or Decimal(1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v: Decimal) -> float:
        return float(TOP + (hi - v) / span * plot_h)

    slot = plot_w / len(points)
    bar_w = max(6.0, min(56.0, slot * 0.6))
    zero = y(Decimal(0))
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for frac in (0, 0.25, 0.5, 0.75, 1):
        gv = lo + span * Decimal(str(frac))
        gy = y(gv)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{gy:.1f}" x2="{WIDTH - RIGHT}" y2="{gy:.1f}"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end">{_fmt(round(gv, 1))}</text>')
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{zero:.1f}" x2="{WIDTH - RIGHT}" y2="{zero:.1f}"/>')
    for i, (label, v) in enumerate(points):
        cx = LEFT + slot * i + slot / 2
        if v is not None:
            top, bottom = sorted((y(v), zero))
            cls = "bar bar-latest" if i == len(points) - 1 else "bar"
            parts.append(f'<rect class="{cls}" x="{cx - bar_w / 2:.1f}" y="{top:.1f}" width="{bar_w:.1f}" '
                         f'height="{max(bottom - top, 1):.1f}"><title>{escape(label)}: {_fmt(v)}{escape(unit)}'
                         f"</title></rect>")
            ty = top - 5 if v >= 0 else bottom + 13
            parts.append(f'<text class="value" x="{cx:.1f}" y="{ty:.1f}" text-anchor="middle">{_fmt(v)}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>')
    if target is not None:
        ty = y(target)
        parts.append(f'<line class="target" x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}"/>')
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{ty - 4:.1f}" text-anchor="end">'
                     f"{escape(target_label)} {_fmt(target)}</text>")
    if unit:
        parts.append(f'<text x="{LEFT - 6}" y="{TOP - 10}" text-anchor="end">{escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text escaped above
