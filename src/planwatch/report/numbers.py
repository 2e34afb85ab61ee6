"""Number formatting per Chinese statistical practice, and its English counterpart.

Every function takes a :class:`~planwatch.core.figures.Figure` and returns the words a report prints for
it. Rounding happens here (half up, at the figure's own decimals) and nowhere earlier:

- a published figure keeps the decimals it was written with ("298亿元", "2.05%");
- growth is told by sign: 增长13.5% / 下降1% (never "增长-1%"), 持平 at zero; English "up 13.5%" / "down 1%";
- differences of rates are 个百分点 (English "percentage points");
- English scales: 亿 = 100 million, so 3640.7亿元 is "364.07 billion yuan"; 万 is ten thousand, written
  as thousand or million.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml

from planwatch.core.figures import Figure
from planwatch.core.intervals import round_half_up

_DIGITS = "零一二三四五六七八九"


def plain(value: Decimal) -> str:
    """A Decimal written out without exponent: Decimal("3.64E+3") → "3640"."""
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
    """Chinese numeral for section numbers: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (n < 100)."""
    if not 0 < n < 100:
        raise ValueError(f"section number {n} out of range")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def date_zh(day: dt.date) -> str:
    """6月底 at a month's end (as reports say), else 7月15日."""
    return f"{day.month}月底" if _month_end(day) else f"{day.month}月{day.day}日"


def date_en(day: dt.date) -> str:
    """the end of June, or July 15."""
    return f"the end of {day:%B}" if _month_end(day) else f"{day:%B} {day.day}"


# --- Chinese ------------------------------------------------------------------------------------


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


# --- English ------------------------------------------------------------------------------------


@functools.cache
def _unit_names_en() -> dict[str, Any]:
    text = resources.files("planwatch.report").joinpath("templates/en/units.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return dict(data)


def _scale_en(value: Decimal, decimals: int, unit: str) -> tuple[Decimal, int, str]:
    """Split a Chinese scale prefix off the unit and rescale: (3640.7, 1, 亿元) → (364.07, 2, "billion yuan")."""
    names = _unit_names_en()
    if unit in names:  # whole units named as they are (万元GDP能耗 …)
        return value, decimals, str(names[unit])
    base = unit
    factor_words = ""
    if unit.startswith("万亿"):
        value, decimals, factor_words, base = value, decimals, "trillion", unit[2:]
    elif unit.startswith("亿"):
        value, decimals, factor_words, base = value / 10, decimals + 1, "billion", unit[1:]
    elif unit.startswith("万") and len(unit) > 1:
        base = unit[1:]
        if abs(value) * 10_000 >= 1_000_000:
            value, decimals, factor_words = value / 100, decimals + 2, "million"
        else:
            value, decimals, factor_words = value * 10, max(decimals - 1, 0), "thousand"
    base_en = str(names.get(base, base))
    words = " ".join(w for w in (factor_words, base_en) if w)
    return value, decimals, words


def amount_en(fig: Figure) -> str:
    """364.07 billion yuan, 2.05%, 410 beds."""
    if fig.unit == "%":
        return f"{number(fig)}%"
    value, decimals, words = _scale_en(fig.value, fig.decimals, fig.unit)
    text = plain(round_half_up(value, decimals))
    published_zero = fig.decimals > 0 and plain(fig.rounded).endswith("0")
    if "." in text and decimals > fig.decimals and not published_zero:
        text = text.rstrip("0").rstrip(".")  # 210万 is 2.1 million, not 2.10: the zero was no decimal
    return f"{text} {words}".strip()


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
    n = int(fig.rounded)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
