"""Reading the figures of one sentence into facts: kind, basis, bound, modality, period, scope, subject.

The context of a figure is the clause before it, from the previous figure (or the clause start) up to
the figure; members of a 分别 list after the first share the context of the first (响应率、解决率、满意率
分别较年初提高11.1%、10.9%、9.8%: all three are growth vs the start of the year). Periods follow
``periods`` (一季度, 1-5月, 6月份 inside a half-year report); scopes follow ``scopes`` (全市 in a district's
report is another region); a gap in percentage points to another region or group (高于全市0.4个百分点) is a
``pp_change`` with basis ``vs_other``, signed by its word (低于 → negative), its object in ``against``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import classify
from .document import Document, Sentence
from .figures import GAP_IN_LIST
from .model import Fact, RawFigure
from .periods import base_period, period_in, previous_year_end
from .scopes import PURE_REGION, canonical, scope_of, scope_word
from .subjects import (
    CLAUSE_DELIMS,
    LIST_DELIMS,
    after_subject,
    before_subject,
    clean,
    previous_clause_subject,
    split_list,
)
from .units import is_counter

_PERIOD_MARK = re.compile(r"(?<![比较])(\d{4})年(上半年|一季度|第一季度|前三季度|全年)?(?![\d月])")
_TOTAL = re.compile(
    r"(共计|合计|总计|总量|总数|总额)(达到|达|为|有)?$"
    r"|(?<![公总])共(?!同|享|建|治|赢|识|商|性|产党|青团|有产权)[^，。；,;\d]{0,10}$"
)
_BARE_UNIT: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"人次$|客流(量)?$"), "人次"),
    (re.compile(r"(人数|人口|人员|游客|观众|人才|学生|患者|职工|就业)$"), "人"),
    (re.compile(r"户数$|市场主体$"), "户"),
    (re.compile(r"(件数|诉求|来电|工单|案件)(量)?$"), "件"),
    (re.compile(r"(车辆|机动车)(数|保有量)?$"), "辆"),
)
_RANK_TAIL = re.compile(r"(稳居|位居|居于|位列|名列|排名|排在|居|列|进入)?(全国|全省|全市|全区|各区|各市|同类城市)?(第|前)?$")
_SHARE_OF = re.compile(r"(是|为|相当于)[^，。；、]{0,12}的$")


class _Clauses:
    """The clause marks of one sentence, for finding a figure's clause start by bisection."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = start
        self.wide_marks = [m.end() for m in _WIDE.finditer(text, start, end)]
        self.narrow_marks = [m.end() for m in _NARROW.finditer(text, start, end)]

    def wide(self, pos: int) -> int:
        i = bisect.bisect_right(self.wide_marks, pos) - 1
        return self.wide_marks[i] if i >= 0 else self.start

    def narrow(self, pos: int) -> int:
        i = bisect.bisect_right(self.narrow_marks, pos) - 1
        return self.narrow_marks[i] if i >= 0 else self.start


_WIDE = re.compile("[" + re.escape(CLAUSE_DELIMS) + "]")
_NARROW = re.compile("[" + re.escape(LIST_DELIMS) + "]")
_TARGET_CUE = re.compile(r"力争|确保|年底前|年内|计划|确定|批准|提出|下达|设定|审议|目标|人代会|人大|代表大会|全年")
_PERIOD_CUE = re.compile(r"季|月|年|半|同期")


@dataclass(slots=True)
class Reading:
    """What carries from sentence to sentence: the 分别 list count and the previous sentence's facts."""

    groups: int = 0
    previous: list[Fact] | None = None
    lists: list[tuple[int, str, list[int]]] = field(default_factory=list)


def _list_groups(
    text: str, sent: Sentence, raws: list[RawFigure], reading: Reading, clauses: _Clauses
) -> tuple[list[int], list[int], dict[int, int], dict[int, int]]:
    """分别 lists: (group id of each figure or -1, position in its list, first member, size of each list)."""
    n = len(raws)
    group = [-1] * n
    gidx = [0] * n
    first: dict[int, int] = {}  # group id → index of its first member
    for i, r in enumerate(raws):
        wide = clauses.wide(r.start)
        if i > 0 and group[i - 1] >= 0 and GAP_IN_LIST.match(text[raws[i - 1].end : r.start]):
            group[i], gidx[i] = group[i - 1], gidx[i - 1] + 1
        elif "分别" in text[max(wide, raws[i - 1].end if i else wide) : r.start]:
            reading.groups += 1
            group[i], first[reading.groups] = reading.groups, i
    sizes = {g: group.count(g) for g in set(group) if g >= 0}
    for g, i in first.items():  # every 分别 with what it pairs: list_pairs checks the counts
        head = raws[i]
        wide = clauses.wide(head.start)
        seg = text[max(wide, raws[i - 1].end if i else wide) : head.start]
        subjects = seg[: seg.index("分别")] if "分别" in seg else ""
        reading.lists.append((sent.index, subjects, [raws[k].start for k in range(n) if group[k] == g]))
    for i in range(n):  # a 分别 with a single figure is no list
        if group[i] >= 0 and sizes[group[i]] < 2:
            group[i] = -1
    return group, gidx, first, sizes


def _lead_period(doc: Document, sent: Sentence, first_figure: int, clauses: _Clauses) -> str:
    """A period named at the head of a sentence (1-5月，…; 从季度看，一季度…) holds for the sentence."""
    head_end = clauses.wide(first_figure)
    return _period_in(doc.norm[sent.start : head_end], doc.year) if head_end > sent.start else ""


def _period_in(text: str, year: int | None) -> str:
    return period_in(text, year) if _PERIOD_CUE.search(text) else ""


def read_sentence(doc: Document, sent: Sentence, raws: list[RawFigure], offset: int, reading: Reading) -> list[Fact]:
    """The facts of one sentence; ``reading`` carries what one sentence passes to the next."""
    text = doc.norm
    clauses = _Clauses(text, sent.start, sent.end)
    group, gidx, first, sizes = _list_groups(text, sent, raws, reading, clauses)
    facts: list[Fact] = []
    list_subjects: dict[int, list[str]] = {}
    in_measures = doc.in_measures(sent.start)
    cues = in_measures or bool(_TARGET_CUE.search(text, sent.start, sent.end))
    lead = _lead_period(doc, sent, raws[0].start, clauses) if raws else ""
    current = lead
    for i, r in enumerate(raws):
        prev_end = raws[i - 1].end if i else sent.start
        wide = clauses.wide(r.start)
        narrow = clauses.narrow(r.start)
        g = group[i]
        head = raws[first[g]] if g >= 0 else r
        head_prev_end = raws[first[g] - 1].end if g >= 0 and first[g] > 0 else sent.start
        head_wide = clauses.wide(head.start)
        ctx = text[max(head_wide, head_prev_end) : head.start]
        local = text[prev_end : r.start] if g >= 0 and gidx[i] > 0 else text[max(narrow, prev_end) : r.start]
        after = text[r.end : r.end + 4]
        bound = "range" if r.high is not None else classify.bound_of(local, r.between, after)

        kind, sign, role, basis, base, years = _kind(r, ctx, text[head_wide : head.start])
        against = ""
        target = in_measures or (cues and classify.is_target(text[max(sent.start, r.start - 200) : r.start], False))
        named = classify.NAMED_TARGET.match(text[r.end : r.end + 10])
        if named:  # 低于4.5%的年度控制目标: the figure is the target, named in a sentence of what happened
            target = True
            bound = "le" if named.group("cap") else bound
        bound = classify.loosen_control(bound, local, after, target)

        clause_text = text[max(wide, prev_end) : r.start]
        named_period = _period_in(text[prev_end : r.start], doc.year)
        if named_period and named_period[:4] == str(doc.year):
            current = named_period  # a part of the report's year carries to the clauses after it
        period = _period(ctx, doc, target, sent.start, named_period or current or doc.period, clause_text)
        if kind in ("growth", "pp_change"):
            gap = classify.gap_of(ctx) if kind == "pp_change" else None
            if gap is not None:
                against, sign = gap
                basis, base = "vs_other", ""
            else:
                basis, base = classify.basis_of(ctx, doc.year, doc.part)
                if basis in ("none", "vs_period") and not (basis == "vs_period" and base[:4] != str(doc.year)):
                    earlier = base_period(ctx, doc.year, period)
                    if earlier:  # 较一季度, 比1-5月, 较5月份, 环比: an earlier part of this year
                        basis, base = "vs_period", earlier
            if basis == "avg_annual":
                years = classify.avg_years(ctx)
                if doc.year:
                    base = f"{doc.year - years}{doc.part}"
            if kind == "pp_change" and basis != "vs_other":
                sign = classify.pp_sign(ctx, sign)

        own_subject = True
        if g >= 0:
            subject = _list_subject(text, sent, head, head_wide, g, gidx[i], sizes[g], list_subjects)
        elif against or classify.gap_of(ctx):
            subject = ""  # 低于全市平均水平0.3个百分点: the subject is the figure's it is a gap of
        elif is_counter(r.unit) and kind == "amount":
            subject = after_subject(text, r.end, sent.end) or before_subject(text, max(narrow, prev_end), r.start)
        else:
            subject = before_subject(text, max(narrow, prev_end) if kind != "growth" else narrow, r.start)
            if not subject and kind == "amount":
                subject = after_subject(text, r.end, sent.end)
        if PURE_REGION.match(subject):
            subject = ""  # 全省增长5.5%: the region's figure of the subject before
        if role == "task_share" and facts:
            subject = _amount_subject(facts, g, gidx[i], sizes.get(g, 1)) or subject
        scope_w = scope_word(text[narrow:r.start]) if kind != "rank" else ""  # 居全市第三: the city ranks us
        scope = scope_of(scope_w, doc.level)
        if kind == "rank":
            subject = _RANK_TAIL.sub("", subject)
        if not subject and facts:
            subject = facts[-1].subject
            own_subject = False
            if not scope_w:
                scope = facts[-1].scope
        if not subject and not any(sent.start <= x.start < wide for x in raws[:i]):
            subject = previous_clause_subject(text, sent.start, wide)
            if not subject and reading.previous and "\n" not in text[reading.previous[-1].end : sent.start]:
                subject = reading.previous[-1].subject
                own_subject = False
                scope = scope if scope_w else reading.previous[-1].scope
        if own_subject and not named_period and wide > prev_end and i > 0 and not target:
            current = lead  # a new subject in a new clause: the sentence's own period again
            period = _period(ctx, doc, target, sent.start, current or doc.period, clause_text)
        unit = r.unit
        if r.kind_hint == "bare":
            unit = _unit_of_bare(subject)
            if not unit:
                continue  # 突破36.5万 with nothing to say 万 of what
        value = r.written * r.scale * sign
        line, col = doc.line_col(r.start)
        fact = Fact(
            id="", start=r.start, end=r.end, text=doc.text[r.start : r.end],
            subject=subject, value=value, unit=unit, kind=kind, basis=basis,
            bound="le" if r.kind_hint == "rank_le" else bound,
            modality="target" if target else "actual", period=period, base_period=base,
            written=r.written, scale=r.scale, decimals=r.decimals, exact=r.exact, sign=sign,
            years=years, sentence=sent.index, line=line, col=col, group=g, group_index=gidx[i],
            role=role or ("structure" if r.kind_hint == "structure" else ""),
            total_marker=_total_marker(ctx, text[wide : r.start], text[sent.start : r.start]), context=local,
            scope=scope, against=against, paragraph=sent.paragraph,
            written_unit=r.written_unit if r.kind_hint != "bare" else r.written_unit + unit,
        )
        if r.high is not None:
            fact.high_written = r.high
            fact.low = value
            fact.high = r.high * r.scale * sign
            if fact.high < fact.low:
                fact.low, fact.high = fact.high, fact.low
        if r.kind_hint == "structure":
            fact.group = -2 - r.group  # a structure ratio's parts share a group of their own
        facts.append(fact)
    for k, f in enumerate(facts):
        f.id = f"F{offset + k + 1}"
    return facts


def _kind(r: RawFigure, ctx: str, wide_before: str) -> tuple[str, int, str, str, str, int]:
    """(kind, sign, role, basis, base period, years); basis is filled in by the caller for changes."""
    if r.kind_hint in ("rank", "rank_le"):
        return "rank", 1, "", "none", "", 0
    if r.kind_hint == "structure":
        return "share", 1, "", "none", "", 0
    changed, sign = classify.change_of(ctx)
    if r.kind_hint == "pp":
        return "pp_change", sign, "", "none", "", 0
    if r.kind_hint == "times":
        if r.written_unit == "番" or (changed and not _SHARE_OF.search(ctx)):
            return "growth", sign, "", "none", "", 0
        return "share", 1, "", "none", "", 0
    if r.unit == "%":
        if classify.is_task_share(ctx) or classify.names_the_task(wide_before):
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


def _period(ctx: str, doc: Document, target: bool, pos: int, current: str, clause: str) -> str:
    if target:
        sec = doc.section_of(pos)
        year = sec.year if sec and sec.year and sec.measures else doc.year
        return str(year) if year else ""
    if current == "last_same" and doc.year:
        return f"{doc.year - 1}{doc.part}"
    m = _PERIOD_MARK.search(ctx)
    if m and doc.year and int(m.group(1)) != doc.year:
        suffix = classify.PART_SUFFIX.get(m.group(2) or "", "")
        return f"{m.group(1)}{suffix}"
    if doc.year and previous_year_end(clause):
        return f"{doc.year - 1}"
    return current if current != "last_same" else doc.period


def _unit_of_bare(subject: str) -> str:
    for pattern, unit in _BARE_UNIT:
        if pattern.search(subject):
            return unit
    return ""


def _list_subject(
    text: str, sent: Sentence, head: RawFigure, head_wide: int, g: int, idx: int, size: int,
    cache: dict[int, list[str]],
) -> str:
    if g not in cache:
        seg = text[head_wide : head.start]
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


def _total_marker(ctx: str, wide_before: str, sentence_before: str) -> str:
    """total (共/合计 before it) | part (its clause says 其中, or the sentence opens 其中，) | after_part
    (其中 earlier in its sentence: a later part of the same list, if it is named like the first) | ""."""
    if _TOTAL.search(ctx.rstrip()):
        return "total"
    if "其中" in wide_before:
        return "part"
    at = sentence_before.rfind("其中")
    if at >= 0:
        if re.match(r"其中[，,：:]", sentence_before[at:]) and not re.search(r"\d", sentence_before[at:]):
            return "part"  # 其中，高技术制造业增加值85.3亿元 / 其中：税收收入238998万元
        return "after_part"
    return ""


def key_of(f: Fact) -> str:
    """The canonical subject partners are matched by."""
    return canonical(f.subject)
