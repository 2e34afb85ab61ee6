"""The relations the checker knows, each a function from facts to checks.

Every relation looks only at facts stated close together (the same sentence; targets anywhere in the
report) and only at facts stated exactly (bound ``eq``): 约/近/超/以上 figures decide nothing. The
arithmetic is the core's (``planwatch.core.growth`` interval twins).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from planwatch.core.growth import (
    GrowthError,
    avg_annual_iv,
    chain_iv,
    pp_change_iv,
    share_iv,
    yoy_iv,
)
from planwatch.core.intervals import Interval, consistent, expected_figure

from .checks import Check, judge
from .document import Document
from .model import Fact
from .units import is_counter

# official growth of these is at comparable prices: never judged against nominal levels
COMPARABLE_PRICES = re.compile(r"GDP|地区生产总值|增加值")
_PREVIOUS_WORDS = re.compile(r"由|从|去年|上年|同期|年初")


def _iv(fn: Callable[..., Interval], *args: object) -> Interval | None:
    """The core's interval arithmetic, or None where it has no answer (a fall of 100% or more, a zero whole)."""
    try:
        return fn(*args)
    except (GrowthError, ZeroDivisionError, ArithmeticError):
        return None


def _by_sentence(facts: Iterable[Fact]) -> dict[int, list[Fact]]:
    out: dict[int, list[Fact]] = defaultdict(list)
    for f in facts:
        out[f.sentence].append(f)
    return out


def _exact(f: Fact) -> bool:
    return f.bound == "eq"


def avg_annual(facts: list[Fact], doc: Document) -> list[Check]:
    """两年平均增长3.9% against 比2019年上半年增长7.9%: ((1 + 7.9%)^(1/2) − 1)."""
    out: list[Check] = []
    sentences = _by_sentence(facts)
    for index, sent in sentences.items():
        for f in sent:
            if f.kind != "growth" or f.basis != "avg_annual" or f.unit != "%" or not _exact(f):
                continue
            base = _avg_bases(sent, f)
            if not base and index - 1 in sentences:  # …增长7.9%。两年平均增长3.9%。 in one paragraph
                earlier = [g for g in sentences[index - 1] if "\n" not in doc.text[g.end : f.start]]
                base = _avg_bases(earlier, f)
            base.sort(key=lambda g: abs(g.start - f.start))  # the nearest, before or after
            computed = _iv(avg_annual_iv, base[0].interval(), f.years or 2) if base else None
            if base and computed:
                g = base[0]
                out.append(judge("avg_annual", f, [g], computed,
                                 years=str(f.years or 2), base=g.base_period, base_value=str(g.value)))
    return out


def _avg_bases(sent: list[Fact], f: Fact) -> list[Fact]:
    return [
        g for g in sent
        if g.kind == "growth" and g.basis == "vs_period" and g.unit == "%" and _exact(g)
        and g.subject == f.subject and g.base_period == f.base_period
    ]


def middle_year(facts: list[Fact], doc: Document) -> list[Check]:
    """比2019年上半年增长V against 同比增长Y and a stated 2020年上半年 growth M: V = (1+M)(1+Y) − 1."""
    out: list[Check] = []
    if not doc.year:
        return out
    for sent in _by_sentence(facts).values():
        for v in sent:
            if v.kind != "growth" or v.basis != "vs_period" or v.unit != "%" or not _exact(v):
                continue
            if not v.base_period.startswith(str(doc.year - 2)):
                continue
            middle = f"{doc.year - 1}{doc.part}"
            ys = [y for y in sent if y.basis == "yoy" and y.period == doc.period and y.subject == v.subject
                  and y.kind == "growth" and y.unit == "%" and _exact(y)]
            ms = [m for m in sent if m.period == middle and m.kind == "growth" and m.unit == "%"
                  and m.subject == v.subject and _exact(m) and m.basis in ("yoy", "none")]
            computed = _iv(chain_iv, ms[0].interval(), ys[0].interval()) if ys and ms else None
            if ys and ms and computed:
                out.append(judge("middle_year", v, [ys[0], ms[0]], computed, middle=middle, base=v.base_period))
    return out


def _nearest_pair(sent: list[Fact], before: Fact) -> tuple[Fact, Fact] | None:
    amounts = [a for a in sent if a.kind == "amount" and a.start < before.start and _exact(a)]
    if len(amounts) < 2:
        return None
    total, part = amounts[-2], amounts[-1]
    if total.unit != part.unit or part.value > total.value or total.value <= 0:
        return None
    return part, total


_CLAUSE_END = re.compile(r"[，,；;：:]")


def _stem_stated(text: str, rate: Fact, total: Fact) -> bool:
    """The verb of a rate (落地 of 落地率, 完成 of 完成率) is stated between the total and the rate's clause."""
    stem = rate.subject[-3:-1]
    between = text[total.start : rate.start]
    ends = list(_CLAUSE_END.finditer(between))
    if ends:
        between = between[: ends[-1].start()]
    return len(stem) == 2 and stem in between


def rate_count(facts: list[Fact], doc: Document) -> list[Check]:
    """落地率79% against 62项…已落地49项: 49 / 62."""
    out: list[Check] = []
    for sent in _by_sentence(facts).values():
        for r in sent:
            if r.kind != "rate" or r.unit != "%" or not _exact(r) or not r.subject.endswith("率"):
                continue
            pair = _nearest_pair(sent, r)
            if pair and not _stem_stated(doc.text, r, pair[1]):
                continue  # 覆盖率 after counts of something else: not this rate's count and total
            computed = _iv(share_iv, pair[0].interval(), pair[1].interval()) if pair else None
            if pair and computed:
                part, total = pair
                out.append(judge("rate_count", r, [part, total], computed, part=part.text, total=total.text))
    return out


def share_parts(facts: list[Fact], doc: Document) -> list[Check]:
    """占全市…的17.4% against a stated part and whole of the same unit."""
    out: list[Check] = []
    for sent in _by_sentence(facts).values():
        for s in sent:
            if s.kind != "share" or s.role or s.unit != "%" or not _exact(s) or s.exact:
                continue
            amounts = [a for a in sent if a.kind == "amount" and _exact(a) and a.modality == s.modality]
            units = {a.unit for a in amounts}
            if len(amounts) != 2 or len(units) != 1 or amounts[0].value == amounts[1].value:
                continue
            part, whole = sorted(amounts, key=lambda a: a.value)
            if not _whole_named(doc.text, s, part, whole):
                continue
            computed = _iv(share_iv, part.interval(), whole.interval())
            if part.value <= 0 or computed is None:
                continue
            out.append(judge("share_parts", s, [part, whole], computed, part=part.text, whole=whole.text))
    return out


_OBJECT_NOISE = re.compile(r"的|比重|为|约|达到|达|是")


def _whole_named(text: str, s: Fact, part: Fact, whole: Fact) -> bool:
    """The larger amount is the whole the share is of: named after 占 (占全市接诉总量的), or marked as a total."""
    sentence_start = text.rfind("\n", 0, s.start) + 1
    at = text.rfind("占", sentence_start, s.start)
    obj = _OBJECT_NOISE.sub("", text[at + 1 : s.start]) if at >= 0 else ""
    about = whole.subject + whole.context
    if len(obj) >= 2:
        return _overlap(obj, about) >= 2
    return part.total_marker == "part" or whole.total_marker == "total" or bool(re.search("全|总", about))


def pp_rates(facts: list[Fact], doc: Document) -> list[Check]:
    """提升1.6个百分点 against the two rates it is the difference of."""
    out: list[Check] = []
    for sent in _by_sentence(facts).values():
        for p in sent:
            if p.kind != "pp_change" or not _exact(p) or p.group >= 0:
                continue
            rates = [r for r in sent if r.unit == "%" and _exact(r) and r is not p
                     and (r.kind in ("rate", "share") or (r.kind == "growth" and r.basis == "none"))]
            if len(rates) != 2:
                continue
            prev = [r for r in rates if _PREVIOUS_WORDS.search(r.context)]
            if len(prev) == 1:
                previous = prev[0]
                current = rates[1] if previous is rates[0] else rates[0]
            else:
                previous, current = rates
            if current.subject != previous.subject:
                continue  # two different rates (公办园覆盖率、普惠园覆盖率), not one rate then and now
            cur_iv = current.interval() if current.kind != "growth" else _unsigned(current)
            prev_iv = previous.interval() if previous.kind != "growth" else _unsigned(previous)
            out.append(judge("pp_rates", p, [current, previous], pp_change_iv(cur_iv, prev_iv),
                             current=current.text, previous=previous.text))
    return out


def rate_growth(facts: list[Fact], doc: Document) -> list[Check]:
    """增长X% between two stated rates (由2.35%下降到2.05%，下降0.3%): a relative change, not points.

    A stated figure that fits the difference in points but not the relative change is percentage points
    written as percent; the message says so.
    """
    out: list[Check] = []
    for sent in _by_sentence(facts).values():
        for g in sent:
            if g.kind != "growth" or g.unit != "%" or not _exact(g) or g.basis == "avg_annual":
                continue
            rates = [r for r in sent if r.unit == "%" and _exact(r) and r.kind in ("rate", "share")
                     and r.subject == g.subject and r.start < g.start]
            if len(rates) != 2:
                continue
            prev = [r for r in rates if _PREVIOUS_WORDS.search(r.context)]
            previous = prev[0] if len(prev) == 1 else rates[0]
            current = rates[1] if previous is rates[0] else rates[0]
            computed = _iv(yoy_iv, current.interval(), previous.interval())
            if computed is None:
                continue
            points = pp_change_iv(current.interval(), previous.interval())
            check = judge("rate_growth", g, [current, previous], computed,
                          current=current.text, previous=previous.text,
                          points=str(expected_figure(points, max(current.decimals, previous.decimals))))
            if check.status == "inconsistent" and consistent(g.value, points, g.decimals):
                check.detail["points_for_percent"] = "1"
            out.append(check)
    return out


def _unsigned(f: Fact) -> Interval:
    iv = f.interval()
    return iv if f.sign > 0 else Interval(-iv.hi, -iv.lo)


def growth_levels(facts: list[Fact], doc: Document) -> list[Check]:
    """同比增长20% against two stated levels (this period's and the same period a year before)."""
    out: list[Check] = []
    if not doc.year:
        return out
    for sent in _by_sentence(facts).values():
        for g in sent:
            if g.kind != "growth" or g.unit != "%" or not _exact(g) or g.basis not in ("yoy", "vs_period"):
                continue
            if COMPARABLE_PRICES.search(g.subject):
                continue
            base = f"{doc.year - 1}{doc.part}" if g.basis == "yoy" else g.base_period
            levels = [a for a in sent if a.kind == "amount" and _exact(a) and a.value > 0]
            current = [a for a in levels if a.period == g.period and a.subject == g.subject]
            previous = [a for a in levels if a.period == base]
            if len(previous) != 1 or not current:
                continue
            cur, prev = current[-1], previous[0]
            if cur.unit != prev.unit or cur.subject != prev.subject:
                continue
            computed = _iv(yoy_iv, cur.interval(), prev.interval())
            if computed is None:
                continue
            out.append(judge("growth_levels", g, [cur, prev], computed, current=cur.text, previous=prev.text))
    return out


def parts_total(facts: list[Fact], doc: Document) -> list[Check]:
    """A stated total (共计/合计) against its listed parts; after 其中 the parts may not exceed it."""
    out: list[Check] = []
    for sent in _by_sentence(facts).values():
        amounts = [a for a in sent if a.kind == "amount" and a.bound == "eq"]
        for t in amounts:
            if t.total_marker == "total":
                listed = [a for a in amounts if a is not t and a.group >= 0 and a.unit == t.unit]
                if len({a.group for a in listed}) == 1 and len(listed) >= 2:
                    out.append(judge("parts_total", t, listed, _sum(listed), parts="、".join(a.text for a in listed)))
                    continue
            later_parts = [a for a in amounts if a.total_marker == "part" and a.unit == t.unit and a.start > t.start]
            if later_parts and t.total_marker != "part" and not [
                a for a in amounts if a.unit == t.unit and t.start < a.start < later_parts[0].start
            ]:
                out.append(judge("parts_total", t, later_parts, _sum(later_parts), comparison="at_most",
                                 parts="、".join(a.text for a in later_parts)))
    return out


def _sum(parts: list[Fact]) -> Interval:
    total = Interval.exact(Decimal(0))
    for a in parts:
        total = total + a.interval()
    return total


def task_share(facts: list[Fact], doc: Document) -> list[Check]:
    """分别完成全年任务的54.7% against the amount done and the stated annual target."""
    out: list[Check] = []
    targets = [t for t in facts if t.modality == "target" and t.kind == "amount" and t.bound in ("eq", "ge")]
    for sent in _by_sentence(facts).values():
        for s in sent:
            if s.role != "task_share" or not _exact(s):
                continue
            done = _done_amount(sent, s)
            if done is None:
                continue
            year = s.period[:4]
            target = _matching_target([t for t in targets if t.period[:4] == year], done)
            computed = _iv(share_iv, done.interval(), target.interval()) if target and target.value > 0 else None
            if target is None or computed is None:
                continue
            out.append(judge("task_share", s, [done, target], computed, done=done.text, target=target.text))
    return out


def _done_amount(sent: list[Fact], s: Fact) -> Fact | None:
    before = [a for a in sent if a.kind == "amount" and a.start < s.start and a.modality == "actual" and _exact(a)]
    if s.group >= 0:
        same = [a for a in before if a.group >= 0 and a.group != s.group and a.group_index == s.group_index]
        if same:
            return same[-1]
        size = max(f.group_index for f in sent if f.group == s.group) + 1
        if len(before) >= size:  # 拆除91.4万平方米、腾退109.7公顷，分别完成全年任务的43.5%、49.9%
            return before[-size:][s.group_index]
    return before[-1] if before else None


def _matching_target(targets: list[Fact], done: Fact) -> Fact | None:
    same_unit = [t for t in targets if t.unit == done.unit and t.start != done.start]
    named = [t for t in same_unit if _overlap(t.subject, done.subject) >= 2]
    if named:
        return max(named, key=lambda t: _overlap(t.subject, done.subject))
    # an unnamed target only for measures (拆违面积 210万平方米 for 拆除违法建设): counts of people need a name
    return same_unit[0] if len(same_unit) == 1 and not is_counter(done.unit) else None


def _overlap(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


ALL: tuple[Callable[[list[Fact], Document], list[Check]], ...] = (
    avg_annual, middle_year, rate_count, share_parts, pp_rates, rate_growth, growth_levels, parts_total,
    task_share,
)
