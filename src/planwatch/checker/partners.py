"""Finding a fact's partners anywhere in a report: by subject, scope, period, kind, basis and unit.

``Index`` holds the facts of a report by sentence and paragraph and by ``key`` (the canonical subject,
``scopes.canonical``), so that a relation looks up the partners of a figure in time independent of the
report's length. ``measure(f)`` is a fact's interval of true values in the base unit of the core's unit
table (``planwatch.core.units``: 公顷 and 万平方米 are both 平方米), so figures written in different units
(5.03万亿元 and 50312.6亿元, 120公顷 and 1.2平方公里) are compared as the same quantity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache

from planwatch.core.growth import GrowthError
from planwatch.core.intervals import Interval
from planwatch.core.units import Unit, UnitError, parse_unit

from .document import Document
from .model import Fact
from .scopes import canonical

_NUMERAL = re.compile(r"^[-−]?[\d.,零〇一二两三四五六七八九十百千点 ]+")
# the basis a growth is stated on, for matching: a growth with no basis word is read as yoy (reports' default)
_FAMILY = {"yoy": "yoy", "none": "yoy"}
# subjects that name no indicator of their own: never matched by name across sentences
GENERIC = re.compile(r"^(增速|增幅|总量|增长|比重|占比|总额|合计|其中|同比|数量|规模|水平|收入|投资|项目|企业|任务|指标|人数)$")


def key(f: Fact) -> str:
    return canonical(f.subject)


def family(f: Fact) -> str:
    return _FAMILY.get(f.basis, f.basis)


def core_unit(f: Fact) -> Unit | None:
    """The fact's unit in the core's table: 亿元 → (元, 10^8), 公顷 → (平方米, 10^4), 项 → (项, 1)."""
    return _core_unit(f.unit, f.written_unit, f.scale)


@lru_cache(maxsize=1024)
def _core_unit(unit: str, written_unit: str, scale: Decimal) -> Unit | None:
    if unit in ("%", "pp"):
        return Unit(unit, Decimal(1))
    written = written_unit.replace("余", "").replace("多", "") or unit
    if written in ("成", "倍", "番"):
        return Unit("%", Decimal(1))
    try:
        u = parse_unit(written)
    except UnitError:
        return None
    if scale != 1 and u.factor == 1:  # a scale the table did not see (万 of a bare figure)
        u = Unit(u.base, scale)
    return u


def measure(f: Fact) -> tuple[str, Interval] | None:
    """(core base unit, interval of true values in it)."""
    u = core_unit(f)
    if u is None:
        return None
    iv = f.interval()
    if f.unit in ("%", "pp") or f.scale == 0:
        return u.base, iv
    factor = u.factor / f.scale
    return u.base, Interval(iv.lo * factor, iv.hi * factor) if factor > 0 else iv


def same_unit(a: Fact, b: Fact) -> bool:
    ua, ub = core_unit(a), core_unit(b)
    return ua is not None and ub is not None and ua.base == ub.base


def in_unit_of(f: Fact, iv: Interval) -> Interval:
    """An interval in the core base unit, rescaled to ``f``'s own base unit (for judging ``f``)."""
    u = core_unit(f)
    if u is None or f.unit in ("%", "pp"):
        return iv
    factor = f.scale / u.factor
    return Interval(iv.lo * factor, iv.hi * factor)


def safe(fn: Callable[..., Interval], *args: object) -> Interval | None:
    """The core's interval arithmetic, or None where it has no answer (a fall of 100% or more, a zero whole)."""
    try:
        return fn(*args)
    except (GrowthError, ZeroDivisionError, ArithmeticError, ValueError):
        return None


class Index:
    def __init__(self, facts: list[Fact], doc: Document) -> None:
        self.facts = facts
        self.doc = doc
        self.by_sentence: dict[int, list[Fact]] = defaultdict(list)
        self.by_paragraph: dict[int, list[Fact]] = defaultdict(list)
        self.by_key: dict[str, list[Fact]] = defaultdict(list)
        self.by_row: dict[int, list[Fact]] = defaultdict(list)
        self.by_id = {f.id: f for f in facts}
        self.order = {id(f): i for i, f in enumerate(facts)}
        for f in facts:
            self.by_sentence[f.sentence].append(f)
            self.by_paragraph[f.paragraph].append(f)
            if f.row >= 0:
                self.by_row[f.row].append(f)
            k = key(f)
            if k:
                self.by_key[k].append(f)

    def with_key(self, k: str) -> list[Fact]:
        return self.by_key.get(k, [])

    def before(self, f: Fact, limit: int = 60) -> Iterable[Fact]:
        """Facts before ``f``, nearest first, at most ``limit`` of them."""
        i = self.order[id(f)]
        return (self.facts[j] for j in range(i - 1, max(-1, i - 1 - limit), -1))

    def after(self, f: Fact, limit: int = 60) -> Iterable[Fact]:
        i = self.order[id(f)]
        return (self.facts[j] for j in range(i + 1, min(len(self.facts), i + 1 + limit)))

    def nearest(self, f: Fact, candidates: Iterable[Fact]) -> Fact | None:
        """The candidate nearest to ``f`` in the text, or None; ties go to the earlier one."""
        best: Fact | None = None
        for c in candidates:
            if best is None or abs(c.start - f.start) < abs(best.start - f.start):
                best = c
        return best

    def sentence_text(self, f: Fact) -> str:
        s = self.doc.sentences[f.sentence]
        return self.doc.norm[s.start : s.end]


def eq(f: Fact) -> bool:
    return f.bound == "eq"


def percent(f: Fact) -> bool:
    return f.unit == "%" and f.kind in ("growth", "rate", "share")


def common_tail(a: str, b: str) -> int:
    """Characters two names share at their end: 高技术制造业增加值 / 规模以上工业增加值 → 4 (业增加值)."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
