"""Gaps in percentage points between two stated rates, wherever the rates stand.

- ``pp_gap``: 高于全市0.4个百分点 against the region's own rate and the other region's (全市同比增长7.4%);
  低于城镇居民1.8个百分点 against the two groups' rates. The other side is found by its region (or its group
  name) and period; the own side by the other side's indicator. Nothing is said when either is not stated
  (增速比全市高1.1个百分点 with no city figure).
- ``pp_period``: 增速较一季度提高1.2个百分点 against this period's rate and the rate of the period it is
  compared with (一季度…增长4.7%), stated anywhere; 降幅收窄2.5个百分点 is +2.5 on the growth rate.
"""

from __future__ import annotations

import re

from planwatch.core.growth import pp_change_iv

from .checks import Check, judge
from .model import Fact
from .partners import Index, common_tail, eq, family, key, percent
from .scopes import against_scope


def _rate(f: Fact, p: Fact) -> bool:
    return percent(f) and f.kind in ("growth", "rate", "share") and eq(f) and f.modality == "actual" and f is not p \
        and f.role == "" and f.basis != "avg_annual"


def _near(ix: Index, p: Fact, paragraphs: int = 1) -> list[Fact]:
    out: list[Fact] = []
    for para in range(p.paragraph - paragraphs, p.paragraph + paragraphs + 1):
        out.extend(ix.by_paragraph.get(para, []))
    return out


def pp_gap(ix: Index) -> list[Check]:
    out: list[Check] = []
    level = ix.doc.level
    for p in ix.facts:
        if p.kind != "pp_change" or p.basis != "vs_other" or not eq(p) or not p.against:
            continue
        scope = against_scope(p.against, level)
        near = [f for f in _near(ix, p) if _rate(f, p) and f.period == p.period]
        if scope is not None:
            if scope == p.scope:
                continue  # 高于全市 in a text that is the city's own: nothing to compare
            others = [f for f in near if f.scope == scope]
            other = ix.nearest(p, others)
            if other is None:
                continue
            owns = [f for f in near if f.scope == p.scope and key(f) == key(other) and f.kind == other.kind
                    and family(f) == family(other)]
        else:
            others = [f for f in near if p.against in f.subject]
            other = ix.nearest(p, others)
            if other is None:
                continue
            owns = [f for f in ix.by_sentence[p.sentence] if _rate(f, p) and f.start < p.start and f is not other
                    and f.kind == other.kind and common_tail(key(f), key(other)) >= 2 and p.against not in f.subject]
        own = _nearest_before(p, owns)
        if own is None:
            continue
        computed = pp_change_iv(own.interval(), other.interval())
        check = judge("pp_gap", p, [own, other], computed, own=own.shown(), other=other.shown(), against=p.against)
        check.subject = own.subject
        out.append(check)
    return out


_LIST_GAP = re.compile(r"(比|较)(?P<between>[^。；;比较]*?)分别(?P<word>高出|高|低|快|慢|多|少)(了)?$")


def pp_gap_list(ix: Index) -> list[Check]:
    """比全省(7.7%)和全国平均水平(7.0%)分别高0.7、1.4个百分点: each gap against its own rate in brackets."""
    out: list[Check] = []
    text = ix.doc.norm
    groups: dict[int, list[Fact]] = {}
    for p in ix.facts:
        if p.kind == "pp_change" and p.group >= 0 and eq(p):
            groups.setdefault(p.group, []).append(p)
    for gaps in groups.values():
        first = gaps[0]
        sentence = ix.doc.sentences[first.sentence]
        m = _LIST_GAP.search(text, sentence.start, first.start)
        if m is None:
            continue
        sent = ix.by_sentence[first.sentence]
        others = [f for f in sent if m.start() < f.start < first.start and percent(f)]
        owns = [f for f in sent if f.start < m.start() and _rate(f, first) and f.kind == "growth"]
        if len(others) != len(gaps) or not owns:
            continue
        own = owns[-1]
        sign = 1 if m.group("word") in ("高出", "高", "快", "多") else -1
        for gap, other in zip(gaps, others, strict=True):
            computed = pp_change_iv(own.interval(), other.interval())
            stated = gap.value * sign
            check = judge("pp_gap", gap, [own, other], computed, stated_value=stated, own=own.shown(), other=other.shown(),
                          against=_against_before(text, other))
            check.subject = own.subject
            out.append(check)
    return out


def _against_before(text: str, other: Fact) -> str:
    m = re.search(r"([^（(，,和及与比较]{1,10})[（(]$", text[max(0, other.start - 12) : other.start])
    return m.group(1) if m else ""


def _nearest_before(p: Fact, facts: list[Fact]) -> Fact | None:
    before = [f for f in facts if f.start < p.start]
    if before:
        return max(before, key=lambda f: f.start)
    return min(facts, key=lambda f: f.start) if facts else None


def pp_period(ix: Index) -> list[Check]:
    out: list[Check] = []
    for p in ix.facts:
        if p.kind != "pp_change" or p.basis != "vs_period" or not eq(p) or not p.base_period:
            continue
        if p.base_period[:4] != p.period[:4]:
            continue  # 比2019年上半年: another year's base, not an earlier part of this year
        current = next((f for f in reversed(ix.by_sentence[p.sentence])
                        if f.start < p.start and _rate(f, p) and f.period == p.period and f.kind != "share"), None)
        if current is None:
            continue
        earlier = [f for f in ix.with_key(key(current)) if f.period == p.base_period and f.kind == current.kind
                   and f.scope == current.scope and family(f) == family(current) and _rate(f, p)]
        if not earlier or len({f.value for f in earlier}) > 1:
            continue
        before = ix.nearest(p, earlier)
        assert before is not None
        computed = pp_change_iv(current.interval(), before.interval())
        check = judge("pp_period", p, [current, before], computed, current=current.shown(), previous=before.shown(),
                      base=p.base_period)
        check.subject = current.subject
        out.append(check)
    return out
