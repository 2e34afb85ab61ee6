"""Wholes and their parts, wherever in the report they stand (``parts_total``).

A stated total (合计/共计 T) against a 分别 list; 其中 parts may not exceed their whole (one part, or a list
of parts that must not add up to more); parts that make up the whole (a remainder 其余/另有/仍有/尚未…的, or a
known split: 约束性/预期性, 税收/非税收入, 夏粮/秋粮, 第一/二/三产业, 新建/改建, X/非X) must add up to it:
共设28项指标，其中约束性6项……其余22项为预期性指标 → 28 = 6 + 22. ``whole_of_part`` (the whole a 其中 part
is of) is shared with the shares (``relations_shares``) and the rates of counts (``relations_tasks``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from planwatch.core.intervals import Interval

from .checks import Check, judge
from .model import Fact
from .partners import Index, common_tail, eq, in_unit_of, key, measure, same_unit
from .scopes import canonical
from .units import is_counter

_CONTAINER_AFTER = re.compile(r"^[^，。；,;]{0,10}?中(?!心|国|央|小|型|期|部|关村)")
_REMAINDER = re.compile(r"(其余|其他|其它|另有|另|仍有|尚有|还有|剩余|剩下)[^，。；,;\d]{0,6}$|(尚未|未|没有)[^，。；,;\d]{1,8}的$")
_PARTITIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("约束性", "预期性"), ""),
    (("税收收入", "非税收入"), "一般公共预算收入"),
    (("夏粮", "秋粮"), "粮食"),
    (("夏粮", "早稻", "秋粮"), "粮食"),
    (("第一产业", "第二产业", "第三产业"), "GDP"),
    (("新建", "改建"), ""),
    (("城镇", "农村"), ""),
    (("进口", "出口"), "进出口"),
    (("公办", "民办"), ""),
)
_NOT_X = re.compile(r"^非")
_SENTENCE_WINDOW = 2  # parts stated at most this many sentences after their whole
# averages and ratios do not add up: 全体居民人均可支配收入, 其中城镇居民… is no part of it
_NOT_ADDITIVE = re.compile(r"人均|平均|均价|单价|率|价格|指数|强度|密度|浓度|比重|占比")


def larger(whole: Fact, part: Fact) -> bool:
    mw, mp = measure(whole), measure(part)
    return mw is not None and mp is not None and mw[0] == mp[0] and mw[1].lo > mp[1].hi




def amount_like(a: Fact, s: Fact) -> bool:
    return a.kind == "amount" and eq(a) and a.modality == s.modality and a.period == s.period and a.source == s.source


# --- the whole a part belongs to ------------------------------------------------------------------


def _opens_with_of_which(ix: Index, f: Fact) -> bool:
    sentence = ix.doc.sentences[f.sentence]
    return ix.doc.norm[sentence.start : f.start].lstrip().startswith("其中")


def whole_of_part(ix: Index, part: Fact) -> Fact | None:
    """The whole a 其中 part is of: before 其中 in its sentence, or in the sentences before when 其中 opens
    the sentence; same unit, period and scope, larger, and named like it (工业增加值 of 制造业增加值)."""
    if part.total_marker not in ("part", "after_part"):
        return None
    text = ix.doc.norm
    sentence = ix.doc.sentences[part.sentence]
    at = text.rfind("其中", sentence.start, part.start)
    opens = _opens_with_of_which(ix, part)
    for f in ix.before(part, 40):
        if f.sentence == part.sentence and f.start > at:
            continue
        if f.sentence < part.sentence - 3 or (f.sentence != part.sentence and not opens):
            return None
        if not amount_like(f, part) or f.scope != part.scope or not same_unit(f, part) or f.total_marker == "part":
            continue
        if not larger(f, part):
            continue
        kf, kp = key(f), key(part)
        if common_tail(kf, kp) >= 2 or (part.total_marker == "part" and (f.total_marker == "total" or f.sentence == part.sentence)):
            return f
    return None


# --- parts and totals -----------------------------------------------------------------------------


def parts_total(ix: Index) -> list[Check]:
    out: list[Check] = []
    done: set[str] = set()
    for r in ix.facts:  # remainders first: they decide the whole exactly
        check = _remainder(ix, r)
        if check is not None:
            out.append(check)
            done.add(check.facts[0])
    for sent in ix.by_sentence.values():
        amounts = [a for a in sent if a.kind == "amount" and eq(a)]
        for t in amounts:
            if t.total_marker == "total":
                listed = [a for a in amounts if a is not t and a.group >= 0 and same_unit(a, t)]
                if len({a.group for a in listed}) == 1 and len(listed) >= 2:
                    out.append(_total_check(t, listed))
                    done.add(t.id)
    out.extend(_of_which(ix, done))
    out.extend(_partitions(ix, done))
    return out


def _sum(parts: list[Fact]) -> Interval | None:
    total = Interval.exact(Decimal(0))
    unit = ""
    for a in parts:
        m = measure(a)
        if m is None or (unit and m[0] != unit):
            return None
        unit = m[0]
        total = total + m[1]
    return total


def _total_check(t: Fact, parts: list[Fact], comparison: str = "round") -> Check:
    computed = _sum(parts) or Interval.exact(Decimal(0))
    return judge("parts_total", t, parts, in_unit_of(t, computed), comparison=comparison,
                 parts="、".join(a.shown() for a in parts))


def _of_which(ix: Index, done: set[str]) -> list[Check]:
    """其中 parts against their whole: each part at most the whole; a 、-list of parts at most in sum; a
    known split (税收/非税收入) exactly."""
    out: list[Check] = []
    by_whole: dict[str, tuple[Fact, list[Fact]]] = {}
    for p in ix.facts:
        if p.kind != "amount" or not eq(p) or p.total_marker != "part" or _NOT_ADDITIVE.search(p.subject):
            continue
        whole = whole_of_part(ix, p)
        if whole is None or whole.id in done:
            continue
        entry = by_whole.setdefault(whole.id, (whole, []))
        if not entry[1] or entry[1][-1].sentence == p.sentence:
            entry[1].append(p)
    text = ix.doc.norm
    for whole, parts in by_whole.values():  # 其中约束性指标9项，预期性指标23项: later parts named alike
        first = parts[0]
        for f in ix.by_sentence[first.sentence]:
            if f.start <= parts[-1].start or f in parts or f.kind != "amount" or not eq(f):
                continue
            if not same_unit(f, whole) or f.period != whole.period or f.scope != whole.scope:
                continue
            if _is_partition(whole, [first, f]):  # 其中：税收收入…；非税收入… (not 政府性基金收入, another budget)
                parts.append(f)
            elif re.search(r"[；;]", text[parts[-1].end : f.start]) or not larger(whole, f):
                continue
            elif common_tail(key(f), key(whole)) >= 2 or common_tail(key(f), key(first)) >= 2:
                parts.append(f)
    for whole, parts in by_whole.values():
        if _is_partition(whole, parts):
            out.append(_total_check(whole, parts))
        else:
            out.append(_total_check(whole, parts, comparison="at_most"))
        done.add(whole.id)
    return out


def _split_names(parts: list[Fact]) -> list[str]:
    return [canonical(p.subject) + p.context for p in parts]


def _is_partition(whole: Fact, parts: list[Fact]) -> bool:
    if len(parts) < 2:
        return False
    names = [canonical(p.subject) + "|" + p.context for p in parts]
    for members, whole_name in _PARTITIONS:
        if len(members) != len(parts):
            continue
        named = not whole_name or whole_name in key(whole) or key(whole).startswith(whole_name)
        if named and all(any(n.startswith(m) or m in n for n in names) for m in members):
            return True
    if len(parts) == 2:  # X and 非X: 税收 / 非税
        a, b = names
        return (_NOT_X.match(b) is not None and b[1:] == a) or (_NOT_X.match(a) is not None and a[1:] == b)
    return False


def _remainder(ix: Index, r: Fact) -> Check | None:
    """其余22项 / 另有7项 / 仍有15项 / 尚未开工的22个: the whole before it = its parts + the remainder."""
    if r.kind != "amount" or not eq(r) or not is_counter(r.unit) or not _REMAINDER.search(r.context):
        return None
    whole = None
    for f in ix.before(r, 60):
        if f.unit != r.unit or f.kind != "amount":
            continue
        if f.total_marker == "total" or is_container(ix, f):
            whole = f
            break
    if whole is None or not eq(whole) or whole.period[:4] != r.period[:4] or whole.paragraph < r.paragraph - 8:
        return None
    between = [f for f in ix.facts[ix.order[id(whole)] + 1 : ix.order[id(r)]]
               if f.unit == r.unit and f.kind == "amount"]
    if not between or any(not eq(f) for f in between):
        return None
    if any(f.sentence > whole.sentence + _SENTENCE_WINDOW and f.sentence != r.sentence for f in between):
        return None  # counts of the same measure far from the whole: which are its parts is not clear
    parts = [*between, r]
    return _total_check(whole, parts)


def is_container(ix: Index, f: Fact) -> bool:
    """32项指标中 / 22项预期性指标中: a count that the next figures are counted in."""
    return bool(_CONTAINER_AFTER.match(ix.doc.norm[f.end : f.end + 12]))


def _partitions(ix: Index, done: set[str]) -> list[Check]:
    """A whole and its known split stated apart (粮食总产量…；夏粮产量…，秋粮产量…) with no 其中."""
    out: list[Check] = []
    keys = list(ix.by_key)
    for members, whole_name in _PARTITIONS:
        if not whole_name:
            continue
        member_keys = [[k for k in keys if k.startswith(m)] for m in members]
        if not all(member_keys):
            continue
        for k in keys:
            if not (k.startswith(whole_name) or k == whole_name):
                continue
            for whole in ix.by_key[k]:
                if whole.id in done or whole.kind != "amount" or not eq(whole) or whole.total_marker == "part":
                    continue
                parts: list[Fact] = []
                for names in member_keys:
                    found = [f for n in names for f in ix.by_key[n] if f.kind == "amount" and eq(f)
                             and f.period == whole.period and f.scope == whole.scope and same_unit(f, whole)
                             and f.modality == whole.modality and f.start > whole.start]
                    if len(found) != 1:
                        break
                    parts.append(found[0])
                else:
                    out.append(_total_check(whole, parts))
                    done.add(whole.id)
    return out
