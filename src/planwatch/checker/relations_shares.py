"""Shares of a whole (``share_parts``): 占…X% (占比, 比重为) against its part and its whole.

The part is the amount stated before the share (in its sentence, or for 总量占全市的 the region's own figure
before it); the whole is the one named after 占 (占规模以上工业增加值的比重 → that indicator, 占全市的 → the
city's figure of the part's subject), else the whole the part is 其中 of, else the larger of two amounts in
the share's sentence when it is marked a total (全/总/共).
"""

from __future__ import annotations

import re

from planwatch.core.growth import share_iv

from .checks import Check, judge
from .model import Fact
from .partners import Index, common_tail, eq, key, measure, safe, same_unit
from .relations_wholes import amount_like, larger, whole_of_part
from .scopes import against_scope, canonical

_SHARE_OBJECT_NOISE = re.compile(r"的|比重|比例|份额|为|约|达到|达|是|已|了")


def share_parts(ix: Index) -> list[Check]:
    out: list[Check] = []
    for s in ix.facts:
        if s.kind != "share" or s.role or s.unit != "%" or not eq(s) or s.exact or s.written_unit == "倍":
            continue
        pair = _part_and_whole(ix, s)
        if pair is None:
            continue
        part, whole = pair
        mp, mw = measure(part), measure(whole)
        if mp is None or mw is None or mp[0] != mw[0] or mw[1].lo <= 0:
            continue
        computed = safe(share_iv, mp[1], mw[1])
        if computed is None:
            continue
        out.append(judge("share_parts", s, [part, whole], computed, part=part.shown(), whole=whole.shown()))
    return out


def _share_object(ix: Index, s: Fact) -> str | None:
    """What the share is of, as written after 占 (None when no 占 in its clause)."""
    text = ix.doc.norm
    sentence = ix.doc.sentences[s.sentence]
    at = text.rfind("占", max(sentence.start, s.start - 30), s.start)
    if at < 0:
        return None
    clause = text[at + 1 : s.start]
    if re.search(r"[，。；,;\d]", clause) or clause.startswith("比"):
        return None  # 占比26.6%: no object named; 占全年任务500公顷的: a figure, not a name
    return _SHARE_OBJECT_NOISE.sub("", clause).strip()


def _part_and_whole(ix: Index, s: Fact) -> tuple[Fact, Fact] | None:
    sent = [a for a in ix.by_sentence[s.sentence] if amount_like(a, s) and a.start < s.start]
    part = sent[-1] if sent else None
    obj = _share_object(ix, s)
    if part is None and obj is not None and against_scope(obj, ix.doc.level) not in (None, ""):
        part = _own_before(ix, s)  # 我区…412.3亿元；全市…。总量占全市的10.7%
    if part is None or part.value <= 0:
        return None
    whole: Fact | None = None
    if obj:
        whole = _named_whole(ix, s, part, obj)
        if whole is None:
            return None  # the whole is named and not stated: nothing to decide
    if whole is None:
        whole = whole_of_part(ix, part)
    if whole is None and len(sent) == 2 and same_unit(sent[0], sent[1]) and sent[0].value != sent[1].value:
        small, big = sorted(sent, key=lambda a: a.value)
        if _marked_whole(big, small):
            part, whole = small, big
    if whole is None or (not obj and not larger(whole, part)):
        return None
    return part, whole


def _own_before(ix: Index, s: Fact) -> Fact | None:
    for f in ix.before(s, 12):
        if f.paragraph != s.paragraph:
            return None
        if amount_like(f, s) and f.scope == s.scope:
            return f
    return None


def _named_whole(ix: Index, s: Fact, part: Fact, obj: str) -> Fact | None:
    """The amount the 占-object names: a region (占全市的 → the city's figure of the part's subject) or an
    indicator (占规模以上工业增加值的 → that indicator), stated before the share with the part's unit."""
    scope = against_scope(obj, ix.doc.level)
    noun = re.sub(r"^(全|我|本)?(区|县|市|省|国)(平均|水平)?", "", obj) if scope is not None else obj
    noun = re.sub(r"^(全部|总)", "", noun)
    noun_key = canonical(noun) if noun else ""
    best: Fact | None = None
    for f in ix.before(s, 80):
        if f is part or not amount_like(f, part) or not same_unit(f, part):
            continue
        if scope is not None and f.scope != scope:
            continue
        k = key(f)
        if noun_key:
            strong = k == noun_key or (len(noun_key) >= 3 and (k.endswith(noun_key) or noun_key.endswith(k)))
            if not strong and (common_tail(k, noun_key) < 2 or f.total_marker in ("part", "after_part") or not larger(f, part)):
                continue  # 占全部投资的: only a larger amount that is no part itself, named …投资
        elif k != key(part):
            continue
        best = f  # named exactly: the whole even if the part stated is larger (a share above 100% is flagged)
        break
    return best


def _marked_whole(whole: Fact, part: Fact) -> bool:
    about = whole.subject + whole.context
    return part.total_marker == "part" or whole.total_marker == "total" or bool(re.search("全|总", about))


