"""The relations the checker knows, each a function from the report's facts (an ``Index``) to checks.

Relations between the growth figures of one subject (this module): two-year averages, a middle year, a
growth between two stated rates or levels, a change in points between a rate now and before, and the share
of the year's task done. Wholes and parts (``relations_wholes``), the same figure stated twice
(``relations_repeat``), lists, enumerations, structures and bounds (``relations_lists``), targets met
(``relations_targets``) and gaps in percentage points (``relations_gaps``) have modules of their own.

Every relation uses only facts stated exactly (bound ``eq``) unless it says otherwise: 约/近/超/以上 figures
decide nothing. The arithmetic is the core's (``planwatch.core.growth`` interval twins).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from planwatch.core.growth import avg_annual_iv, chain_iv, pp_change_iv, share_iv, yoy_iv
from planwatch.core.intervals import Interval, consistent, expected_figure

from .checks import RELATIONS, Check, judge
from .document import Document
from .messages import noun_phrase
from .model import Fact
from .partners import Index, eq, family, key, safe, same_unit
from .relations_gaps import pp_gap, pp_gap_list, pp_period
from .relations_lists import enum_count, list_pairs, share_bound, structure
from .relations_repeat import repeat
from .relations_shares import share_parts
from .relations_targets import target_met
from .relations_tasks import rate_count, task_share
from .relations_wholes import parts_total
from .units import is_counter

# official growth of these is at comparable prices: never judged against nominal levels
COMPARABLE_PRICES = re.compile(r"GDP|地区生产总值|增加值")
_PREVIOUS_WORDS = re.compile(r"由|从|去年|上年|同期|年初")
_FROM = re.compile(r"(由|从)[^，。；,;]{0,16}$")
_TO = re.compile(r"(至|到)$")


def avg_annual(ix: Index) -> list[Check]:
    """两年平均增长3.9% against 比2019年上半年增长7.9%: ((1 + 7.9%)^(1/2) − 1)."""
    out: list[Check] = []
    text = ix.doc.norm
    for index, sent in ix.by_sentence.items():
        for f in sent:
            if f.kind != "growth" or f.basis != "avg_annual" or f.unit != "%" or not eq(f):
                continue
            base = _avg_bases(sent, f)
            if not base and index - 1 in ix.by_sentence:  # …增长7.9%。两年平均增长3.9%。 in one paragraph
                earlier = [g for g in ix.by_sentence[index - 1] if "\n" not in text[g.end : f.start]]
                base = _avg_bases(earlier, f)
            base.sort(key=lambda g: abs(g.start - f.start))  # the nearest, before or after
            computed = safe(avg_annual_iv, base[0].interval(), f.years or 2) if base else None
            if base and computed:
                g = base[0]
                out.append(judge("avg_annual", f, [g], computed,
                                 years=str(f.years or 2), base=g.base_period, base_value=str(g.value)))
    return out


def _avg_bases(sent: list[Fact], f: Fact) -> list[Fact]:
    return [
        g for g in sent
        if g.kind == "growth" and g.basis == "vs_period" and g.unit == "%" and eq(g)
        and g.subject == f.subject and g.base_period == f.base_period
    ]


def middle_year(ix: Index) -> list[Check]:
    """比2019年上半年增长V against 同比增长Y and a stated 2020年上半年 growth M: V = (1+M)(1+Y) − 1."""
    out: list[Check] = []
    doc = ix.doc
    if not doc.year:
        return out
    for sent in ix.by_sentence.values():
        for v in sent:
            if v.kind != "growth" or v.basis != "vs_period" or v.unit != "%" or not eq(v):
                continue
            if not v.base_period.startswith(str(doc.year - 2)):
                continue
            middle = f"{doc.year - 1}{doc.part}"
            ys = [y for y in sent if y.basis == "yoy" and y.period == doc.period and y.subject == v.subject
                  and y.kind == "growth" and y.unit == "%" and eq(y)]
            ms = [m for m in sent if m.period == middle and m.kind == "growth" and m.unit == "%"
                  and m.subject == v.subject and eq(m) and m.basis in ("yoy", "none")]
            computed = safe(chain_iv, ms[0].interval(), ys[0].interval()) if ys and ms else None
            if ys and ms and computed:
                out.append(judge("middle_year", v, [ys[0], ms[0]], computed, middle=middle, base=v.base_period))
    return out


def pp_rates(ix: Index) -> list[Check]:
    """提升1.6个百分点 against the two rates it is the difference of: in its sentence (由68.5%提高到71.2%),
    or the rate now in its sentence and the same rate a year before stated elsewhere (上年末为67.4%)."""
    out: list[Check] = []
    doc = ix.doc
    for sent in ix.by_sentence.values():
        for p in sent:
            if p.kind != "pp_change" or not eq(p) or p.group >= 0 or p.basis in ("vs_other", "vs_period"):
                continue
            rates = [r for r in sent if r.unit == "%" and eq(r) and r is not p and r.start < p.start + 200
                     and (r.kind in ("rate", "share") or (r.kind == "growth" and r.basis == "none"))
                     and r.role != "structure"]
            pair = _two_rates(rates) if len(rates) == 2 else None
            if pair is None and len(rates) >= 1 and doc.year and p.basis in ("yoy", "vs_start"):
                pair = _rate_a_year_before(ix, p, [r for r in rates if r.start < p.start])
            if pair is None:
                continue
            current, previous = pair
            cur_iv = current.interval() if current.kind != "growth" else _unsigned(current)
            prev_iv = previous.interval() if previous.kind != "growth" else _unsigned(previous)
            out.append(judge("pp_rates", p, [current, previous], pp_change_iv(cur_iv, prev_iv),
                             current=current.shown(), previous=previous.shown()))
    return out


def _two_rates(rates: list[Fact]) -> tuple[Fact, Fact] | None:
    prev = [r for r in rates if _PREVIOUS_WORDS.search(r.context)]
    if len(prev) != 1:
        return None  # 比全省(17.3%)和全国(11.4%)分别高…: two other rates, not one rate then and now
    previous = prev[0]
    current = rates[1] if previous is rates[0] else rates[0]
    if current.subject != previous.subject:
        return None  # two different rates (公办园覆盖率、普惠园覆盖率), not one rate then and now
    return current, previous


def _rate_a_year_before(ix: Index, p: Fact, before: list[Fact]) -> tuple[Fact, Fact] | None:
    """城镇化率达到68.3%，较上年提高0.9个百分点 … 城镇化率上年末为67.4%."""
    if not before or ix.doc.year is None:
        return None
    current = before[-1]
    if current.kind not in ("rate", "share") or current.period != ix.doc.period:
        return None
    year = ix.doc.year - 1
    wanted = {f"{year}{ix.doc.part}", f"{year}"}
    found = [f for f in ix.with_key(key(current)) if f.period in wanted and f.kind == current.kind and eq(f)
             and f.scope == current.scope and f.unit == "%" and f.modality == "actual"]
    values = {f.value for f in found}
    if len(values) != 1:
        return None
    return current, found[0]


def rate_growth(ix: Index) -> list[Check]:
    """增长X% between two stated rates (由2.35%下降到2.05%，下降0.3%): a relative change, not points.

    A stated figure that fits the difference in points but not the relative change is percentage points
    written as percent; the message says so.
    """
    out: list[Check] = []
    for sent in ix.by_sentence.values():
        for g in sent:
            if g.kind != "growth" or g.unit != "%" or not eq(g) or g.basis == "avg_annual":
                continue
            rates = [r for r in sent if r.unit == "%" and eq(r) and r.kind in ("rate", "share")
                     and r.subject == g.subject and r.start < g.start and r.role != "structure"]
            if len(rates) != 2:
                continue
            pair = _two_rates(rates)
            if pair is None:
                continue
            current, previous = pair
            computed = safe(yoy_iv, current.interval(), previous.interval())
            if computed is None:
                continue
            points = pp_change_iv(current.interval(), previous.interval())
            check = judge("rate_growth", g, [current, previous], computed,
                          current=current.shown(), previous=previous.shown(),
                          points=str(expected_figure(points, max(current.decimals, previous.decimals))))
            if check.status == "inconsistent" and consistent(g.value, points, g.decimals):
                check.detail["points_for_percent"] = "1"
            out.append(check)
    return out


def _unsigned(f: Fact) -> Interval:
    iv = f.interval()
    return iv if f.sign > 0 else Interval(-iv.hi, -iv.lo)


def growth_levels(ix: Index) -> list[Check]:
    """A growth (同比增长20%, 增长1.3倍, 压缩60%) or a ratio (是去年同期的2.1倍) against two stated levels: this
    period's and the same period a year before, or the levels 由A…至B of the same sentence."""
    out: list[Check] = []
    doc = ix.doc
    if not doc.year:
        return out
    for sent in ix.by_sentence.values():
        levels = [a for a in sent if a.kind == "amount" and eq(a) and a.value > 0]
        for g in sent:
            ratio = g.kind == "share" and g.written_unit == "倍"
            if not (g.kind == "growth" or ratio) or g.unit != "%" or not eq(g):
                continue
            pair = _from_to(levels, g)
            if pair is None and (ratio or g.basis in ("yoy", "vs_period", "none")):
                pair = _this_and_before(levels, g, doc.year, doc.part)
            if pair is None:
                continue
            cur, prev = pair
            if COMPARABLE_PRICES.search(g.subject) and not _FROM.search(prev.context):
                continue
            if ratio:
                computed = safe(share_iv, cur.interval(), prev.interval())
            else:
                computed = safe(yoy_iv, cur.interval(), prev.interval())
            if computed is None:
                continue
            check = judge("growth_levels", g, [cur, prev], computed, current=cur.shown(), previous=prev.shown())
            if ratio:
                check.detail["ratio"] = "1"  # 是去年同期的2.1倍: a ratio, not a growth
            out.append(check)
    return out


def _from_to(levels: list[Fact], g: Fact) -> tuple[Fact, Fact] | None:
    """由20个工作日压缩至8个工作日，压缩60%: (current, previous)."""
    before = [a for a in levels if a.start < g.start]
    if len(before) < 2:
        return None
    prev, cur = before[-2], before[-1]
    if not (_FROM.search(prev.context) and _TO.search(cur.context.rstrip())) or not same_unit(prev, cur):
        return None
    return cur, prev


def _this_and_before(levels: list[Fact], g: Fact, year: int, part: str) -> tuple[Fact, Fact] | None:
    base = f"{year - 1}{part}" if g.basis in ("yoy", "none") or g.kind == "share" else g.base_period
    current = [a for a in levels if a.period == g.period and a.subject == g.subject]
    previous = [a for a in levels if a.period == base]
    if len(previous) != 1 or not current:
        return None
    cur, prev = current[-1], previous[0]
    if not same_unit(cur, prev) or cur.subject != prev.subject:
        return None
    return cur, prev


ALL: tuple[Callable[[Index], list[Check]], ...] = (
    avg_annual, middle_year, rate_count, share_parts, pp_rates, rate_growth, growth_levels, parts_total,
    task_share, repeat, list_pairs, enum_count, structure, share_bound, target_met, pp_gap, pp_gap_list, pp_period,
)

__all__ = ["ALL", "family", "is_counter"]


def run_checks(facts: list[Fact], doc: Document) -> list[Check]:
    """Every relation's checks over ``facts``, in reading order, numbered C1 … and their subjects as noun
    phrases."""
    index = Index(facts, doc)
    checks: list[Check] = []
    for finder in ALL:
        checks.extend(finder(index))
    checks.sort(key=lambda c: (c.start, RELATIONS.index(c.relation)))
    for i, c in enumerate(checks, 1):
        c.id = f"C{i}"
        c.subject = noun_phrase(c.subject)
    return checks
