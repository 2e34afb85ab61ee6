"""Numerals as reports write them: 3640.7, 1,317, 三千六百, 两, 七成, 1/10, 百分之十.

Chinese numerals are parsed by cn2an (``normal`` mode); what cn2an gets wrong or refuses is handled
here (see tests/checker/test_numbers.py for the cases we checked): it refuses a bare 百/千 start
(百万) and 成 (七成), and in ``normal`` mode reads 二〇三五 digit by digit (a year, which we never ask it
to read because years are not facts).
"""

from __future__ import annotations

import re
from decimal import Decimal

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千"
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# a Chinese numeral must start with a digit or 十 (十八); 百万亩 is a name, not a count
CHINESE = rf"[{CN_DIGITS}十][{CN_NUMERAL_CHARS}]*(?:[万亿][{CN_DIGITS}十][{CN_NUMERAL_CHARS}]*)?(?:点[{CN_DIGITS}]+)?"

_ARABIC_RE = re.compile(rf"^(?:{ARABIC})$")


class NumeralError(ValueError):
    """A numeral that cannot be read."""


def parse_numeral(text: str) -> Decimal:
    """Read one numeral, Arabic or Chinese, into an exact Decimal."""
    s = text.strip()
    if _ARABIC_RE.match(s):
        return Decimal(s.replace(",", ""))
    if s in ("两", "俩"):
        return Decimal(2)
    try:
        value = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError) as exc:
        raise NumeralError(f"cannot read numeral {text!r}") from exc
    return Decimal(str(value))


def decimals_written(text: str) -> int:
    """Decimals a numeral was written with; Chinese numerals are exact integers here."""
    s = text.replace(",", "")
    if "." in s:
        return len(s.split(".", 1)[1])
    if "点" in s:
        return len(s.split("点", 1)[1])
    return 0
