"""How a report names its period, by kind of report (to move into core.wording when it lands).

Statistics are published year to date, so a report of a quarter or a month reviews the year so far:
一季度, 上半年, 前三季度, 1-9月, 全年. Each kind has its own words for the period reviewed (``review``),
for the rest of the year (``rest``: 下半年, 四季度, 下一步) and for the title.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.core.periods import Granularity, Period

_QUARTERS_ZH = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
_QUARTERS_EN = {1: "the first quarter", 2: "the first half", 3: "the first three quarters", 4: "the year"}
_MONTHS_EN = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")


@dataclass(frozen=True, slots=True)
class PeriodWords:
    kind: str  # month | quarter | half | annual
    review: str  # 上半年 / 前三季度 / 1-9月 / 全年
    rest: str  # 下半年 / 四季度 / 下一步 / ""
    review_en: str
    rest_en: str

    @property
    def annual(self) -> bool:
        return self.kind == "annual"


def period_words(p: Period) -> PeriodWords:
    """The words of a report on ``p`` (a year-to-date review up to the period's last month)."""
    if p.last == 12:
        return PeriodWords("annual", "全年", "", "the year", "")
    if p.granularity is Granularity.HALF:
        return PeriodWords("half", "上半年", "下半年", "the first half", "the second half")
    if p.granularity is Granularity.QUARTER:
        q = p.last // 3
        rest = {1: "下一步", 2: "下半年", 3: "四季度"}[q]
        rest_en = {1: "the rest of the year", 2: "the second half", 3: "the fourth quarter"}[q]
        return PeriodWords("quarter", _QUARTERS_ZH[q], rest, _QUARTERS_EN[q], rest_en)
    review = "1月" if p.last == 1 else f"1-{p.last}月"
    review_en = "January" if p.last == 1 else f"January to {_MONTHS_EN[p.last]}"
    rest, rest_en = ("下半年", "the second half") if p.last == 6 else ("下一步", "the rest of the year")
    return PeriodWords("month", review, rest, review_en, rest_en)
