"""Periods inside a report: the period a clause speaks of, and the period a change is measured against.

Inside a half-year report, a clause that starts 一季度, 1-5月 or 6月份 speaks of that period; a period named at
the head of a sentence (1-5月，…) holds for the sentence until another is named, and a period named inside
a sentence holds for its clause and the clauses after it that name no subject of their own. Period names:

| written | period |
|---|---|
| 上半年, 1-6月 | 2023H1 |
| 下半年 | 2023H2 |
| 一季度, 1-3月 | 2023Q1 (二季度 2023Q2, a single quarter) |
| 前三季度, 1-9月 | 2023Q1-Q3 |
| 1-5月 (other months) | 2023M1-M5 (January to May, cumulative) |
| 6月份, 6月 | 2023-06 (the month alone) |
| 全年, 1-12月 | 2023 |
| 去年同期 / 上年同期 | the report's period a year earlier |
| 上年末, 去年底, 上年 | the previous year |

A base (较一季度, 比1-5月, 较5月份, 环比) is read by ``base_period``: 环比 is the period just before the
figure's own (2023-06 → 2023-05, 2023Q2 → 2023Q1).
"""

from __future__ import annotations

import re
from functools import lru_cache

_PART = (
    r"上半年|下半年|前三季度|第?[一二三四]季度|1-\d{1,2}月份?|(?<![-\d])\d{1,2}月份|(?<![-\d])\d{1,2}月(?![\d底末初日中份])"
    r"|全年(?!目标|任务|计划|预算|预期)"
)
PERIOD_WORD = re.compile(rf"(?:(?P<year>\d{{4}})年)?(?P<part>{_PART})")
_LAST_YEAR_SAME = re.compile(r"(?<![比较与同是为于])(去年|上年)同期(?!的)")
_LAST_YEAR_END = re.compile(r"(去年|上年)(末|底)?(?!同期)")
BASE_WORD = re.compile(rf"(?:较|比|与|同)(?:(?P<year>\d{{4}})年)?(?P<part>{_PART}|上月|上季度|同期)")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}


@lru_cache(maxsize=4096)
def part_period(year: int, part: str) -> str:
    """The period a written part of a year names: (2023, "1-5月") → 2023M1-M5."""
    part = part.removesuffix("份")
    if part in ("上半年",):
        return f"{year}H1"
    if part == "下半年":
        return f"{year}H2"
    if part == "前三季度":
        return f"{year}Q1-Q3"
    if part == "全年":
        return f"{year}"
    if part.endswith("季度"):
        return f"{year}Q{_QUARTERS[part[-3]]}"
    if part.startswith("1-"):
        last = int(part[2:-1])
        return {3: f"{year}Q1", 6: f"{year}H1", 9: f"{year}Q1-Q3", 12: f"{year}"}.get(last, f"{year}M1-M{last}")
    month = int(part[:-1])
    return f"{year}-{month:02d}" if 1 <= month <= 12 else ""


@lru_cache(maxsize=4096)
def period_in(text: str, year: int | None) -> str:
    """The period a clause names (not inside a base: 比2019年上半年 names a base, not the clause's period)."""
    if year is None:
        return ""
    bases = [(m.start(), m.end()) for m in BASE_WORD.finditer(text)]
    found = ""
    for m in PERIOD_WORD.finditer(text):
        if any(a <= m.start() < b for a, b in bases):
            continue
        y = int(m.group("year")) if m.group("year") else year
        found = part_period(y, m.group("part"))
    if _LAST_YEAR_SAME.search(text):
        return "last_same"
    return found


@lru_cache(maxsize=4096)
def previous_year_end(text: str) -> bool:
    """上年末为67.4%: a level at the end of the previous year (not inside 较上年, a base)."""
    for m in _LAST_YEAR_END.finditer(text):
        if m.start() > 0 and (text[m.start() - 1] in "较比与为" or text[max(0, m.start() - 3) : m.start()].endswith(("是", "相当于"))):
            continue  # 较上年: a base; 是去年的2.3倍: a ratio to last year
        return True
    return False


def previous_period(period: str) -> str:
    """The period just before: 2023-06 → 2023-05, 2023Q2 → 2023Q1, 2023H2 → 2023H1."""
    year = period[:4]
    rest = period[4:]
    if not year.isdigit():
        return ""
    y = int(year)
    if rest.startswith("-"):
        m = int(rest[1:])
        return f"{y}-{m - 1:02d}" if m > 1 else f"{y - 1}-12"
    if rest.startswith("Q") and len(rest) == 2:
        q = int(rest[1])
        return f"{y}Q{q - 1}" if q > 1 else f"{y - 1}Q4"
    if rest == "H2":
        return f"{y}H1"
    if rest == "":
        return f"{y - 1}"
    return ""


@lru_cache(maxsize=4096)
def base_period(ctx: str, year: int | None, own: str) -> str | None:
    """The base of a change against an earlier part of the year (较一季度, 比1-5月, 较5月份, 环比); None if none."""
    if year is None:
        return None
    if "环比" in ctx:
        return previous_period(own)
    matches = list(BASE_WORD.finditer(ctx))
    m = matches[-1] if matches else None
    if m is None or m.group("part") == "同期":
        return None
    part = m.group("part")
    y = int(m.group("year")) if m.group("year") else year
    if m.group("year") and y != year:
        return None  # 比2019年上半年: a base in another year, read by classify.basis_of
    if part == "上月":
        return previous_period(own) if own[4:5] == "-" else None
    if part == "上季度":
        return previous_period(own) if own[4:5] == "Q" else None
    return part_period(y, part)
