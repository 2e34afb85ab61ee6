"""Every figure a person types is checked: an authored paragraph's numbers against the data.

The checker (``planwatch.checker``) reads the facts of the text: figure, unit, kind (amount, growth,
rate, pp, rank), basis (同比, 比基期, 两年平均) and subject. Each fact is matched to the figure of the data it
speaks of (same kind and basis, the subject named in the words before it); then

- the same number (within the rounding of what was typed) links the typed number to that figure;
- a different number is an error naming the right figure ("3.8%" where the data give 3.9%);
- a growth word against the figure's sign (增长 where the data fall) is an error;
- a number no figure of the data speaks of is a warning: it cannot be traced.

Errors block the official (final) export; the editor shows every finding beside its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planwatch.checker.subjects import overlap
from planwatch.core import units
from planwatch.core.figures import Figure

from . import compose
from .document import Run


@dataclass(frozen=True, slots=True)
class Entry:
    """A figure of the data a paragraph may state, with the names it goes by and its kind."""

    figure: Figure
    names: tuple[str, ...]
    kind: str  # amount | growth | rate | pp | rank
    basis: str = "none"  # yoy | vs_period | avg_annual | none
    fmt: str = "amount"  # the filter that prints it


@dataclass(frozen=True, slots=True)
class Finding:
    key: str  # the paragraph
    level: str  # error | warning
    typed: str  # the words typed ("3.8%")
    expected: str  # the figure of the data as the report prints it ("3.9%"), "" if none
    message_zh: str
    message_en: str
    start: int = 0  # where in the paragraph's text
    end: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "level": self.level, "typed": self.typed, "expected": self.expected,
                "message_zh": self.message_zh, "message_en": self.message_en, "start": self.start, "end": self.end}


def entries(data: Any) -> list[Entry]:
    """Every figure of the report's data a paragraph may state, by name and kind."""
    out: list[Entry] = []

    def ind(it: Any) -> None:
        names = tuple(dict.fromkeys(n for n in (it.wording.get("name", ""), it.indicator.name, it.indicator.code) if n))
        f = it.figures
        rate = it.indicator.kind in ("rate",) or (f.value is not None and f.value.unit == "%")
        if f.value is not None:
            kind = "rank" if it.indicator.kind == "rank" else ("rate" if rate else "amount")
            out.append(Entry(f.value, names, kind, fmt="rank" if kind == "rank" else "amount"))
        if f.yoy is not None:
            out.append(Entry(f.yoy, names, "pp" if rate else "growth", "yoy", "pp" if rate else "growth"))
        if f.vs_base is not None:
            out.append(Entry(f.vs_base, names, "growth", "vs_period", "growth"))
        if f.avg_annual is not None:
            out.append(Entry(f.avg_annual, names, "growth", "avg_annual", "growth"))
        if it.share is not None:
            out.append(Entry(it.share, (*names, it.wording.get("share_name", "")), "rate"))

    for it in data.headline:
        ind(it)
    for a in data.areas:
        for it in a.indicators:
            ind(it)
    for t in data.tasks:
        names = tuple(dict.fromkeys(n for n in (t.task.name, t.wording.get("progress_zh", "").replace("{done}", ""))
                                    if n))
        p = t.progress
        for fig, kind in ((p.done, "amount"), (p.target, "amount"), (t.remaining, "amount"),
                          (p.done_share, "rate"), (p.gap_pp, "pp")):
            if fig is not None:
                out.append(Entry(fig, names, "rate" if fig.unit == "%" and kind == "amount" else kind,
                                 fmt="pp_abs" if kind == "pp" else "amount"))
    if data.time_progress is not None:
        out.append(Entry(data.time_progress, ("序时进度",), "rate"))
    return out


_KIND = {"amount": "amount", "growth": "growth", "rate": "rate", "share": "rate", "pp_change": "pp", "rank": "rank"}




def _value(entry: Entry, fact: Any) -> Decimal | None:
    """The entry's value in the fact's unit (None when the units do not compare)."""
    fig = entry.figure
    if entry.kind in ("growth", "rate", "pp", "rank") or fact.unit in ("%", "pp", "名"):
        return fig.value
    try:
        if fig.unit and fact.unit and units.compatible(fig.unit, fact.unit):
            return units.convert(fig.value, fig.unit, fact.unit)
    except (ValueError, KeyError, ArithmeticError):
        return None
    return fig.value if not fig.unit or not fact.unit else None


def _matches(entry: Entry, fact: Any) -> bool:
    """Whether the typed fact states the entry's figure (the entry's value inside what was typed)."""
    value = _value(entry, fact)
    if value is None:
        return False
    iv = fact.interval()
    shown = abs(value) if fact.kind in ("growth", "pp_change") else value
    lo, hi = (abs(iv.lo), abs(iv.hi)) if fact.kind in ("growth", "pp_change") else (iv.lo, iv.hi)
    lo, hi = min(lo, hi), max(lo, hi)
    rounded = abs(entry.figure.rounded) if fact.kind in ("growth", "pp_change") else entry.figure.rounded
    return bool(lo <= shown <= hi or (_value(_rounded(entry), fact) or rounded) == abs(fact.written) * fact.scale)


def _rounded(entry: Entry) -> Entry:
    f = entry.figure
    return Entry(Figure(f.rounded, f.unit, f.decimals, f.origin, f.ref, f.formula, f.inputs, f.label),
                 entry.names, entry.kind, entry.basis, entry.fmt)


def _candidates(fact: Any, text: str, pool: list[Entry]) -> list[tuple[int, Entry]]:
    kind = _KIND.get(fact.kind, fact.kind)
    if kind == "rate" and fact.unit == "%":
        kinds = {"rate", "growth"} if fact.basis != "none" else {"rate"}
    else:
        kinds = {kind}
    before = text[max(0, fact.start - 40):fact.start]
    scored: list[tuple[int, Entry]] = []
    for e in pool:
        if e.kind not in kinds or (e.kind == "amount" and _value(e, fact) is None):
            continue
        if e.kind == "growth" and fact.basis not in ("none", e.basis) and not (fact.basis == "none" and e.basis == "yoy"):
            continue
        if e.kind == "growth" and fact.basis == "none" and e.basis != "yoy":
            continue
        score = max((overlap(n, f"{fact.subject}{before}") for n in e.names if n), default=0)
        if score >= 2:
            scored.append((score, e))
    scored.sort(key=lambda x: -x[0])
    return scored


def check(key: str, text: str, pool: list[Entry]) -> tuple[list[Run], list[Finding]]:
    """The runs of an authored paragraph (numbers that state a figure linked to it) and the findings."""
    from planwatch.checker.document import parse_document
    from planwatch.checker.facts import find_facts

    facts = sorted(find_facts(text, parse_document(text)), key=lambda f: f.start)
    pieces: list[str] = []
    findings: list[Finding] = []
    pos = 0
    for fact in facts:
        if fact.start < pos:
            continue
        scored = _candidates(fact, text, pool)
        best = [e for s, e in scored if s == scored[0][0]] if scored else []
        hit = next((e for e in best if _matches(e, fact)), None)
        typed = text[fact.start:fact.end]
        if hit is not None and fact.kind == "growth" and hit.figure.rounded != 0 \
                and (hit.figure.value < 0) != (fact.sign < 0):
            right = compose.FILTERS[hit.fmt](hit.figure)
            findings.append(Finding(key, "error", typed, right,
                                    f"“{_words_around(text, fact)}”与数据不符：数据为{right}（增减方向相反）",
                                    f"“{typed}” has the wrong direction: the data give {right}",
                                    fact.start, fact.end))
            continue
        if hit is not None:
            pieces.append(text[pos:fact.start])
            pieces.append(compose.mark_text(typed, hit.figure))
            pos = fact.end
            continue
        if best:
            right = compose.FILTERS[best[0].fmt](best[0].figure)
            findings.append(Finding(key, "error", typed, right,
                                    f"“{typed}”与数据不符：{best[0].names[0]}数据为{right}",
                                    f"“{typed}” differs from the data: {best[0].names[0]} is {right}",
                                    fact.start, fact.end))
        else:
            findings.append(Finding(key, "warning", typed, "",
                                    f"“{typed}”在数据中找不到出处，无法核对",
                                    f"“{typed}” has no source in the data and cannot be checked",
                                    fact.start, fact.end))
    pieces.append(text[pos:])
    return compose.marked_runs("".join(pieces)), findings


def _words_around(text: str, fact: Any) -> str:
    start = max(0, fact.start - 4)
    return text[start:fact.end]
