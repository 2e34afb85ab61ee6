"""Wholes and their parts, wherever in the report they stand.

- ``share_parts``: 占…X% (占比, 比重为) against its part (the amount stated before it) and its whole: the
  whole named after 占 (占规模以上工业增加值的比重 → the stated 规模以上工业增加值, 占全市的 → the city's
  figure of the same subject), else the whole the part is 其中 of, else a total (共…) before it.
- ``parts_total``: a whole and its parts: 合计/共计 T against a 分别 list; 其中 parts may not exceed their
  whole (one part, or a list of parts that must not add up to more); parts that make up the whole (a
  remainder 其余/另有/仍有/尚未…的, or a known split: 约束性/预期性, 税收/非税收入, 夏粮/秋粮, 第一/二/三产业,
  新建/改建, X/非X) must add up to it: 共设28项指标，其中约束性6项……其余22项为预期性指标 → 28 = 6 + 22.
- ``rate_count``: a …率 against its count and the total it is of, when the rate's verb is stated with the
  count (62项…已落地49项，落地率79%; 共受理12.6万件。其中，办结12.3万件，办结率97.6%).
- ``task_share``: 完成全年任务的X% against the amount done and the year's target of the same unit (a
  target stated anywhere in the report; in a table, the row's own target).
"""

from __future__ import annotations

import re
from decimal import Decimal

from planwatch.core.growth import share_iv
from planwatch.core.intervals import Interval

from .checks import Check, judge
from .model import Fact
from .partners import GENERIC, Index, eq, in_unit_of, key, measure, safe, same_unit
from .scopes import against_scope, canonical
from .units import is_counter

_SHARE_OBJECT_NOISE = re.compile(r"的|比重|比例|份额|为|约|达到|达|是|已|了")
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
_SENTENCE_WINDOW = 2
# averages and ratios do not add up: 全体居民人均可支配收入, 其中城镇居民… is no part of it
_NOT_ADDITIVE = re.compile(r"人均|平均|均价|单价|率|价格|指数|强度|密度|浓度|比重|占比")  # parts stated at most this many sentences after their whole


# --- shares ---------------------------------------------------------------------------------------


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
    if re.search(r"[，。；,;]", clause) or clause.startswith("比"):
        return None  # 占比26.6%: no object named
    return _SHARE_OBJECT_NOISE.sub("", clause).strip()


def _part_and_whole(ix: Index, s: Fact) -> tuple[Fact, Fact] | None:
    sent = [a for a in ix.by_sentence[s.sentence] if _amount(a, s) and a.start < s.start]
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
        whole = _whole_of_part(ix, part)
    if whole is None and len(sent) == 2 and same_unit(sent[0], sent[1]) and sent[0].value != sent[1].value:
        small, big = sorted(sent, key=lambda a: a.value)
        if _marked_whole(big, small):
            part, whole = small, big
    if whole is None or (not obj and not _bigger(whole, part)):
        return None
    return part, whole


def _amount(a: Fact, s: Fact) -> bool:
    return a.kind == "amount" and eq(a) and a.modality == s.modality and a.period == s.period and a.source == s.source


def _own_before(ix: Index, s: Fact) -> Fact | None:
    for f in ix.before(s, 12):
        if f.paragraph != s.paragraph:
            return None
        if _amount(f, s) and f.scope == s.scope:
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
        if f is part or not _amount(f, part) or not same_unit(f, part):
            continue
        if scope is not None and f.scope != scope:
            continue
        k = key(f)
        if noun_key:
            strong = k == noun_key or (len(noun_key) >= 3 and (k.endswith(noun_key) or noun_key.endswith(k)))
            if not strong and (_suffix(k, noun_key) < 2 or f.total_marker in ("part", "after_part") or not _bigger(f, part)):
                continue  # 占全部投资的: only a larger amount that is no part itself, named …投资
        elif k != key(part):
            continue
        best = f  # named exactly: the whole even if the part stated is larger (a share above 100% is flagged)
        break
    return best


def _marked_whole(whole: Fact, part: Fact) -> bool:
    about = whole.subject + whole.context
    return part.total_marker == "part" or whole.total_marker == "total" or bool(re.search("全|总", about))


def _bigger(whole: Fact, part: Fact) -> bool:
    mw, mp = measure(whole), measure(part)
    return mw is not None and mp is not None and mw[0] == mp[0] and mw[1].lo > mp[1].hi


def _suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


# --- the whole a part belongs to ------------------------------------------------------------------


def _opens_with_of_which(ix: Index, f: Fact) -> bool:
    sentence = ix.doc.sentences[f.sentence]
    return ix.doc.norm[sentence.start : f.start].lstrip().startswith("其中")


def _whole_of_part(ix: Index, part: Fact) -> Fact | None:
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
        if not _amount(f, part) or f.scope != part.scope or not same_unit(f, part) or f.total_marker == "part":
            continue
        if not _bigger(f, part):
            continue
        kf, kp = key(f), key(part)
        if _suffix(kf, kp) >= 2 or (part.total_marker == "part" and (f.total_marker == "total" or f.sentence == part.sentence)):
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
        whole = _whole_of_part(ix, p)
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
            elif re.search(r"[；;]", text[parts[-1].end : f.start]) or not _bigger(whole, f):
                continue
            elif _suffix(key(f), key(whole)) >= 2 or _suffix(key(f), key(first)) >= 2:
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
        if f.total_marker == "total" or _container(ix, f):
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


def _container(ix: Index, f: Fact) -> bool:
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


# --- rates of counts ------------------------------------------------------------------------------


_CLAUSE_END = re.compile(r"[，,；;：:。]")


def _stem_stated(text: str, rate: Fact, total: Fact) -> bool:
    """The verb of a rate (落地 of 落地率, 完成 of 完成率) is stated between the total and the rate's clause."""
    stem = rate.subject[-3:-1]
    between = text[total.start : rate.start]
    ends = list(_CLAUSE_END.finditer(between))
    if ends:
        between = between[: ends[-1].start()]
    return len(stem) == 2 and stem in between


def rate_count(ix: Index) -> list[Check]:
    """落地率79% against 62项…已落地49项: 49 / 62; the total may be a sentence before (共受理…。其中，办结…)."""
    out: list[Check] = []
    text = ix.doc.norm
    for r in ix.facts:
        if r.kind != "rate" or r.unit != "%" or not eq(r) or not r.subject.endswith("率"):
            continue
        pair = _count_and_total(ix, r)
        if pair is None or not _stem_stated(text, r, pair[1]):
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
            if f.kind == "amount" and eq(f) and (f.total_marker == "total" or _container(ix, f)):
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
    named = [t for t in same if _overlap(t.subject, done.subject) >= 2]
    if named:
        return max(named, key=lambda t: _overlap(t.subject, done.subject))
    # an unnamed target only for measures (拆违面积 210万平方米 for 拆除违法建设): counts of people need a name
    return same[0] if len(same) == 1 and not is_counter(done.unit) else None


def _overlap(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


__all__ = ["GENERIC", "parts_total", "rate_count", "share_parts", "task_share"]
