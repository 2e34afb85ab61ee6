"""Targets of the plan year on indicators, in the plan's target forms (``planwatch.core.targets``).

A target is a figure of the plan (a plan section, 力争, 确保, 年初确定的…目标) for the plan year about an
indicator: a growth (增长6%以上 → growth at least 6; 下降3% → a reduction of at least 3), a rate (控制在5.5%
以内 → at most), a level in the indicator's unit (细颗粒物年均浓度控制在32微克/立方米以内). 左右 is read as
at least, as the core reads it, except for indicators where lower is better (居民消费价格涨幅3%左右, 城镇调查
失业率5.5%左右: at most). A price index's rise is a growth. The plan's wording, read by the core's
``parse_target_text``, is a second opinion: when it reads another form, the row is marked for review.

A target in words (与经济增长基本同步, 完成省下达目标, 保持稳定, 促稳提质) is ``qualitative``. Last year's targets
recalled in an annual report are not targets of next year's draft. A second, different target of one
indicator and year (年初确定6%左右 … 力争全年增长4.5%左右) is a conflict: the first is drafted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.core.model import IndicatorKind, TargetKind
from planwatch.core.targets import parse_target_text

from .indicators import Resolver
from .layout import Layout
from .model import GUESS, LIKELY, SURE, Conflict, Item
from .observations import Drafted, indicator_for, level_unit, written_unit
from .reasons import Reason, because

QUALITATIVE = re.compile(
    r"同步|保持稳定|基本稳定|总体稳定|稳中有升|稳中提质|促稳提质|回稳向好|稳定增长|稳步(提高|提升|增长)|"
    r"(完成|达到|控制在)[^，；。]{0,10}下达|持续(改善|下降|降低)|进一步(下降|降低|改善|提高)|合理区间|只增不减|基本持平"
)
_CLAUSE = re.compile(r"[^，,；;。\n：:]+")
_GROWTH_AFTER = re.compile(r"^(左右|以上|以内|上下)?的?(增长|增速|增幅)")


@dataclass(slots=True)
class DraftTarget:
    indicator: Drafted
    period: str
    kind: TargetKind
    value: Decimal | None
    unit: str
    text: str
    item: Item | None
    source: str
    line: int
    confidence: float = SURE
    reasons: list[Reason] = field(default_factory=list)


def is_target(item: Item, layout: Layout) -> bool:
    f = item.fact
    return f.modality == "target" and f.scope == "" and f.period == str(layout.plan_year)


def target_form(item: Item, d: Drafted) -> tuple[TargetKind, Decimal, str] | None:
    """The target form of a figure about indicator ``d``, or None when the figure is no target of it."""
    f = item.fact
    lower_better = d.entry is not None and not d.entry.higher_is_better
    at_most = f.bound in ("le", "lt") or (f.bound == "approx" and lower_better)
    value = f.written if f.bound != "range" or f.high_written is None or not at_most else f.high_written
    if f.unit == "%" and f.scale != 1:
        value = abs(f.value)  # 三成, 一倍: in percent
    index = d.entry is not None and d.entry.kind == IndicatorKind.INDEX
    if f.kind == "rate" and _GROWTH_AFTER.match(item.clause[item.clause.find(f.text) + len(f.text):] if f.text in item.clause else ""):
        return (TargetKind.GROWTH_AT_MOST if at_most else TargetKind.GROWTH_AT_LEAST), value, "%"  # 实现6%左右的增长
    if f.kind == "growth" and f.unit == "%":
        if f.sign < 0:
            return TargetKind.REDUCTION_AT_LEAST, value, "%"
        return (TargetKind.GROWTH_AT_MOST if at_most else TargetKind.GROWTH_AT_LEAST), value, "%"
    if f.kind == "rate":
        if index:  # 居民消费价格涨幅3%左右: a rise in prices is a growth
            return (TargetKind.GROWTH_AT_MOST if at_most or lower_better else TargetKind.GROWTH_AT_LEAST), value, "%"
        if d.rate or (d.entry is not None and d.entry.kind == IndicatorKind.RATE):
            return (TargetKind.RATE_AT_MOST if at_most else TargetKind.RATE_AT_LEAST), value, "%"
        return None
    if f.kind == "amount" and d.entry is not None and d.entry.kind == IndicatorKind.LEVEL:
        unit = written_unit(item)
        if level_unit(d.entry, unit):
            return (TargetKind.LEVEL_AT_MOST if at_most else TargetKind.LEVEL_AT_LEAST), value, unit
    return None


def figure_targets(items: list[Item], layout: Layout, table: dict[str, Drafted], conflicts: list[Conflict]) -> list[DraftTarget]:
    out: list[DraftTarget] = []
    for item in items:
        if not is_target(item, layout) or item.ref is None or item.fact.role or item.ref.how == "increment":
            continue  # 新增国家高新技术企业100家: a task, not the stock's target
        d = table.get(item.ref.key)
        if d is None and (item.ref.entry is not None or layout.targets_only(item.fact.start)):
            d = indicator_for(item, table)
        if d is None:
            continue
        form = target_form(item, d)
        if form is None:
            continue
        kind, value, unit = form
        item.used = True
        period = str(layout.plan_year)
        kept = next((t for t in out if t.indicator is d and t.period == period), None)
        if kept is not None:
            if (kept.kind, kept.value) != (kind, value):
                conflicts.append(Conflict("targets", d.key, "target", kept.text, item.clause, item.sentence, item.fact.line))
            continue
        t = DraftTarget(d, period, kind, value, unit, item.clause, item, item.sentence, item.fact.line)
        _second_opinion(t, layout)
        out.append(t)
    return out


def _second_opinion(t: DraftTarget, layout: Layout) -> None:
    f = t.item.fact if t.item else None
    if f is None:
        return
    if f.bound == "approx":
        t.confidence, t.reasons = LIKELY, [because("approx_at_most" if t.kind.value.endswith("most") else "approx_at_least")]
    if f.bound == "range":
        t.confidence, t.reasons = LIKELY, [because("range")]
    parsed = parse_target_text(t.text, layout.plan_year)
    if parsed is None or parsed[1] is None:
        return
    kind, value = parsed[0], parsed[1]
    same_value = abs(value) == abs(t.value or Decimal(0))
    if not same_value or (kind != t.kind and {kind, t.kind} != {TargetKind.RATE_AT_MOST, TargetKind.GROWTH_AT_MOST}):
        t.confidence = min(t.confidence, GUESS)
        t.reasons.append(because("wording", kind=kind.value, value=value))


def qualitative_targets(layout: Layout, resolver: Resolver, table: dict[str, Drafted], items: list[Item],
                        taken: list[DraftTarget]) -> list[DraftTarget]:
    """Targets in words in the plan's sections: a clause naming an indicator with no figure of its own."""
    doc = layout.doc
    figures = sorted(i.fact.start for i in items)
    out: list[DraftTarget] = []
    done = {(t.indicator.key, t.period) for t in taken}
    for sent in doc.sentences:
        if layout.role(sent.start) != "plan":
            continue
        for m in _CLAUSE.finditer(doc.norm, sent.start, sent.end):
            clause = m.group()
            if not QUALITATIVE.search(clause) or any(m.start() <= p < m.end() for p in figures):
                continue
            text = doc.text[m.start() : m.end()].strip()
            sentence = doc.text[sent.start : sent.end].strip()
            line = doc.line_col(m.start())[0]
            for _pos, entry in resolver.names_in(clause):
                d = table.get(entry.code)
                if d is None:
                    d = Drafted(entry.code, entry.name, entry, sentence, line)
                    table[entry.code] = d
                key = (d.key, str(layout.plan_year))
                if key in done:
                    continue
                done.add(key)
                out.append(DraftTarget(d, str(layout.plan_year), TargetKind.QUALITATIVE, None, "", text, None,
                                       sentence, line, LIKELY,
                                       [because("qualitative")]))
    return out

