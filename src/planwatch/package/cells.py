"""Turning the text of a cell into a typed value, or into a bilingual reason why it cannot be."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from planwatch.core.errors import PlanwatchError
from planwatch.core.periods import Period, PeriodError


class CellError(PlanwatchError):
    def __init__(self, zh: str, en: str, code: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.code = code


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_HEDGES = ("约", "近", "余", "超", "多", "左右", "以上", "以内", "不少于", "达")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+00:00(?::00)?)?$")
_INT = re.compile(r"^[+-]?\d+$")
_TRUE = {"true", "yes", "y", "1", "是", "t"}
_FALSE = {"false", "no", "n", "0", "否", "f"}


def parse_decimal(text: str) -> Decimal:
    t = text.replace("\u2212", "-").replace("\uff0d", "-").strip()
    if _NUMBER.match(t):
        try:
            return Decimal(t)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            pass
    if "%" in t or "％" in t:
        raise CellError(
            f"“{text}”不是数字:不要写百分号,只写数字(13.5 表示 13.5%)",
            f"{text!r} is not a number: write the number without the percent sign (13.5 means 13.5%)",
            "not_a_number",
        )
    if any(h in t for h in _HEDGES):
        raise CellError(
            f"“{text}”不是数字:只写数字本身,“约”“近”“以上”等措辞写在 note、text 或 source 列",
            f"{text!r} is not a number: write the bare number; words such as 约 (about) belong in note, text or source",
            "not_a_number",
        )
    if re.match(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", t):
        raise CellError(
            f"“{text}”不是数字:不要使用千位分隔符",
            f"{text!r} is not a number: do not use thousands separators",
            "not_a_number",
        )
    raise CellError(f"“{text}”不是数字", f"{text!r} is not a number", "not_a_number")


def parse_int(text: str) -> int:
    if _INT.match(text.strip()):
        return int(text)
    raise CellError(f"“{text}”不是整数", f"{text!r} is not a whole number", "not_an_integer")


def parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise CellError(
        f"“{text}”不是是/否值:请写 true 或 false",
        f"{text!r} is not a yes/no value: write true or false",
        "bad_bool",
    )


def parse_date(text: str) -> dt.date:
    m = _DATE.match(text.strip())
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise CellError(
        f"“{text}”不是有效日期:请写成 2021-06-30",
        f"{text!r} is not a valid date: write it as 2021-06-30",
        "bad_date",
    )


@lru_cache(maxsize=4096)
def parse_period(text: str) -> str:
    """A period in canonical form. A first-of-month date (2021-06-01, 2021/6/1) is read as that month:
    Excel and WPS turn a typed "2021-06" into such a date."""
    try:
        return str(Period.parse(text))
    except PeriodError:
        pass
    m = _DATE.match(text.strip())
    if m and int(m.group(3)) == 1 and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    raise CellError(
            f"“{text}”不是有效期间:请写 2021、2021H1、2021Q2 或 2021-06",
            f"period {text!r} does not parse: use 2021, 2021H1, 2021Q2 or 2021-06",
            "bad_period",
        )


def parse_codes(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[;；]", text) if p.strip())


def parse_choice(text: str, choices: tuple[str, ...]) -> str:
    if text in choices:
        return text
    raise CellError(
        f"“{text}”不是允许的取值,可选: {', '.join(choices)}",
        f"{text!r} is not an allowed value; use one of: {', '.join(choices)}",
        "bad_enum",
    )


def _percents(values: list[str], text: str) -> list[Decimal]:
    out = []
    for v in values:
        d = parse_decimal(v)
        if not Decimal(0) <= d <= Decimal(100):
            raise CellError(f"进度曲线“{text}”中的 {v} 不在 0–100 之间", f"curve {text!r}: {v} is not between 0 and 100", "bad_curve")
        out.append(d)
    if out != sorted(out):
        raise CellError(f"进度曲线“{text}”必须逐步不减", f"curve {text!r} must not go down", "bad_curve")
    return out


def parse_curve(text: str) -> str:
    """``linear``, ``milestones:2021-06-30=40;2021-09-30=80`` or ``seasonal:`` with 12 cumulative percents."""
    t = text.strip()
    hint_zh = "进度曲线应为 linear、milestones:2021-06-30=40;2021-09-30=80 或 seasonal: 加 12 个累计百分比"
    hint_en = "a curve is linear, milestones:2021-06-30=40;2021-09-30=80 or seasonal: with 12 cumulative percents"
    try:
        if t == "linear":
            return t
        if t.startswith("milestones:"):
            pairs = [p for p in re.split(r"[;；]", t[len("milestones:") :]) if p.strip()]
            if not pairs or any("=" not in p for p in pairs):
                raise CellError(f"“{text}”: {hint_zh}", f"{text!r}: {hint_en}", "bad_curve")
            dates = [parse_date(p.split("=", 1)[0]) for p in pairs]
            if dates != sorted(dates):
                raise CellError(f"“{text}”: 日期须按先后排列", f"{text!r}: dates must be in order", "bad_curve")
            _percents([p.split("=", 1)[1] for p in pairs], text)
            return t
        if t.startswith("seasonal:"):
            values = [v for v in re.split(r"[,，]", t[len("seasonal:") :]) if v.strip()]
            if len(values) != 12:
                raise CellError(f"“{text}”: 季节曲线需要 12 个月的累计百分比", f"{text!r}: a seasonal curve needs 12 monthly cumulative percents", "bad_curve")
            _percents(values, text)
            return t
    except CellError as exc:
        if exc.code == "bad_curve":
            raise
        raise CellError(f"“{text}”: {exc.zh}", f"{text!r}: {exc.en}", "bad_curve") from None
    raise CellError(f"“{text}”: {hint_zh}", f"{text!r}: {hint_en}", "bad_curve")


def decimal_text(value: Decimal) -> str:
    """A Decimal as written: "13.50" stays "13.50", never in exponent form."""
    return format(value, "f")
