"""Rates of counts and the share of the year's task.

- ``rate_count``: a …率 against its count and the total it is of, when the rate's verb is stated with the
  count (62项…已落地49项，落地率79%; 共受理12.6万件。其中，办结12.3万件，办结率97.6%).
- ``task_share``: 完成全年任务的X% against the amount done and the year's target of the same unit (a target
  stated anywhere in the report; in a table, the row's own target).
"""

from __future__ import annotations

import re

from planwatch.core.growth import share_iv
from planwatch.core.intervals import Interval

from .checks import Check, judge
from .model import Fact
from .partners import Index, eq, measure, safe, same_unit
from .relations_wholes import is_container
from .subjects import overlap
from .units import is_counter


def _stem_stated(rate: Fact, part: Fact) -> bool:
    """The verb of a rate (落地 of 落地率, 完成 of 完成率) is stated with its count (已落地49项, 其中，办结12.3万件),
    not merely somewhere before (…参保率达到98%，医疗保险参保率100% after 学位5080个、3580个)."""
    stem = rate.subject[-3:-1]
    return len(stem) == 2 and stem in part.context


def rate_count(ix: Index) -> list[Check]:
    """落地率79% against 62项…已落地49项: 49 / 62; the total may be a sentence before (共受理…。其中，办结…)."""
    out: list[Check] = []
    for r in ix.facts:
        if r.kind != "rate" or r.unit != "%" or not eq(r) or not r.subject.endswith("率"):
            continue
        pair = _count_and_total(ix, r)
        if pair is None or not _stem_stated(r, pair[0]):
            continue  # 覆盖率 after counts of something else: not this rate's count and total
        part, total = pair
        computed = safe(share_iv, part.interval(), total.interval())
        if computed:
            out.append(judge("rate_count", r, [part, total], computed, part=part.shown(), total=total.shown()))
    return out


def _count_and_total(ix: Index, r: Fact) -> tuple[Fact, Fact] | None:
    sent = [a for a in ix.by_sentence[r.sentence] if a.kind == "amount" and a.start < r.start and eq(a)]
    if not sent and r.sentence - 1 in ix.by_sentence:  # …已整改1795处。整改率为96.5%。
        previous = ix.by_sentence[r.sentence - 1]
        if previous and previous[0].paragraph == r.paragraph:
            sent = [a for a in previous if a.kind == "amount" and eq(a)]
    if not sent:
        return None
    part = sent[-1]
    total: Fact | None = sent[-2] if len(sent) >= 2 else None
    if total is None:
        for f in ix.before(part, 20):
            if f.sentence < part.sentence - 1:
                break
            if f.kind == "amount" and eq(f) and (f.total_marker == "total" or is_container(ix, f)):
                total = f
                break
    if total is None or not same_unit(total, part) or part.value > total.value or total.value <= 0:
        return None
    return part, total


# --- the share of the year's task ---------------------------------------------------------------


def task_share(ix: Index) -> list[Check]:
    """分别完成全年任务的54.7% against the amount done and the stated annual target."""
    out: list[Check] = []
    targets = [t for t in ix.facts if t.modality == "target" and t.kind == "amount" and t.bound in ("eq", "ge")]
    for s in ix.facts:
        if s.role != "task_share" or not eq(s):
            continue
        if s.source == "table":
            row = ix.by_row.get(s.row, [])
            done = next((f for f in row if f.column == "actual" and f.kind == "amount" and eq(f)), None)
            target = next((f for f in row if f.column == "target" and f.kind == "amount"), None)
        else:
            inline = _inline_target(ix, s)
            if inline is not None:  # 完成27.5公顷，占全年任务500公顷的5.5%
                done, target = inline
            else:
                done = _done_amount(ix.by_sentence[s.sentence], s)
                if done is None:
                    continue
                year = s.period[:4]
                target = _matching_target([t for t in targets if t.period[:4] == year and t.source == "text"], done)
        if done is None or target is None or target.value <= 0 or not same_unit(done, target):
            continue
        md, mt = measure(done), measure(target)
        # a target is set, not measured: 3万个 is exactly 30000
        computed = safe(share_iv, md[1], Interval.exact(mt[1].mid)) if md and mt else None
        if computed is None:
            continue
        out.append(judge("task_share", s, [done, target], computed, done=done.shown(), target=target.shown()))
    return out


_TASK_WORD = re.compile(r"(全年|年度|年初)(目标任务|任务目标|任务|目标|计划|预算)")


def _inline_target(ix: Index, s: Fact) -> tuple[Fact, Fact] | None:
    """(done, target) when the share names the year's task with its amount: 占全年任务500公顷的5.5%."""
    sent = ix.by_sentence[s.sentence]
    before = [a for a in sent if a.kind == "amount" and a.start < s.start and eq(a)]
    if len(before) < 2:
        return None
    target, done = before[-1], before[-2]
    between = ix.doc.norm[done.end : target.start]
    if not _TASK_WORD.search(between) or not same_unit(done, target) or re.search(r"[。；;]", between):
        return None
    return done, target


def _done_amount(sent: list[Fact], s: Fact) -> Fact | None:
    before = [a for a in sent if a.kind == "amount" and a.start < s.start and a.modality == "actual" and eq(a)]
    if s.group >= 0:
        same = [a for a in before if a.group >= 0 and a.group != s.group and a.group_index == s.group_index]
        if same:
            return same[-1]
        size = max(f.group_index for f in sent if f.group == s.group) + 1
        if len(before) >= size:  # 拆除91.4万平方米、腾退109.7公顷，分别完成全年任务的43.5%、49.9%
            return before[-size:][s.group_index]
    return before[-1] if before else None


def _matching_target(targets: list[Fact], done: Fact) -> Fact | None:
    same = [t for t in targets if t.unit == done.unit and t.start != done.start]
    named = [t for t in same if overlap(t.subject, done.subject) >= 2]
    if named:
        return max(named, key=lambda t: overlap(t.subject, done.subject))
    # an unnamed target only for measures (拆违面积 210万平方米 for 拆除违法建设): counts of people need a name
    return same[0] if len(same) == 1 and not is_counter(done.unit) else None




__all__ = ["rate_count", "task_share"]
