"""Units a report writes after a figure, with the scale to the base unit.

A small table of our own until ``planwatch.core.units`` settles; the checker only needs to scale
(亿元 → 元, 万平方米 → 平方米) and to know which units are measure words (counts of things).
"""

from __future__ import annotations

from decimal import Decimal

# number scales written between the figure and its unit
SCALES: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
}

# physical units: written form → base unit name
MEASURES: dict[str, str] = {
    "美元": "美元",
    "元": "元",
    "平方公里": "平方公里",
    "平方千米": "平方公里",
    "平方米": "平方米",
    "平米": "平方米",
    "立方米": "立方米",
    "公顷": "公顷",
    "亩": "亩",
    "公里": "公里",
    "千米": "公里",
    "延长米": "延长米",
    "米": "米",
    "微克/立方米": "微克/立方米",
    "吨标准煤": "吨标准煤",
    "吨": "吨",
    "公斤": "公斤",
    "斤": "斤",
    "标箱": "标箱",
    "千瓦时": "千瓦时",
    "千瓦": "千瓦",
    "工作日": "工作日",
    "小时": "小时",
    "分钟": "分钟",
    "天": "天",
    "个月": "月",
    "个季度": "季度",
}

# measure words (量词): counts of things; the base unit is the word itself
COUNTERS: tuple[str, ...] = (
    "人次", "场次", "剂次", "家", "个", "项", "人", "套", "处", "座", "站", "张", "名", "户", "条", "辆",
    "部", "所", "宗", "份", "剂", "场", "批", "组", "根", "件", "间", "村", "乡", "笔", "只", "台",
    "栋", "起", "例", "期", "方面", "棵", "株", "盏", "艘", "架", "次", "架次", "车次", "批次",
)

# "个" before one of these is part of the unit: 7个工作日 → 7 工作日
COUNTER_PREFIXED = ("工作日",)

# written unit alternatives, longest first, for the figure pattern
UNIT_WORDS: tuple[str, ...] = tuple(sorted([*MEASURES, *COUNTERS], key=len, reverse=True))


def base_unit(word: str) -> str:
    return MEASURES.get(word, word)


def is_counter(unit: str) -> bool:
    return unit in COUNTERS
