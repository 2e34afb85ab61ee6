"""Indicators and the observations of the report's own period: what happened, as published.

For each indicator, from the figures of the report's own region and period in the parts of what happened
(and the report's tables): the level as written (3640.7 亿元), yoy growth (同比; a growth with no stated
basis is read as yoy, the reports' default, and marked for review), growth against an earlier year's same
period with its base period, a two-year average where no such growth is stated, and a rate's change in
percentage points. The headline figure is the plain one: a revenue growth 扣除留抵退税因素后 or 同口径 is
taken only when no plain one is stated. Two plain statements of one figure that disagree are a conflict:
the first is drafted, the review shows both.

A subject the catalogue does not know becomes an indicator only with a growth, a change in points or a rate
(…率) of its own; a count of things done (新增养老床位2100张) is no statistical indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.catalogue import Entry
from planwatch.core.model import Aggregation, IndicatorKind
from planwatch.core.units import UnitError, compatible

from .layout import Layout
from .model import DOUBT, GUESS, LIKELY, SURE, Conflict, Item
from .reasons import Reason, because

_PLAN_WORDS = re.compile(r"目标|计划|预期|确定|力争|确保|争取|年底前|年内|批准|下达|要求|任务")
_ADJUSTED = re.compile(r"扣除|剔除|同口径|可比口径|按可比|不含|除去")
RATE_HEADS = ("率", "比例", "比率")  # a new indicator named so is a rate (优良水体比例)
_DURATION_UNITS = ("月", "个月", "年", "季度", "个季度", "周")
_BOUND = {"approx": "approx", "lt": "nearly", "ge": "odd"}


@dataclass(slots=True)
class Drafted:
    """An indicator of the draft, with the figures found for its observation."""

    key: str  # catalogue code, or ~name for one the catalogue does not know
    name: str
    entry: Entry | None
    source: str  # the sentence the indicator is first named in
    line: int
    unit: str = ""
    rate: bool = False
    level: Item | None = None
    yoy: Item | None = None
    vs_base: Item | None = None
    avg: Item | None = None
    pp: Item | None = None
    code: str = ""
    confidence: float = SURE
    reasons: list[Reason] = field(default_factory=list)

    @property
    def kind(self) -> IndicatorKind:
        if self.entry is not None:
            return self.entry.kind
        if self.rate:
            return IndicatorKind.RATE
        return IndicatorKind.LEVEL if self.level else IndicatorKind.INDEX

    @property
    def has_figures(self) -> bool:
        return any((self.level, self.yoy, self.vs_base, self.avg, self.pp))


def written_unit(item: Item) -> str:
    f = item.fact
    if f.unit in ("%", "pp"):
        return f.unit
    return (f.written_unit or f.unit).replace("余", "").replace("多", "").strip()


def units_agree(a: str, b: str) -> bool:
    if not a or not b:
        return True
    try:
        return compatible(a, b)
    except UnitError:
        return a == b


def is_observation(item: Item, layout: Layout) -> bool:
    f = item.fact
    actual = f.modality == "actual" or _actual_after_all(item, layout)
    return (item.ref is not None and item.ref.how != "increment" and actual and f.scope == "" and f.period == layout.doc.period
            and (item.role == "actual" or f.source == "table"))


def _actual_after_all(item: Item, layout: Layout) -> bool:
    """全年GDP达到1258.6亿元 in an annual report's account of the year: what happened, though 全年…达到
    reads as a plan elsewhere. Only where nothing in the sentence before it speaks of a plan."""
    doc, f = layout.doc, item.fact
    if f.modality != "target" or doc.part or item.role != "actual" or f.source != "text":
        return False
    before = doc.norm[doc.sentences[f.sentence].start : f.start]
    return not _PLAN_WORDS.search(before)


def indicator_for(item: Item, table: dict[str, Drafted]) -> Drafted | None:
    """The draft's indicator of a figure, made when the figure may name a new one."""
    ref = item.ref
    if ref is None:
        return None
    found = table.get(ref.key)
    if found is not None:
        return found
    f = item.fact
    if ref.entry is None:
        names_a_rate = f.kind == "rate" and ref.name.endswith(RATE_HEADS)
        if not (names_a_rate or (f.kind == "growth" and f.unit == "%") or f.kind == "pp_change"):
            return None
    d = Drafted(ref.key, ref.name, ref.entry, item.sentence, f.line, rate=ref.entry is None and ref.name.endswith(RATE_HEADS))
    if ref.entry is None:
        d.confidence, d.reasons = GUESS, [because("not_in_catalogue")]
    elif ref.how != "subject":
        d.confidence, d.reasons = LIKELY, [because("named_from_clause", name=ref.name)]
    table[ref.key] = d
    return d


def observe(items: list[Item], layout: Layout, table: dict[str, Drafted], conflicts: list[Conflict]) -> None:
    """Fill each indicator's figures of the report's period; record conflicting statements."""
    adjusted: dict[str, Item] = {}
    for item in items:  # indicators named by their growths and rates first, so a level before them counts
        if is_observation(item, layout) and item.fact.kind in ("growth", "pp_change", "rate"):
            indicator_for(item, table)
    for item in items:
        if not is_observation(item, layout):
            continue
        f = item.fact
        if f.kind in ("share", "rank") or f.role or f.bound == "range":
            continue
        if f.kind == "amount" and (f.written_unit.strip("余多") in _DURATION_UNITS or "连续" in f.context):
            continue
        d = indicator_for(item, table)
        if d is None:
            continue
        if f.kind in ("amount", "rate"):
            _level(d, item, conflicts)
        elif f.kind == "growth" and f.unit == "%":
            if f.basis in ("yoy", "none"):
                if _ADJUSTED.search(item.clause):
                    adjusted.setdefault(d.key, item)
                    continue
                _set(d, "yoy", item, conflicts)
            elif f.basis == "vs_period" and f.base_period[:4].isdigit() and layout.doc.year and int(f.base_period[:4]) < layout.doc.year:
                _set(d, "vs_base", item, conflicts)
            elif f.basis == "avg_annual":
                _set(d, "avg", item, conflicts)
        elif f.kind == "pp_change" and f.basis in ("yoy", "none") and (d.rate or (d.entry and d.entry.kind == IndicatorKind.RATE)):
            _set(d, "pp", item, conflicts)
        item.used = True
    for key, item in adjusted.items():  # 扣除留抵退税因素后增长4.6%: only when no plain growth is stated
        d = table[key]
        if d.yoy is None:
            d.yoy = item
            item.used = True
            d.reasons.append(because("adjusted_growth"))
            d.confidence = min(d.confidence, LIKELY)


def _level(d: Drafted, item: Item, conflicts: list[Conflict]) -> None:
    f = item.fact
    unit = written_unit(item)
    if f.kind == "rate":
        if not (d.rate or (d.entry is not None and d.entry.kind == IndicatorKind.RATE)):
            return  # a percentage that is no level of this indicator
    elif d.entry is not None and not level_unit(d.entry, unit):
        return
    if d.level is None:
        d.level, d.unit = item, unit
        return
    if d.level.fact.bound != "eq" and f.bound == "eq" and units_agree(unit, d.unit):
        d.level, d.unit = item, unit  # 突破千亿元大关，达到1012.4亿元: the figure itself
        return
    if f.bound != "eq" or d.level.fact.bound != "eq":
        return
    if not d.level.fact.interval().overlaps(f.interval()) and units_agree(unit, d.unit):
        conflicts.append(Conflict("observations", d.key, "value", d.level.fact.text, f.text,
                                  item.sentence, f.line))


def level_unit(entry: Entry, unit: str) -> bool:
    """A level of ``entry`` in ``unit``: a level indicator, in a unit of its kind (亿斤 for a grain output the
    catalogue keeps in 万吨 is another unit of mass, kept as written)."""
    if entry.kind != IndicatorKind.LEVEL:
        return False
    return units_agree(unit, entry.unit) or (unit.endswith("斤") and entry.unit.endswith("吨"))


def _set(d: Drafted, name: str, item: Item, conflicts: list[Conflict]) -> None:
    kept: Item | None = getattr(d, name)
    if kept is None:
        setattr(d, name, item)
        return
    if kept.fact.value != item.fact.value or kept.fact.base_period != item.fact.base_period:
        conflicts.append(Conflict("observations", d.key, name, kept.fact.text, item.fact.text, item.sentence, item.fact.line))


def observation_bound(item: Item | None) -> str:
    if item is None:
        return ""
    f = item.fact
    if f.bound == "gt":
        return "passed" if "突破" in f.context else "over"
    return _BOUND.get(f.bound, "")


def value_of(item: Item | None) -> Decimal | None:
    return None if item is None else item.fact.written


def growth_of(item: Item | None) -> Decimal | None:
    """A growth in percent as published, signed (近三成 → 30, 一倍 → 100)."""
    if item is None:
        return None
    f = item.fact
    return f.value if f.scale != 1 else f.written * f.sign


def aggregation_of(d: Drafted) -> Aggregation:
    if d.entry is not None:
        return d.entry.aggregation
    return Aggregation.POINT if d.rate else Aggregation.CUMULATIVE


def doubt_of(d: Drafted) -> list[tuple[float, Reason]]:
    """Reasons to look again at an indicator's observation."""
    out: list[tuple[float, Reason]] = []
    if d.yoy is not None and d.yoy.fact.basis == "none":
        out.append((LIKELY, because("basis_none")))
    if d.level is not None and d.level.fact.bound not in ("eq", "approx"):
        out.append((LIKELY, because("bounded_level", text=d.level.fact.text)))
    if d.entry is None and not d.has_figures:
        out.append((DOUBT, because("no_figure")))
    return out
