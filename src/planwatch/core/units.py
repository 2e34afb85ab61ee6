"""Units of plan figures: a written unit is a base unit and a scale (亿元 = 10^8 元).

``parse_unit`` splits a unit as written in the package into ``Unit(base, factor)``. Scale prefixes
万亿, 亿, 万, 千, 百 apply to any base unit (万人, 万平方米, 亿美元, 万套); a few named units are
defined in terms of others (公顷 = 10^4 平方米, 公里 = 1000 米, 亩 = 10000/15 平方米). Two units are
``compatible`` when they have the same base; ``convert`` rescales a value between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from .errors import PlanwatchError


class UnitError(PlanwatchError):
    """A unit that does not parse, or a conversion between units of different kinds."""


@dataclass(frozen=True, slots=True)
class Unit:
    base: str  # the unscaled unit: "元", "平方米", "%", "pp", "人", "" (a pure number)
    factor: Decimal  # how many base units one of this unit is: 亿元 → 10^8

    def __str__(self) -> str:
        return f"{self.factor}×{self.base or '1'}"


_PERCENT = ("%", "％", "百分比")
_PP = ("pp", "个百分点", "百分点", "p.p.")
_PER_MILLE = ("‰",)

# Named units defined through another base: written unit -> (base, factor).
_NAMED: dict[str, tuple[str, Decimal]] = {
    "公顷": ("平方米", Decimal(10) ** 4),
    "平方公里": ("平方米", Decimal(10) ** 6),
    "平方千米": ("平方米", Decimal(10) ** 6),
    "平米": ("平方米", Decimal(1)),
    "平方米": ("平方米", Decimal(1)),
    "公里": ("米", Decimal(1000)),
    "千米": ("米", Decimal(1000)),
    "延长米": ("延长米", Decimal(1)),
    "厘米": ("米", Decimal("0.01")),
    "毫米": ("米", Decimal("0.001")),
    "千克": ("克", Decimal(1000)),
    "公斤": ("克", Decimal(1000)),
    "毫克": ("克", Decimal("0.001")),
    "微克": ("克", Decimal("0.000001")),
    "吨": ("克", Decimal(10) ** 6),
    "千瓦时": ("瓦时", Decimal(1000)),
    "度": ("瓦时", Decimal(1000)),
}

_MU_FACTOR: Decimal
with localcontext() as _ctx:
    _ctx.prec = 28
    _MU_FACTOR = Decimal(10000) / Decimal(15)  # 1 亩 = 10000/15 m² (inexact beyond 28 digits)
_NAMED["亩"] = ("平方米", _MU_FACTOR)

# Scale prefixes, longest first so 万亿 is not read as 万 + 亿….
PREFIXES: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal(10) ** 12),
    ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
    ("千", Decimal(10) ** 3),
    ("百", Decimal(10) ** 2),
)

# Measure words (量词): counts of things, each its own base unit (5项, 2281个, 3场). One table for the
# package, the target-text parser and the report checker (which reads them after a figure).
COUNTERS: tuple[str, ...] = (
    "人次", "场次", "剂次", "家", "个", "项", "人", "套", "处", "座", "站", "张", "名", "户", "条", "辆",
    "部", "所", "宗", "份", "剂", "场", "批", "组", "根", "件", "间", "村", "乡", "笔", "只", "台",
    "栋", "起", "例", "期", "方面", "棵", "株", "盏", "艘", "架", "次", "架次", "车次", "批次",
)

# Base units the target-text parser recognises after a number (any other base still parses here).
KNOWN_BASES: tuple[str, ...] = tuple(dict.fromkeys((
    "元", "美元", "人民币", "平方米", "米", "人", "人次", "户", "张", "个", "套", "家", "处", "座", "部",
    "项", "所", "条", "站", "名", "场", "场次", "辆", "批", "剂次", "剂", "份", "件", "棵", "株", "吨",
    "标准煤", "吨标准煤", "千瓦时", "度", "瓦时", "公顷", "亩", "公里", "千米", "延长米", "平米",
    "微克/立方米", "毫克/立方米", "立方米", "次", "天", "小时", "分钟", "所学校", "间", "组", "根",
    *COUNTERS,
)))


def _norm(text: str) -> str:
    return "".join(str(text).split())


def parse_unit(text: str) -> Unit:
    """Split a written unit into base and scale: "亿元" → Unit("元", 10^8), "%" → Unit("%", 1).

    Compound units "a/b" parse each side: "微克/立方米" → Unit("克/立方米", 10^-6).
    An empty unit is the pure number ``Unit("", 1)``.
    """
    s = _norm(text)
    if s in _PERCENT:
        return Unit("%", Decimal(1))
    if s in _PP:
        return Unit("pp", Decimal(1))
    if s in _PER_MILLE:
        return Unit("%", Decimal("0.1"))
    if "/" in s:
        num, _, den = s.partition("/")
        if not num or not den or "/" in den:
            raise UnitError(f"unit {text!r} does not parse: use a/b with one slash")
        a, b = parse_unit(num), parse_unit(den)
        with localcontext() as ctx:
            ctx.prec = 28
            return Unit(f"{a.base}/{b.base}", a.factor / b.factor)
    if s in _NAMED:
        base, factor = _NAMED[s]
        return Unit(base, factor)
    for prefix, scale in PREFIXES:
        if s.startswith(prefix):
            rest = parse_unit(s[len(prefix):]) if len(s) > len(prefix) else Unit("", Decimal(1))
            if rest.base in ("%", "pp"):
                break  # "百分点" and friends are handled above; no "万%"
            return Unit(rest.base, scale * rest.factor)
    if any(ch.isdigit() for ch in s):
        raise UnitError(f"unit {text!r} does not parse: a unit has no digits")
    return Unit(s, Decimal(1))


def compatible(a: str | Unit, b: str | Unit) -> bool:
    """Whether values in units ``a`` and ``b`` can be compared after rescaling (same base unit)."""
    ua = a if isinstance(a, Unit) else parse_unit(a)
    ub = b if isinstance(b, Unit) else parse_unit(b)
    return ua.base == ub.base


def convert(value: Decimal, from_unit: str | Unit, to_unit: str | Unit) -> Decimal:
    """Rescale ``value`` from one unit to a compatible one: convert(3640.7, "亿元", "万元") = 36407000.

    Raises ``UnitError`` when the units are of different kinds (亿元 → 平方米).
    """
    uf = from_unit if isinstance(from_unit, Unit) else parse_unit(from_unit)
    ut = to_unit if isinstance(to_unit, Unit) else parse_unit(to_unit)
    if uf.base != ut.base:
        raise UnitError(f"cannot convert {from_unit!s} to {to_unit!s}: {uf.base or 'a number'} is not {ut.base or 'a number'}")
    if uf.factor == ut.factor:
        return value
    with localcontext() as ctx:
        ctx.prec = 34
        return value * uf.factor / ut.factor


def match_unit(text: str) -> str:
    """The longest known unit at the start of ``text`` ("万平方米、腾退" → "万平方米"); "" if none."""
    best = ""
    prefixes = [""] + [p for p, _ in PREFIXES]
    for prefix in prefixes:
        if not text.startswith(prefix):
            continue
        rest = text[len(prefix):]
        for base in KNOWN_BASES + _PERCENT + _PP + tuple(_NAMED):
            if rest.startswith(base) and len(prefix) + len(base) > len(best):
                best = prefix + base
    return best


# English names of base units (after a scale prefix such as 万 or 亿 is split off), for the English
# report, messages and pages. A unit listed here is also used whole when written whole ("万元GDP" is not
# split into 万 + 元GDP). An empty name means the number is written bare ("5" for 5个).
UNIT_NAMES_EN: dict[str, str] = {
    "元": "yuan", "美元": "US dollars", "平方米": "square metres", "公顷": "hectares", "亩": "mu",
    "公里": "km", "千米": "km", "米": "metres", "延长米": "metres", "人": "people", "人次": "person-times",
    "家": "firms", "个": "", "张": "beds", "床": "beds", "套": "units", "处": "sites", "站": "stations",
    "部": "units", "项": "items", "件": "cases", "座": "buildings", "户": "households", "名": "", "剂次": "doses",
    "剂": "doses", "份": "samples", "条": "", "所": "", "辆": "vehicles", "次": "times", "场": "events",
    "场次": "events", "天": "days", "小时": "hours", "吨": "tonnes", "微克/立方米": "μg/m³",
    "吨标准煤/万元": "tonnes of standard coal per 10,000 yuan", "%": "%", "pp": "percentage points",
    "万元GDP": "",
}


def unit_name_en(unit: str) -> str:
    """The English name of a base unit ("平方米" → "square metres"); a unit with no English name is
    returned as written."""
    return UNIT_NAMES_EN.get(unit, unit)


def listed_unit_name_en(unit: str) -> str | None:
    """The English name of ``unit`` if it is listed as it is (not split into scale and base), else None."""
    return UNIT_NAMES_EN.get(unit)
