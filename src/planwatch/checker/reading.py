"""Reading the figures of one sentence into facts: kind, basis, bound, modality, period, subject.

The context of a figure is the clause before it, from the previous figure (or the clause start) up to
the figure; members of a 分别 list after the first share the context of the first (响应率、解决率、满意率
分别较年初提高11.1%、10.9%、9.8%: all three are growth vs the start of the year).
"""

from __future__ import annotations

import re

from . import classify
from .document import Document, Sentence
from .figures import GAP_IN_LIST
from .model import Fact, RawFigure
from .subjects import (
    CLAUSE_DELIMS,
    LIST_DELIMS,
    after_subject,
    before_subject,
    clause_start,
    clean,
    previous_clause_subject,
    split_list,
)
from .units import is_counter

_PERIOD_MARK = re.compile(r"(?<![比较])(\d{4})年(上半年|一季度|第一季度|前三季度|全年)?")
_LAST_YEAR = re.compile(r"(?<![比较])(去年|上年)同期")
_TOTAL = re.compile(r"(共计|合计|总计|共|总量|总数|总额)(达到|达|为)?$")


def _list_groups(
    text: str, sent: Sentence, raws: list[RawFigure], groups: list[int]
) -> tuple[list[int], list[int], dict[int, int], dict[int, int]]:
    """分别 lists: (group id of each figure or -1, position in its list, first member, size of each list)."""
    n = len(raws)
    group = [-1] * n
    gidx = [0] * n
    first: dict[int, int] = {}  # group id → index of its first member
    for i, r in enumerate(raws):
        wide = clause_start(text, sent.start, r.start, CLAUSE_DELIMS)
        if i > 0 and group[i - 1] >= 0 and GAP_IN_LIST.match(text[raws[i - 1].end : r.start]):
            group[i], gidx[i] = group[i - 1], gidx[i - 1] + 1
        elif "分别" in text[max(wide, raws[i - 1].end if i else wide) : r.start]:
            groups[0] += 1
            group[i], first[groups[0]] = groups[0], i
    sizes = {g: group.count(g) for g in set(group) if g >= 0}
    for i in range(n):  # a 分别 with a single figure is no list
        if group[i] >= 0 and sizes[group[i]] < 2:
            group[i] = -1
    return group, gidx, first, sizes


def read_sentence(doc: Document, sent: Sentence, raws: list[RawFigure], offset: int, groups: list[int]) -> list[Fact]:
    """The facts of one sentence; ``groups`` is the running count of 分别 lists in the document."""
    text = doc.text
    group, gidx, first, sizes = _list_groups(text, sent, raws, groups)
    facts: list[Fact] = []
    list_subjects: dict[int, list[str]] = {}
    in_measures = doc.in_measures(sent.start)
    for i, r in enumerate(raws):
        prev_end = raws[i - 1].end if i else sent.start
        wide = clause_start(text, sent.start, r.start, CLAUSE_DELIMS)
        narrow = clause_start(text, sent.start, r.start, LIST_DELIMS)
        g = group[i]
        lead = raws[first[g]] if g >= 0 else r
        lead_prev_end = raws[first[g] - 1].end if g >= 0 and first[g] > 0 else sent.start
        lead_wide = clause_start(text, sent.start, lead.start, CLAUSE_DELIMS)
        ctx = text[max(lead_wide, lead_prev_end) : lead.start]
        local = text[prev_end : r.start] if g >= 0 and gidx[i] > 0 else text[max(narrow, prev_end) : r.start]
        after = text[r.end : r.end + 4]
        bound = classify.bound_of(local, r.between, after)

        kind, sign, role, basis, base_period, years = _kind(r, ctx, text[lead_wide : lead.start])
        if kind in ("growth", "pp_change"):
            basis, base_period = classify.basis_of(ctx, doc.year, doc.part)
            if basis == "avg_annual":
                years = classify.avg_years(ctx)
                if doc.year:
                    base_period = f"{doc.year - years}{doc.part}"
        target = classify.is_target(text[sent.start : r.start], in_measures)
        named = classify.NAMED_TARGET.match(text[r.end : r.end + 10])
        if named:  # 低于4.5%的年度控制目标: the figure is the target, named in a sentence of what happened
            target = True
            bound = "le" if named.group("cap") else bound
        bound = classify.loosen_control(bound, local, after, target)
        period = _period(ctx, doc, target, sent.start)

        if g >= 0:
            subject = _list_subject(text, sent, lead, lead_wide, g, gidx[i], sizes[g], list_subjects, facts)
        elif is_counter(r.unit) and kind == "amount":
            subject = after_subject(text, r.end, sent.end) or before_subject(text, max(narrow, prev_end), r.start)
        else:
            subject = before_subject(text, max(narrow, prev_end) if kind != "growth" else narrow, r.start)
            if not subject and kind == "amount":
                subject = after_subject(text, r.end, sent.end)
        if role == "task_share" and facts:
            subject = _amount_subject(facts, g, gidx[i], sizes.get(g, 1)) or subject
        if not subject and facts:
            subject = facts[-1].subject
        if not subject and not any(sent.start <= x.start < wide for x in raws[:i]):
            subject = previous_clause_subject(text, sent.start, wide)
        value = r.written * r.scale * sign
        line, col = doc.line_col(r.start)
        facts.append(
            Fact(
                id=f"F{offset + len(facts) + 1}", start=r.start, end=r.end, text=text[r.start : r.end],
                subject=subject, value=value, unit=r.unit, kind=kind, basis=basis, bound=bound,
                modality="target" if target else "actual", period=period, base_period=base_period,
                written=r.written, scale=r.scale, decimals=r.decimals, exact=r.exact, sign=sign,
                years=years, sentence=sent.index, line=line, col=col, group=g, group_index=gidx[i],
                role=role, total_marker=_total_marker(ctx, text[wide : r.start]), context=local,
            )
        )
    return facts


def _kind(r: RawFigure, ctx: str, wide_before: str) -> tuple[str, int, str, str, str, int]:
    """(kind, sign, role, basis, base period, years); basis is filled in by the caller for changes."""
    if r.kind_hint == "rank":
        return "rank", 1, "", "none", "", 0
    changed, sign = classify.change_of(ctx)
    if r.kind_hint == "pp":
        return "pp_change", sign, "", "none", "", 0
    if r.unit == "%":
        if classify.is_task_share(ctx):
            return "share", 1, "task_share", "none", "", 0
        if changed:
            return "growth", sign, "", "none", "", 0
        proportion = r.kind_hint == "fraction" or (r.scale == 10 and not classify.names_a_rate(ctx))
        if "占" in wide_before or proportion:  # 1/10, 七成: proportions
            return "share", 1, "", "none", "", 0
        return "rate", 1, "", "none", "", 0
    if changed and classify.basis_of(ctx, None, "")[0] != "none":
        return "growth", sign, "", "none", "", 0
    return "amount", 1, "", "none", "", 0


def _period(ctx: str, doc: Document, target: bool, pos: int) -> str:
    m = _PERIOD_MARK.search(ctx)
    if m and doc.year and int(m.group(1)) != doc.year:
        suffix = classify.PART_SUFFIX.get(m.group(2) or "", "")
        return f"{m.group(1)}{suffix}"
    if _LAST_YEAR.search(ctx) and doc.year:
        return f"{doc.year - 1}{doc.part}"
    if target:
        sec = doc.section_of(pos)
        year = sec.year if sec and sec.year and sec.measures else doc.year
        return str(year) if year else ""
    return doc.period


def _list_subject(
    text: str, sent: Sentence, lead: RawFigure, lead_wide: int, g: int, idx: int, size: int,
    cache: dict[int, list[str]], facts: list[Fact],
) -> str:
    if g not in cache:
        seg = text[lead_wide : lead.start]
        names = split_list(seg[: seg.index("分别")]) if "分别" in seg else []
        if len(names) != size:
            previous = [c for k, c in cache.items() if k != g and len(c) == size]
            names = previous[-1] if previous else [clean(seg)] * size
        cache[g] = names
    return cache[g][idx]


def _amount_subject(facts: list[Fact], g: int, idx: int, size: int) -> str:
    """The subject of the amount a 完成全年任务的X% share is of (same logic as relations._done_amount)."""
    amounts = [f for f in facts if f.kind == "amount"]
    if g >= 0:
        grouped = [f for f in amounts if f.group >= 0 and f.group != g and f.group_index == idx]
        if grouped:
            return grouped[-1].subject
        if len(amounts) >= size:
            return amounts[-size:][idx].subject
    return amounts[-1].subject if amounts else ""


def _total_marker(ctx: str, wide_before: str) -> str:
    if _TOTAL.search(ctx.rstrip()):
        return "total"
    if "其中" in wide_before:
        return "part"
    return ""
