"""How planwatch writes figures in words, in Chinese and in English: numbers, amounts with their units,
growth by its sign, percentage points, ranks and ordinals, dates and periods.

One module for the report, the warning messages, the checker's messages and the pages, so that a figure
reads the same wherever it is shown. Rounding happens here (half up, at the figure's own decimals) and
nowhere earlier:

- a published figure keeps the decimals it was written with ("298亿元", "2.05%");
- growth is told by sign: 增长13.5% / 下降1% (never "增长-1%"), 持平 at zero; English "up 13.5%" / "down 1%";
- differences of rates are 个百分点 (English "percentage points");
- English scales: 亿 = 100 million, so 3640.7亿元 is "364.07 billion yuan"; 万 is ten thousand, written
  as thousand or million; the English names of units come from ``units.unit_name_en``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from decimal import Decimal

from .figures import Figure
from .intervals import round_half_up
from .model import BOUNDS
from .periods import Granularity, Period
from .units import listed_unit_name_en, unit_name_en

_DIGITS = "零一二三四五六七八九"
_QUARTERS = "一二三四"


# --- numbers --------------------------------------------------------------------------------------


def plain(value: Decimal) -> str:
    """A Decimal written out without exponent or a minus on zero: Decimal("3.64E+3") → "3640"."""
    text = format(value, "f")
    if text.startswith("-") and value == 0:
        text = text[1:]
    return text


def number(fig: Figure) -> str:
    """The figure rounded to its decimals, as written: 3640.7, 2.05, 298."""
    return plain(fig.rounded)


def abs_number(fig: Figure) -> str:
    return plain(abs(fig.rounded))


def is_negative(fig: Figure) -> bool:
    """Whether the figure, as printed, is below zero (a −0.04 printed with one decimal is 0.0, not negative)."""
    return fig.rounded < 0


def is_zero(fig: Figure) -> bool:
    return fig.rounded == 0


def cn_numeral(n: int) -> str:
    """Chinese numeral for section numbers and counts under a hundred: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一."""
    if not 0 < n < 100:
        raise ValueError(f"section number {n} out of range")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def ordinal_en(n: int | Decimal) -> str:
    """A rank as English says it: 1st, 2nd, 3rd, 11th, 22nd."""
    k = int(n)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


# --- dates ----------------------------------------------------------------------------------------


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def date_zh(day: dt.date, *, in_year: bool = False) -> str:
    """A date as Chinese documents write it: 2021年6月30日. ``in_year``: inside a report of that year, as
    its prose says it: 6月底 at a month's end, else 7月15日."""
    if in_year:
        return f"{day.month}月底" if _month_end(day) else f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def date_en(day: dt.date, *, in_year: bool = False) -> str:
    """June 30, 2021; ``in_year``: the end of June, or July 15."""
    if in_year:
        return f"the end of {day:%B}" if _month_end(day) else f"{day:%B} {day.day}"
    return f"{day:%B} {day.day}, {day.year}"


# --- periods --------------------------------------------------------------------------------------


def _period(p: Period | str) -> Period:
    return p if isinstance(p, Period) else Period.parse(p)


def period_zh(p: Period | str, *, cumulative: bool = False, in_year: int | None = None) -> str:
    """A period as the plan office writes it: 2021年, 2021年上半年, 2021年二季度, 2021年6月, 2021年1-6月.

    ``cumulative``: a month of a year-to-date statistic (累计值) is the months from January to it
    (2021-06 → 2021年1-6月; January stays 2021年1月). ``in_year``: in the prose of a report of that year, a
    single month is "6月份" and other periods drop the year (上半年, 1-6月).
    """
    p = _period(p)
    if p.granularity is Granularity.MONTH and cumulative:
        p = Period(p.year, 1, p.last, Granularity.MONTH)  # 1-6月 in a monthly series, not 上半年
    if p.granularity is Granularity.YEAR:
        body = "全年" if in_year == p.year else ""
    elif p.granularity is Granularity.HALF:
        body = f"{'上' if p.last == 6 else '下'}半年"
    elif p.granularity is Granularity.QUARTER:
        body = f"{_QUARTERS[p.last // 3 - 1]}季度"
    elif p.first == p.last:
        body = f"{p.last}月份" if in_year == p.year else f"{p.last}月"
    else:
        body = f"1-{p.last}月"
    if in_year == p.year:
        return body
    return f"{p.year}年{body}"


_MONTHS_SHORT = [calendar.month_abbr[m] for m in range(13)]


def period_en(p: Period | str, *, cumulative: bool = False, short: bool = False, in_year: int | None = None) -> str:
    """A period in English prose: 2021, the first half of 2021, Q2 2021, June 2021, January–June 2021.

    ``short`` for tables and charts: 2021, H1 2021, Q2 2021, Jun 2021, Jan–Jun 2021. ``cumulative`` as in
    ``period_zh``; ``in_year``: the year is left out for a period of that year (June, the first half).
    """
    p = _period(p)
    if p.granularity is Granularity.MONTH and cumulative:
        p = Period(p.year, 1, p.last, Granularity.MONTH)
    year = "" if in_year == p.year else f" {p.year}"
    if p.granularity is Granularity.YEAR:
        return "the year" if in_year == p.year else f"{p.year}"
    if p.granularity is Granularity.HALF:
        if short:
            return f"H{p.last // 6}{year}"
        return f"the {'first' if p.last == 6 else 'second'} half" + (f" of {p.year}" if year else "")
    if p.granularity is Granularity.QUARTER:
        return f"Q{p.last // 3}{year}"
    names = _MONTHS_SHORT if short else calendar.month_name
    if p.first == p.last:
        return f"{names[p.last]}{year}"
    return f"{names[1]}–{names[p.last]}{year}"


# --- amounts and growth, Chinese ------------------------------------------------------------------


# Money is written in 亿元 once it is large (统计公报 practice): (unit, threshold, shift of the decimal point)
_MONEY_SCALES = {"元": (Decimal(10) ** 8, 8), "万元": (Decimal(10) ** 5, 4)}


def amount_zh(fig: Figure) -> str:
    """A level with its unit: 3640.7亿元, 2.05%, 410张; 1234567890元 → 12.35亿元, 123456万元 → 12.35亿元.

    A sum of money of 亿 or more is written in 亿元 with at most two decimals; smaller sums and per-capita
    amounts keep the unit they were published in (居民人均可支配收入 38903元).
    """
    scale = _MONEY_SCALES.get(fig.unit)
    if scale is not None and abs(fig.value) >= scale[0]:
        shift = scale[1]
        decimals = min(fig.decimals + shift, 2)
        return f"{plain(round_half_up(fig.value.scaleb(-shift), decimals))}亿元"
    return f"{number(fig)}{fig.unit}"


def growth_zh(fig: Figure, up: str = "增长", down: str = "下降", flat: str = "持平") -> str:
    """增长13.5% / 下降1% / 持平."""
    if is_zero(fig):
        return flat
    word = down if is_negative(fig) else up
    return f"{word}{abs_number(fig)}%"


def pp_zh(fig: Figure, up: str = "提高", down: str = "下降", flat: str = "持平") -> str:
    """A difference of rates: 提高1.6个百分点 / 下降2个百分点."""
    if is_zero(fig):
        return flat
    word = down if is_negative(fig) else up
    return f"{word}{abs_number(fig)}个百分点"


def pp_abs_zh(fig: Figure) -> str:
    """The size of a gap in percentage points: 44.1个百分点."""
    return f"{abs_number(fig)}个百分点"


def rank_zh(fig: Figure) -> str:
    return f"第{number(fig)}名"


# --- amounts and growth, English ------------------------------------------------------------------


def _scale_en(value: Decimal, decimals: int, unit: str) -> tuple[Decimal, int, str]:
    """Split a Chinese scale prefix off the unit and rescale: (3640.7, 1, 亿元) → (364.07, 2, "billion yuan")."""
    whole = listed_unit_name_en(unit)
    if whole is not None:  # units named as they are (万元GDP能耗 …)
        return value, decimals, whole
    base = unit
    factor_words = ""
    if unit.startswith("万亿"):
        factor_words, base = "trillion", unit[2:]
    elif unit.startswith("亿"):
        value, decimals, factor_words, base = value / 10, decimals + 1, "billion", unit[1:]
    elif unit.startswith("万") and len(unit) > 1:
        base = unit[1:]
        if abs(value) * 10_000 >= 1_000_000:
            value, decimals, factor_words = value / 100, decimals + 2, "million"
        else:
            value, decimals, factor_words = value * 10, max(decimals - 1, 0), "thousand"
    words = " ".join(w for w in (factor_words, unit_name_en(base)) if w)
    return value, decimals, words


def _amount_en(fig: Figure) -> tuple[str, str]:
    if fig.unit == "%":
        return number(fig), "%"
    value, decimals, words = _scale_en(fig.value, fig.decimals, fig.unit)
    text = plain(round_half_up(value, decimals))
    published_zero = fig.decimals > 0 and plain(fig.rounded).endswith("0")
    if "." in text and decimals > fig.decimals and not published_zero:
        text = text.rstrip("0").rstrip(".")  # 210万 is 2.1 million, not 2.10: the zero was no decimal
    return text, words


def amount_en(fig: Figure) -> str:
    """364.07 billion yuan, 2.05%, 410 beds, 914 thousand square metres, 2.1 million square metres."""
    text, words = _amount_en(fig)
    if words == "%":
        return f"{text}%"
    return f"{text} {words}".strip()


def number_en(fig: Figure) -> str:
    """The number ``amount_en`` writes, without the unit: 364.07 for 3640.7亿元, 914 for 91.4万平方米."""
    return _amount_en(fig)[0]


def growth_en(fig: Figure, up: str = "up", down: str = "down", flat: str = "unchanged") -> str:
    """up 13.5% / down 1% / unchanged."""
    if is_zero(fig):
        return flat
    word = down if is_negative(fig) else up
    return f"{word} {abs_number(fig)}%"


def vs_base_en(fig: Figure) -> str:
    """7.9% above / 1% below / level with."""
    if is_zero(fig):
        return "level with"
    return f"{abs_number(fig)}% {'below' if is_negative(fig) else 'above'}"


def pp_en(fig: Figure) -> str:
    if is_zero(fig):
        return "unchanged"
    word = "down" if is_negative(fig) else "up"
    return f"{word} {abs_number(fig)} percentage points"


def pp_abs_en(fig: Figure) -> str:
    return f"{abs_number(fig)} percentage points"


def rank_en(fig: Figure) -> str:
    return ordinal_en(fig.rounded)


__all__ = [
    "abs_number", "amount_en", "amount_zh", "cn_numeral", "date_en", "date_zh", "growth_en", "growth_zh",
    "is_negative", "is_zero", "number", "number_en", "ordinal_en", "period_en", "period_zh", "plain", "pp_abs_en",
    "pp_abs_zh", "pp_en", "pp_zh", "rank_en", "rank_zh", "vs_base_en",
]

# --- the words of a report's period (a year-to-date review): 上半年, 前三季度, 1-9月, 全年 -------------------

_REVIEW_QUARTERS_ZH = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
_REVIEW_QUARTERS_EN = {1: "the first quarter", 2: "the first half", 3: "the first three quarters", 4: "the year"}
_MONTHS_EN = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")


@dataclasses.dataclass(frozen=True, slots=True)
class PeriodWords:
    """How a report on a period names it (``review``) and the rest of the year (``rest``)."""

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
        return PeriodWords("quarter", _REVIEW_QUARTERS_ZH[q], rest, _REVIEW_QUARTERS_EN[q], rest_en)
    review = "1月" if p.last == 1 else f"1-{p.last}月"
    review_en = "January" if p.last == 1 else f"January to {_MONTHS_EN[p.last]}"
    rest, rest_en = ("下半年", "the second half") if p.last == 6 else ("下一步", "the rest of the year")
    return PeriodWords("month", review, rest, review_en, rest_en)


# --- the bound a figure was published with, and whole percentages -----------------------------------

BOUNDS_ZH = BOUNDS  # core.model: the bound a figure was published with → its Chinese word
BOUNDS_EN = {"approx": "about", "nearly": "nearly", "over": "over", "passed": "over", "odd": "more than"}
_LEADING_NUMBER = re.compile(r"^(-?\d+(?:\.\d+)?)")


def whole(fig: Figure) -> Figure:
    """The figure to print: a computed percentage (or a reported percent complete) that rounds to a whole
    number loses its ".0" (60%, not 60.0%); published figures keep the decimals they were written with."""
    computed = fig.origin == "computation" or (fig.origin == "progress" and fig.unit == "%")
    if computed and fig.decimals > 0 and fig.rounded == fig.rounded.to_integral_value():
        return dataclasses.replace(fig, decimals=0)
    return fig


def bounded_zh(fig: Figure, text: str) -> str:
    """约36.4万件, 近20亿元, 突破631万剂, 超331万人, 7300余延长米: the word of ``fig.ref["bound"]`` with ``text``."""
    bound = fig.ref.get("bound", "") if fig.ref else ""
    word = BOUNDS_ZH.get(bound, "")
    if not word:
        return text
    if bound == "odd":  # after the number, before the unit
        m = _LEADING_NUMBER.match(text)
        return f"{m.group(1)}余{text[m.end():]}" if m else text + "余"
    return word + text


def bounded_en(fig: Figure, text: str) -> str:
    word = BOUNDS_EN.get(fig.ref.get("bound", "") if fig.ref else "", "")
    return f"{word} {text}" if word else text
