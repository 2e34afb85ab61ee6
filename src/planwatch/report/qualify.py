"""Words around a printed figure that the plain number formatting does not give (to move into
core.wording when it lands):

- the bound a figure was published with (observations.csv ``bound``): 约36.4万件, 近20亿元, 突破631万剂,
  超331万人, 7300余延长米; English "about", "nearly", "over", "more than";
- a computed percentage that rounds to a whole number prints without ".0" (60%, not 60.0%): published
  figures keep the decimals they were written with (13.50%).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from planwatch.core.figures import Figure
from planwatch.core.model import BOUNDS

BOUNDS_EN = {"approx": "about", "nearly": "nearly", "over": "over", "passed": "over", "odd": "more than"}
_LEADING_NUMBER = re.compile(r"^(-?\d+(?:\.\d+)?)")
# filters whose words a bound or a whole percentage changes
_AMOUNTS = {"amount", "amount_en", "num"}


def whole(fig: Figure) -> Figure:
    """The figure to print: a computed percentage that rounds to a whole number loses its ".0"."""
    computed = fig.origin == "computation" or (fig.origin == "progress" and fig.unit == "%")
    if computed and fig.decimals > 0 and fig.rounded == fig.rounded.to_integral_value():
        return dataclasses.replace(fig, decimals=0)
    return fig


def bounded_zh(fig: Figure, text: str) -> str:
    bound = fig.ref.get("bound", "") if fig.ref else ""
    word = BOUNDS.get(bound, "")
    if not word:
        return text
    if bound == "odd":  # 7300余延长米: after the number, before the unit
        m = _LEADING_NUMBER.match(text)
        return f"{m.group(1)}余{text[m.end():]}" if m else text + "余"
    return word + text


def bounded_en(fig: Figure, text: str) -> str:
    word = BOUNDS_EN.get(fig.ref.get("bound", "") if fig.ref else "", "")
    return f"{word} {text}" if word else text


def wrap(name: str, fmt: Callable[[Figure], str]) -> Callable[[Figure], str]:
    """``fmt`` with the figure's bound and the whole-percentage rule applied (filters of compose.FILTERS)."""
    if name not in _AMOUNTS and not name.startswith(("growth", "pp")):
        return fmt
    bound = bounded_en if name.endswith("_en") else bounded_zh

    def apply(fig: Figure) -> str:
        text = fmt(whole(fig))
        return bound(fig, text) if name in _AMOUNTS else text

    return apply


def with_bound(fig: Figure | None, bound: str) -> Figure | None:
    """``fig`` carrying the bound it was published with (kept in its ref, so the provenance shows it)."""
    if fig is None or not bound:
        return fig
    return dataclasses.replace(fig, ref={**fig.ref, "bound": bound})
