"""The words around a figure that say what it is: kind, basis, bound, modality and sign.

Each function looks at the clause before the figure (``before``: from the clause start to the figure)
and the few characters after its unit (``after``). The word lists are the rule layer of the checker;
tests/checker/test_classify.py holds one case for each word.
"""

from __future__ import annotations

import re
from functools import lru_cache

# bound words right before a figure (possibly followed by 占/达/为 and a short object, for 约)
_BOUND_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(不少于|不低于|至少)(达到|达)?$"), "ge"),
    (re.compile(r"(不超过|不高于|控制在|最多)$"), "le"),
    (re.compile(r"(不足|不到)$|(不足|不到)[^，。；、\d]{1,8}的$"), "lt"),
    (re.compile(r"(超过|超|突破|逾|过)$"), "gt"),
    (re.compile(r"(将近|接近|近)$"), "lt"),
    (re.compile(r"(大约|约)(占[^，。、；]{0,6}?|达到?|为|有)?$"), "approx"),
)
_BOUND_AFTER: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(以上|及以上)"), "ge"),
    (re.compile(r"^(以内|以下|内(?![容部涵外地在]))"), "le"),
    (re.compile(r"^左右"), "approx"),
)
BOUND_WORD_TAIL = re.compile(r"(不少于|不低于|至少|不超过|不高于|控制在|最多|不足|不到|超过|超|突破|逾|过|将近|接近|近|大约|约)$")

GROW = "增长|增加(?!值)|提高|提升|上升|上涨|回升|增速|增幅|涨幅|扩大|加快"
FALL = "下降|减少|降低|压减|压缩|回落|下滑|缩减|缩小|收窄|放缓"
# greedy start: the change word nearest the figure (规模以上工业增加值同比下降 → 下降)
_CHANGE = re.compile(rf".*({GROW}|{FALL})(了)?(达到|达|为)?[^，。；、到至]{{0,8}}$")
_FALL = re.compile(FALL)
_TO_LEVEL = re.compile(r"(到|至)$|(增至|降至|达到|提高到|提升到|下降到|压缩到|控制在)")

_AVG = re.compile(r"[两二三四五\d]年平均|年均|平均(增长|增速|下降)")
_YOY = re.compile(r"同比|(较|比)(去年|上年)(同期)?(?!末|底)")
_VS_PERIOD = re.compile(r"(较|比)(\d{4})年(上半年|同期|一季度|第一季度|前三季度|全年)?")
PART_SUFFIX = {"上半年": "H1", "一季度": "Q1", "第一季度": "Q1", "前三季度": "Q1-Q3", "全年": ""}
_VS_PART = re.compile(r"(较|比)(上半年|一季度|第一季度|前三季度)")
_VS_START = re.compile(r"(较|比)(年初|上年末|去年末|上年底|去年底)")
_TARGET_WORDS = re.compile(r"力争|确保|年底前|年内|计划安排|全年[^，。；]{0,12}(不少于|不低于|达到|控制在)")
NAMED_TARGET = re.compile(r"(左右|以上|以内|以下)?的(年度|全年)?(?P<cap>控制)?(预期)?目标")
_SHARE_TASK = re.compile(
    r"(完成|达到|占)?(全年|年度|年初)(目标任务|任务目标|任务|目标|计划|预算)(数|任务)?的?$|(完成|占)(预算|计划|任务|目标)(数)?的?$"
)


@lru_cache(maxsize=4096)
def bound_of(before: str, between: str, after: str) -> str:
    """``between`` is 余/多 written between the number and its unit."""
    if between == "余":
        return "ge"
    if between == "多":
        return "gt"
    tail = before.rstrip()
    for pattern, bound in _BOUND_BEFORE:
        if pattern.search(tail):
            return bound
    for pattern, bound in _BOUND_AFTER:
        if pattern.search(after):
            return bound
    return "eq"


@lru_cache(maxsize=4096)
def change_of(before: str) -> tuple[bool, int]:
    """(is a change, sign): 增长13.5% → (True, +1); 下降1% → (True, −1); 提高到14万 → (False, 1)."""
    m = _CHANGE.match(before)
    if not m or _TO_LEVEL.search(before[m.start(1) :]):
        return False, 1
    return True, -1 if _FALL.fullmatch(m.group(1)) else 1


@lru_cache(maxsize=4096)
def basis_of(before: str, year: int | None, part: str) -> tuple[str, str]:
    """(basis, base period) from the clause before a growth figure."""
    if _AVG.search(before):
        return "avg_annual", ""
    if _VS_START.search(before):
        return "vs_start", ""
    m = _VS_PERIOD.search(before)
    if m:
        base_year = int(m.group(2))
        if year is not None and base_year == year - 1 and m.group(3) in (None, "同期") and not part:
            return "yoy", ""
        word = m.group(3)
        base_part = part if word in (None, "同期") else PART_SUFFIX.get(word, "")
        return "vs_period", f"{base_year}{base_part}"
    if _YOY.search(before):
        return "yoy", ""
    m = _VS_PART.search(before)
    if m and year is not None:  # 增速较上半年回落: an earlier part of the same year
        return "vs_period", f"{year}{PART_SUFFIX[m.group(2)]}"
    return "none", ""


@lru_cache(maxsize=4096)
def avg_years(before: str) -> int:
    m = re.search(r"([二两三四五]|\d)年平均", before)
    if not m:
        return 2
    return {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5}.get(m.group(1)) or int(m.group(1))


def loosen_control(bound: str, before: str, after: str, target: bool) -> str:
    """控制在3.1% states an achieved level in a report of what happened, a ceiling in a plan."""
    if bound == "le" and not target and before.rstrip().endswith("控制在") and not after.startswith(("以内", "以下")):
        return "eq"
    return bound


# a sentence recalling the plan's targets: 年初确定的主要预期目标是：…; 区人代会批准的2023年计划，提出…
_PLAN_RECAP = re.compile(
    r"(确定|批准|提出|下达|设定|审议通过)的?[^。；]{0,24}?"
    r"(预期目标|主要目标|年度目标|全年目标|主要指标|发展目标|\d{4}年(国民经济和社会发展)?计划)(是|为|提出|：|:|，)"
    r"|目标(是|为)|计划提出|(确定|提出|设定)了?[^。；，]{0,6}目标"
    r"|(年初|人代会|人大|代表大会)[^。；，]{0,12}(确定|批准|提出|通过)"
)
_CLAIM_BEFORE = re.compile(r"(低于|高于|超过|完成|实现|达到|好于|未达)$")  # 低于年初确定的…目标: a claim
_ACTUAL_AFTER_RECAP = re.compile(r"实现|完成|达到|累计|已经|执行结果|执行情况|从执行|实际")


@lru_cache(maxsize=4096)
def is_target(sentence_before: str, in_measures: bool) -> bool:
    if in_measures or _TARGET_WORDS.search(sentence_before):
        return True
    recaps = [m for m in _PLAN_RECAP.finditer(sentence_before)
              if not _CLAIM_BEFORE.search(sentence_before[max(0, m.start() - 4) : m.start()])]
    recap = recaps[-1] if recaps else None
    return recap is not None and not _ACTUAL_AFTER_RECAP.search(sentence_before[recap.end() :])


def is_plan_recap(sentence_before: str) -> bool:
    """The target is the plan of the report's own year (年初确定…), not next year's."""
    return bool(_PLAN_RECAP.search(sentence_before))


# 高于全市0.4个百分点, 比全省高0.7个百分点, 低于城镇居民1.8个百分点: a gap to another region or group
_GAP_BEFORE = re.compile(r"(?P<word>高于|低于|高出|快于|慢于|领先|落后|超出|超过)(?P<obj>[^，。；,;\d]{1,14})$")
_GAP_BI = re.compile(r"(较|比)(?P<obj>[^，。；,;\d]{1,14}?)(?P<word>高出|高|低|快|慢|多|少)(了)?$")
_NOT_OTHER = re.compile(r"去年|上年|同期|年初|季度|\d月|月份|上半年|前三季度|\d{4}年|上月|上季|此前|以往|全年|预期|目标|计划")
_UP_WORDS = ("高于", "高出", "快于", "领先", "超出", "超过", "高", "快", "多")


@lru_cache(maxsize=4096)
def gap_of(ctx: str) -> tuple[str, int] | None:
    """(what the figure is compared with, sign) for a gap in percentage points to another region or group."""
    tail = ctx.rstrip()
    m = _GAP_BEFORE.search(tail) or _GAP_BI.search(tail)
    if not m:
        return None
    obj = m.group("obj").strip()
    obj = re.sub(r"(平均水平|平均|水平|增速|增幅|的)+$", "", obj) or obj
    if _NOT_OTHER.search(obj) or not obj:
        return None
    return obj, 1 if m.group("word") in _UP_WORDS else -1


_FALL_NARROWS = re.compile(r"降幅[^，。；,;]{0,10}(收窄|缩小|减小|减少|回落)")
_FALL_WIDENS = re.compile(r"降幅[^，。；,;]{0,10}(扩大|加大|加深|增加)")
_RISE_NARROWS = re.compile(r"(增幅|增速|涨幅)[^，。；,;]{0,10}(收窄|缩小|回落|放缓|下降|降低)")


@lru_cache(maxsize=4096)
def pp_sign(ctx: str, sign: int) -> int:
    """降幅收窄2.5个百分点 is +2.5 on the growth rate; 降幅扩大 −; 增幅收窄 −."""
    if _FALL_NARROWS.search(ctx):
        return 1
    if _FALL_WIDENS.search(ctx):
        return -1
    if _RISE_NARROWS.search(ctx):
        return -1
    return sign


_RATE_WORD = re.compile(r"率(达到|达|为|是|约|近|超过?|逾)*$")


@lru_cache(maxsize=4096)
def names_a_rate(before: str) -> bool:
    """贡献率达到六成: a rate written in 成, not a share."""
    return bool(_RATE_WORD.search(before.rstrip()))


@lru_cache(maxsize=4096)
def is_task_share(before: str) -> bool:
    return bool(_SHARE_TASK.search(before.rstrip()))


# 完成全年任务500公顷的5.5%, 占全年任务210万平方米的43.5%: the year's task named with its amount
_SHARE_TASK_INLINE = re.compile(r"(完成|占|达到)(全年|年度|年初)(目标任务|任务目标|任务|目标|计划|预算)[^，。；,;]{1,16}的$")


@lru_cache(maxsize=4096)
def names_the_task(clause: str) -> bool:
    return bool(_SHARE_TASK_INLINE.search(clause.rstrip()))
