"""The report's number filters with the words a figure was published with (core.wording.bounded_zh/en:
近20亿元, 约36.4万件, 突破631万剂) and without ".0" on whole percentages (core.wording.whole)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from planwatch.core.figures import Figure
from planwatch.core.wording import bounded_en, bounded_zh, whole

# filters whose words a bound or a whole percentage changes
_AMOUNTS = {"amount", "amount_en", "num"}


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
