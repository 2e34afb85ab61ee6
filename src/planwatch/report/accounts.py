"""Section 一 from the departments' own accounts (进展情况), joined to the figures of the ledger.

A department reports a figure with one to three sentences on the work behind it; the plan office
approves both. The draft of an area's paragraph is, in the plan's order, one sentence per indicator or
task: the account, then its figure clause ("…，新增改造绿化面积27.5公顷"); when the account already states
the figure, that number is linked to the figure and the clause is not repeated. Numbers an account
states that are not in the ledger keep the account as their source (origin progress/observation, column
``account``), so every printed number stays traceable.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from planwatch.core.figures import Figure, published

from . import compose

_END = "。；;，,. "
_NUMBER = re.compile("(?<![\\d.\ue000])" r"\d+(?:\.\d+)?(?![\d.])")
_DATE_AFTER = re.compile(r"\s*(?:年|月|日|号|-\d)")


def link_account(text: str, owner: Any, figures: list[Figure]) -> str:
    """``text`` with each number that prints one of ``figures`` linked to it, and the other numbers
    linked to the account cell they were written in (file, row, column ``account``)."""
    text = compose.link_numbers(text, [f for f in figures if f is not None])
    src = getattr(owner, "source", None)
    file = getattr(src, "file", "") or ""
    row = str(getattr(src, "row", "") or "")
    origin = "progress" if file.startswith("progress") or hasattr(owner, "as_of") else "observation"

    def repl(m: re.Match[str]) -> str:
        if _DATE_AFTER.match(text, m.end()):
            return m.group(0)
        try:
            value = Decimal(m.group(0))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            return m.group(0)
        fig = published(value, "", origin, label="进展情况", file=file, row=row, column="account")
        return compose.mark_text(m.group(0), fig)

    return _NUMBER.sub(repl, text)


def join(account: str, owner: Any, clause: str, main: Figure | None, extra: str = "") -> str:
    """One sentence of section 一: the account and the figure clause.

    ``clause`` is the marked figure clause ("新增改造绿化面积27.5公顷"); ``main`` its figure; ``extra`` what
    follows the figure in any case ("，超额完成全年任务（5家）"). Without an account, the clause alone.
    """
    account = (account or "").strip().rstrip(_END)
    if not account:
        return f"{clause}{extra}" if clause else ""
    printed = compose.FILTERS["amount"](main) if main is not None else ""
    figures = [main] if main is not None else []
    if main is not None and printed and _states(account, main, printed):
        return f"{link_account(account, owner, figures)}{extra}"
    if not clause:
        return link_account(account, owner, figures)
    return f"{link_account(account, owner, figures)}，{clause}{extra}"


def _states(account: str, main: Figure, printed: str) -> bool:
    """Whether the account already states the main figure (its number as printed, 27.5 of 27.5公顷)."""
    number = compose.FILTERS["num"](main)
    return printed in account or re.search(f"(?<![\\d.]){re.escape(number)}(?![\\d.])", account) is not None
