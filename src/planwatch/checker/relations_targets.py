"""An actual against its target, when the report says whether the target was met.

The target is stated anywhere (the plan recalled at the start of an annual report, 年初确定…增长6%左右; the
claim itself, 低于年初确定的6%左右的预期目标; a table's target column); the claim follows the actual in its
sentence (完成年度预期目标, 超额完成, 未完成年度目标, 低于…目标, 控制在目标以内) or stands in the table's
status column (完成 / 未完成). The actual and the target must be of the same indicator, scope, kind and year.

Whether a target is met: a growth or level target (增长6%, 不少于2万个) is met at or above it; a ceiling
(控制在5.5%以内) and the targets of indicators where lower is better (失业率, 能耗, PM2.5, 价格涨幅) at or below
it; a target 左右 is met within 0.5 percentage points below it (5% of it for levels), missed further below,
and between the two nothing is decided. The actual is a rounded figure (6.0 stands for 5.95–6.05); the
target is a threshold. A claim is flagged only when no value the actual stands for makes it true.
"""

from __future__ import annotations

import re
from decimal import Decimal

from planwatch.core.intervals import Interval

from .checks import Check, verdict
from .model import Fact
from .partners import Index, core_unit, eq, family, key, measure, same_unit

_CLAIM = re.compile(
    r"(?P<not>未能?完成|未达到|未实现|未达|没有完成|没有达到)[^，。；,;]{0,12}?(目标|预期|计划|任务)"
    r"|(?P<below>低于|慢于|差于)[^，。；,;]{0,18}?(目标|预期|计划)"
    r"|(?P<above>超额完成|超过|高于|好于|快于|优于)[^，。；,;]{0,18}?(目标|预期|计划)"
    r"|(?P<within>控制在)[^，。；,;]{0,10}?(目标|预期|计划)[^，。；,;]{0,4}?(以内|范围内|之内)"
    r"|(?P<met>完成|实现|达到|达成|符合)[^，。；,;的]{0,10}?(目标|预期|计划|任务)(?!的\s*[\d一二三四五六七八九])"
)
_LOWER_BETTER = re.compile(r"失业率|能耗|排放|浓度|PM2\.5|物价|价格|CPI|涨幅|死亡率|发生率|负债率|事故")


def target_met(ix: Index) -> list[Check]:
    out: list[Check] = []
    text = ix.doc.norm
    for index, sent in ix.by_sentence.items():
        actuals = [f for f in sent if f.modality == "actual" and f.source == "text"]
        if not actuals:
            continue
        sentence = ix.doc.sentences[index]
        for m in _CLAIM.finditer(text, sentence.start, sentence.end):
            claim = next((name for name in ("not", "below", "above", "within", "met") if m.group(name)), "")
            before = [f for f in actuals if f.end <= m.start()]
            if not before:
                continue
            a = before[-1]
            if not eq(a) or a.kind not in ("growth", "rate", "amount", "share") or a.role:
                continue
            inline = [f for f in sent if f.modality == "target" and m.start() <= f.start < m.end()]
            t = inline[0] if inline else _target_of(ix, a)
            if t is None:
                continue
            check = _decide(a, t, claim, inline=bool(inline))
            if check is not None:
                out.append(check)
    out.extend(_rows(ix))
    return out


def _rows(ix: Index) -> list[Check]:
    """A table row's status column (完成 / 未完成) against its actual (or growth) and its target."""
    out: list[Check] = []
    for row_index, row in enumerate(ix.doc.rows):
        if row.status is None:
            continue
        cells = ix.by_row.get(row_index, [])
        target = next((f for f in cells if f.column == "target"), None)
        if target is None:
            continue
        want = "growth" if target.kind == "growth" else "actual"
        actual = next((f for f in cells if f.column == want), None)
        if actual is None or not eq(actual):
            continue
        check = _decide(actual, target, "met" if row.status else "not")
        if check is not None:
            out.append(check)
    return out


def _compatible(a: Fact, t: Fact) -> bool:
    if a.kind != t.kind and not (a.kind in ("rate", "share") and t.kind in ("rate", "share")):
        return False
    if a.kind == "growth":
        return family(a) == family(t) and t.unit == "%"
    return same_unit(a, t)


def _target_of(ix: Index, a: Fact) -> Fact | None:
    year = a.period[:4]
    if a.period != year:
        return None  # a half-year figure against the year's target is a matter of progress, not of meeting it
    found = [t for t in ix.with_key(key(a)) if t.modality == "target" and t.period == year and t.scope == a.scope
             and t.source == "text" and _compatible(a, t)]
    if not found or len({(t.value, t.bound) for t in found}) > 1:
        return None
    return found[0]


def _decide(a: Fact, t: Fact, claim: str, inline: bool = False) -> Check | None:
    ma, mt = measure(a), measure(t)
    if ma is None or mt is None or ma[0] != mt[0]:
        return None
    if not _compatible(a, t) and not (inline and a.unit == t.unit == "%"):
        return None  # 增长5.4%，低于年初确定的6%左右的预期目标: the target named in the claim is the actual's
    actual = ma[1]
    lo = Decimal(t.low) if t.low is not None else t.value
    target = _in_measure(t, lo)
    high = _in_measure(t, Decimal(t.high)) if t.high is not None else target
    tol = Decimal("0.5") if t.unit == "%" else abs(target) * Decimal("0.05")
    lower_better = t.bound in ("le", "lt") or bool(_LOWER_BETTER.search(key(a)))
    approx = t.bound == "approx"
    if lower_better:
        surely_met = actual.hi <= high
        surely_missed = actual.lo > (high + tol if approx else high)
    else:
        surely_met = actual.lo >= target
        surely_missed = actual.hi < (target - tol if approx else target)
    if claim in ("met", "within"):
        if not (surely_met or surely_missed):
            return None
        ok = not surely_missed
    elif claim == "not":
        if not (surely_met or surely_missed):
            return None
        ok = not surely_met
    elif claim == "above":
        ok = actual.hi > target if not lower_better else actual.lo < high
    elif claim == "below":
        ok = actual.lo < target
    else:
        return None
    return verdict("target_met", a, [t], ok, a.value / (a.scale or 1), t.value / (t.scale or 1),
                   low=Decimal(t.low) if t.low is not None else None,
                   high=Decimal(t.high) if t.high is not None else None,
                   claim=claim, target=t.shown(), target_bound=t.bound, target_kind=t.kind)


def _in_measure(t: Fact, value: Decimal) -> Decimal:
    """A target's threshold (in the fact's base unit) in the core's base unit."""
    u = core_unit(t)
    if u is None or t.unit in ("%", "pp") or not t.scale:
        return value
    return value * u.factor / t.scale


__all__ = ["Interval", "target_met"]
