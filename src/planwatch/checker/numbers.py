"""Numerals as reports write them: 3640.7, 1,317, 1 250.4, 三千六百, 两, 三十八点一, 百 (of 百余项), 七成, 1/10.

Chinese numerals are read here (``chinese_value``): digits 零〇一二两三四五六七八九, units 十百千, the big
units 万 and 亿, and 点 for decimals. cn2an (``normal`` mode), which reads the same forms, is kept as a
second opinion: the property test ``test_chinese_numerals_agree_with_cn2an`` holds the two together, and
``parse_numeral`` falls back on it (imported lazily: it costs more to import than a whole check) for a form
ours refuses. A numeral of digits only (二〇三五) is read digit by digit, as a year is written.
"""

from __future__ import annotations

import re
from decimal import Decimal

from planwatch.core.errors import PlanwatchError

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千"
# digits grouped by commas or (thin) spaces, or plain, with decimals; "6. 2" (a space after the point) too
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?(?=\s?[万亿千]?[^\d\s.,])|\d+(?:\. ?\d+)?"
# a Chinese numeral starts with a digit or 十 (十八); a bare 百/千 (百余项, 超百亿元) is matched by the figure
# pattern only next to 余/多 or after 超/近/逾
CHINESE = rf"[{CN_DIGITS}十][{CN_NUMERAL_CHARS}]*(?:[万亿][{CN_DIGITS}十][{CN_NUMERAL_CHARS}]*)?(?:点[{CN_DIGITS}]+)?"
BARE_CHINESE = r"[百千]"

_ARABIC_RE = re.compile(r"^\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$|^\d+(?:\. ?\d+)?$")
_DIGIT_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                "八": 8, "九": 9}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}
_BIG_VALUE = {"万": 10**4, "亿": 10**8}


class NumeralError(PlanwatchError):
    """A numeral that cannot be read."""


def parse_numeral(text: str) -> Decimal:
    """Read one numeral, Arabic or Chinese, into an exact Decimal."""
    s = text.strip()
    if _ARABIC_RE.match(s):
        return Decimal(s.replace(",", "").replace(" ", ""))
    try:
        return chinese_value(s)
    except NumeralError:
        pass
    import cn2an  # lazily: a form our reader refuses (never seen in the labelled texts)

    try:
        value = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError) as exc:
        raise NumeralError(f"cannot read numeral {text!r}") from exc
    return Decimal(str(value))


def chinese_value(text: str) -> Decimal:
    """三千六百 → 3600, 一万二千 → 12000, 十八 → 18, 一百零五 → 105, 三十八点一 → 38.1, 百 → 100, 二〇三五 → 2035."""
    whole, point, frac = text.partition("点")
    if not whole or (point and not frac):
        raise NumeralError(f"cannot read numeral {text!r}")
    value = Decimal(_chinese_int(whole))
    if frac:
        if any(ch not in _DIGIT_VALUE for ch in frac):
            raise NumeralError(f"cannot read numeral {text!r}")
        value += Decimal("0." + "".join(str(_DIGIT_VALUE[ch]) for ch in frac))
    return value


def _chinese_int(s: str) -> int:
    if all(ch in _DIGIT_VALUE for ch in s):
        if len(s) > 1 and s[0] in "零〇":
            raise NumeralError(f"cannot read numeral {s!r}")
        return int("".join(str(_DIGIT_VALUE[ch]) for ch in s))  # 二〇三五, 两, 五
    total = 0  # everything above the current 万 section, already scaled
    section = 0  # the current section below 万
    digit: int | None = None
    last_unit = 10**9
    for ch in s:
        if ch in _DIGIT_VALUE:
            if digit is not None and digit != 0 and _DIGIT_VALUE[ch] != 0:
                raise NumeralError(f"cannot read numeral {s!r}")  # 十四五: two digits in a row
            digit = _DIGIT_VALUE[ch]
        elif ch in _UNIT_VALUE:
            unit = _UNIT_VALUE[ch]
            if unit >= last_unit:
                raise NumeralError(f"cannot read numeral {s!r}")  # 百百, 十百
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        elif ch in _BIG_VALUE:
            section += digit or 0
            if ch == "亿":
                total = (total + section) * _BIG_VALUE[ch]
            else:
                total += section * _BIG_VALUE[ch]
            section, digit, last_unit = 0, None, 10**9
        else:
            raise NumeralError(f"cannot read numeral {s!r}")
    return total + section + (digit or 0)


def decimals_written(text: str) -> int:
    """Decimals a numeral was written with; Chinese numerals are exact integers unless written with 点."""
    s = text.replace(",", "").replace(" ", "")
    if "." in s:
        return len(s.split(".", 1)[1])
    if "点" in s:
        return len(s.split("点", 1)[1])
    return 0
