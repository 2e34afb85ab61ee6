"""Units a report writes after a figure, as the checker reads them.

The measure words (counts of things) are ``planwatch.core.units.COUNTERS``, the one table the package
and the target parser use too; comparisons and conversions go through ``planwatch.core.units``. Here:
the written forms of physical units the reader recognises and the name each is compared under.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.core.units import COUNTERS

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

# "个" before one of these is part of the unit: 7个工作日 → 7 工作日
COUNTER_PREFIXED = ("工作日",)

# written unit alternatives, longest first, for the figure pattern
UNIT_WORDS: tuple[str, ...] = tuple(sorted([*MEASURES, *COUNTERS], key=len, reverse=True))


def base_unit(word: str) -> str:
    return MEASURES.get(word, word)


def is_counter(unit: str) -> bool:
    return unit in COUNTERS
