"""Lists, enumerations, structures and bounds: relations a report states by the form of its sentences.

- ``list_pairs``: a 分别 list whose figures do not match its subjects in number (交通、水利、能源投资分别增长
  12.4%、9.8%: three subjects, two figures). Said only when broken, and only when the subjects are a clean
  list (two or more short names).
- ``enum_count``: an enumeration whose count is stated (推进交通、教育、医疗三个领域; 数字经济、生物医药、高端装备、
  现代金融等四大产业). With a final 和/及/与 the last name may be one item or two; after 等 the list may be
  incomplete, so only a count below the names listed is wrong.
- ``structure``: three-sector structure ratios (10.2∶36.5∶53.3) sum to 100 within their rounding.
- ``share_bound``: a share (占…, 比重) or a rate of a part of a whole (覆盖率, 满意率, 城镇化率 …) above 100%.
  Rates that may exceed it (完成率, 增长率, 贡献率, 自给率, 入学率 …) and shares of a target are left alone.
  Said only when broken.
"""

from __future__ import annotations

import re
from decimal import Decimal

from planwatch.core.intervals import Interval

from .checks import Check, judge, verdict
from .model import Fact
from .partners import Index, common_tail, eq
from .subjects import split_list

_ITEM_MAX = 16
_ENUM_ITEM_MAX = 10
_ENUM_CLAUSE = re.compile(r"[^，。；：:,;（(\n]{0,120}$")
_AND = re.compile(r"和|及|与|以及")
_LEADING = re.compile(r"^(?:[^、]{0,12}?(?:聚焦|围绕|推进|推动|包括|涵盖|重点发展|发展|实施|建设|加快|打造|覆盖|涉及|在|对|把|将|从))(?=[^、])")
_ENUM_UNITS = ("个", "项", "类", "种", "条", "方面")
# what an enumeration counts: 三个领域, 四大产业, 两个方面, 五项任务
_CATEGORY = re.compile(
    r"^(领域|方面|行业|产业|板块|区域|方向|重点|任务|环节|功能区|中心|平台|工程|行动|战略|主题|片区|园区|类别|门类|群体|"
    r"组团|体系|机制|目标|场景|集群|赛道|专项|举措|措施|短板|攻坚|改革|维度|层面|业态|类)"
)
_BOUNDED_RATE = re.compile(
    r"(覆盖|普及|达标|合格|城镇化|失业|满意|办结|响应|解决|落地|优良|绿化|通达|参保|处理|接种|入园|知晓|完好|签约|"
    r"占有|通过|到位|受理|回访|按时|及时|留存|覆盖面|使用|治理|建成|开工|完工)率$|占比$|比重$|比例$"
)
_UNBOUNDED = re.compile(r"完成|增长|贡献|自给|入学|负债|利用外资|升学|出生|死亡|发生|变化|偿债|产销")
_SHARE_OF_PLAN = re.compile(r"目标|计划|任务|预算|去年|上年|同期")


def list_pairs(ix: Index) -> list[Check]:
    out: list[Check] = []
    by_start = {f.start: f for f in ix.facts}
    for _sentence, subjects_text, starts in ix.doc.lists:
        pieces = [p for p in subjects_text.split("、") if p.strip()]
        members = [by_start[s] for s in starts if s in by_start]
        if len(pieces) < 2 or not members or any(len(p) > _ITEM_MAX for p in pieces):
            continue
        fewest, most = _subject_count(pieces)
        if fewest <= len(members) <= most:
            continue
        names = split_list(subjects_text)
        expected = Decimal(fewest if len(members) < fewest else most)
        out.append(verdict("list_pairs", members[0], members[1:], False, Decimal(len(members)), expected,
                           subject="、".join(names), figures="、".join(f.shown() for f in members)))
    return out


def _subject_count(pieces: list[str]) -> tuple[int, int]:
    """(fewest, most) subjects: 税收收入和非税收入 is two (one head, 收入, twice); 文化体育和娱乐业 or
    租赁和商务服务业 may be one subject or two."""
    fewest = most = 0
    for piece in pieces:
        sides = _AND.split(piece)
        if len(sides) == 1:
            fewest, most = fewest + 1, most + 1
        elif len(sides) == 2 and all(len(s) >= 2 for s in sides) and common_tail(*sides) >= 2:
            fewest, most = fewest + 2, most + 2
        else:
            fewest, most = fewest + 1, most + len(sides)
    return fewest, most




def _items(clause: str) -> tuple[int, int] | None:
    """(fewest, most) items an enumeration clause lists; None when it is no clean list."""
    body = _LEADING.sub("", clause)
    pieces = body.split("、")
    if len(pieces) < 2:
        parts = _AND.split(body)
        if len(parts) != 2 or any(not p or len(p) > 6 for p in parts):
            return None
        return 2, 2
    if any(not p or len(p) > _ENUM_ITEM_MAX or re.search(r"\d|等", p) for p in pieces[1:]) or not pieces[0]:
        return None
    if len(pieces[0]) > 24:
        return None
    n = len(pieces)
    extra = 1 if _AND.search(pieces[-1]) else 0
    return n, n + extra


def enum_count(ix: Index) -> list[Check]:
    out: list[Check] = []
    text = ix.doc.norm
    for f in ix.facts:
        if f.kind != "amount" or not f.exact or f.unit not in _ENUM_UNITS or not eq(f) or f.value > 30:
            continue
        category = _CATEGORY.match(text[f.end : f.end + 4])
        if not category:
            continue
        before = text[max(0, f.start - 130) : f.start]
        etc = before.endswith("等")
        if etc:
            before = before[:-1]
        if not before or not ("\u4e00" <= before[-1] <= "\u9fff"):
            continue
        m = _ENUM_CLAUSE.search(before)
        clause = m.group() if m else ""
        if "、" not in clause and not _AND.search(clause):
            continue
        span = _items(clause)
        if span is None:
            continue
        low, high = span
        n = int(f.value)
        ok = low <= n <= high or (etc and n >= low)
        expected = Decimal(n) if ok else Decimal(high if n > high else low)
        out.append(verdict("enum_count", f, [], ok, Decimal(n), expected, subject=category.group(),
                           low=Decimal(low), high=Decimal(high), names=_LEADING.sub("", clause)[-40:],
                           items=str(low) if low == high else f"{low}–{high}"))
    return out


def structure(ix: Index) -> list[Check]:
    out: list[Check] = []
    groups: dict[int, list[Fact]] = {}
    for f in ix.facts:
        if f.role == "structure":
            groups.setdefault(f.group, []).append(f)
    for parts in groups.values():
        if len(parts) != 3:
            continue
        *others, last = parts
        rest = Interval.exact(Decimal(100))
        for p in others:
            iv = p.interval()
            rest = Interval(rest.lo - iv.hi, rest.hi - iv.lo)
        check = judge("structure", last, others, rest, ratio="∶".join(str(p.written) for p in parts),
                      total=str(sum((p.written for p in parts), Decimal(0))))
        check.subject = "三次产业结构"
        out.append(check)
    return out


def share_bound(ix: Index) -> list[Check]:
    out: list[Check] = []
    text = ix.doc.norm
    for f in ix.facts:
        if f.unit != "%" or f.kind not in ("share", "rate") or f.role or f.written_unit == "倍" or f.bound in ("gt", "ge"):
            continue
        if f.interval().lo <= 100:
            continue
        before = text[max(0, f.start - 16) : f.start]
        if f.kind == "share":
            if _SHARE_OF_PLAN.search(before) or _UNBOUNDED.search(before):
                continue
        elif not _BOUNDED_RATE.search(f.subject) or _UNBOUNDED.search(f.subject):
            continue
        check = judge("share_bound", f, [], Interval(Decimal(0), Decimal(100)), comparison="within")
        out.append(check)
    return out
