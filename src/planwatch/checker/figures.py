"""Figures in a sentence: numerals with units, fractions, 百分之…, ranks; names and dates left out.

A figure is a numeral with a unit (3640.7亿元, 13.5%, 1.6个百分点, 7300余延长米, 约7成, 1/10, 第11名
after 排名). Numerals without a unit (2021年, 28号线, 5G, 12345热线), ordinals (第四使馆区) and numerals
inside quotation or book-title marks (“十四五”) are not figures.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .document import Document, Sentence
from .model import RawFigure
from .numbers import ARABIC, CHINESE, NumeralError, decimals_written, parse_numeral
from .units import SCALES, UNIT_WORDS, base_unit, is_counter

_UNITS = "|".join(re.escape(u) for u in UNIT_WORDS)
FIGURE_RE = re.compile(
    rf"(?P<sign>(?<=增长|增速|增幅|下降)[-−－])?(?P<num>{ARABIC}|{CHINESE})\s?(?P<scale>万亿|亿|万|千(?![米瓦克伏]))?(?P<between>余|多)?\s?"
    rf"(?P<unit>%|％|个百分点|百分点|成(?![为员果立交本功绩熟效长就都])|个工作日|{_UNITS})"
)
FRACTION_RE = re.compile(rf"(?<![\d/.])(?P<a>\d+)/(?P<b>\d+)(?![\d/.])|(?P<cb>{CHINESE})分之(?P<ca>{CHINESE})")
PERCENT_CN_RE = re.compile(rf"百分之(?P<num>{ARABIC}|{CHINESE})")
RANK_RE = re.compile(rf"(排名|名列|位列|位居)[^，。；、]{{0,6}}?第(?P<num>{ARABIC}|{CHINESE})(?P<unit>名|位)")

# a unit word is not a unit when the next character makes it a longer word (个体, 项目, 处理 …)
NOT_BEFORE = {
    "个": "体性别", "项": "目", "人": "民才员口数群均", "名": "单额称列", "家": "庭族居乡园长具电",
    "站": "点在式位", "处": "理于置长室", "条": "件例款线", "部": "门分署长委队", "间": "隔",
    "组": "织建成团", "期": "间限待", "场": "所馆地景", "乡": "村镇级", "村": "民级庄委",
    "份": "额", "起": "来步草", "所": "有在属得以", "户": "籍外口", "元": "素旦宵年", "剂": "量型",
    "批": "准复", "根": "据本", "台": "湖账阶", "只": "有是要能", "米": "线",
}
GAP_IN_LIST = re.compile(r"^\s*[、和及与,]\s*(约|近|超|超过)?\s*$")


def raw_figures(doc: Document, sent: Sentence) -> list[RawFigure]:
    text = doc.text
    seg = text[sent.start : sent.end]
    out: list[RawFigure] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in RANK_RE.finditer(seg):
        a, b = sent.start + m.start("num"), sent.start + m.end("unit")
        if doc.is_masked(a):
            continue
        out.append(RawFigure(a, b, parse_numeral(m.group("num")), 0, Decimal(1), "名", "", "rank", True))
        taken.append((a - 1, b))
    for m in FRACTION_RE.finditer(seg):
        a, b = sent.start + m.start(), sent.start + m.end()
        if doc.is_masked(a) or not free(a, b) or _letter_next(text, a, b):
            continue
        try:
            num = parse_numeral(m.group("a") or m.group("ca"))
            den = parse_numeral(m.group("b") or m.group("cb"))
        except NumeralError:
            continue
        if den == 0 or num > den:
            continue
        out.append(RawFigure(a, b, Decimal(100) * num / den, 0, Decimal(1), "%", "", "fraction", True))
        taken.append((a, b))
    for m in PERCENT_CN_RE.finditer(seg):
        a, b = sent.start + m.start(), sent.start + m.end()
        if doc.is_masked(a) or not free(a, b):
            continue
        try:
            val = parse_numeral(m.group("num"))
        except NumeralError:
            continue
        out.append(RawFigure(a, b, val, decimals_written(m.group("num")), Decimal(1), "%", "", "pct", False))
        taken.append((a, b))
    for m in FIGURE_RE.finditer(seg):
        a, b = sent.start + m.start(), sent.start + m.end()
        num_text, unit = m.group("num"), m.group("unit")
        if not free(a, b) or doc.is_masked(a) or _excluded(text, a, b, num_text, unit, m.group("scale") or ""):
            continue
        try:
            val = parse_numeral(num_text)
        except NumeralError:
            continue
        if m.group("sign"):  # 同比增长-2.1%
            val = -val
        out.append(_make_raw(a, b, val, num_text, m.group("scale") or "", m.group("between") or "", unit))
        taken.append((a, b))
    out.sort(key=lambda r: r.start)
    return out


def _letter_next(text: str, a: int, b: int) -> bool:
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    return bool(re.match(r"[A-Za-z0-9.]", before) or re.match(r"[A-Za-z]", after))


def _excluded(text: str, a: int, b: int, num_text: str, unit: str, scale: str = "") -> bool:
    if text[a] in "-−－":
        return False  # a signed growth figure, already checked by the pattern
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    if re.match(r"[A-Za-z0-9.\-~～/+]", before) or (num_text == "一" and not scale and is_counter(unit)):
        return True  # 一批, 一站式: a single 一 before a measure word is rarely a count
    if before == "第" or (before == "前" and unit == "名"):
        return True
    if unit == "期" and not num_text[0].isdigit():
        return True  # 一期 / 二期: phases of a project
    return after != "" and after in NOT_BEFORE.get(unit, "")


def _make_raw(a: int, b: int, val: Decimal, num_text: str, scale_word: str, between: str, unit: str) -> RawFigure:
    decimals = decimals_written(num_text)
    if unit in ("%", "％"):
        return RawFigure(a, b, val, decimals, Decimal(1), "%", between, "pct", False)
    if unit in ("个百分点", "百分点"):
        return RawFigure(a, b, val, decimals, Decimal(1), "pp", between, "pp", False)
    if unit == "成":
        return RawFigure(a, b, val, decimals, Decimal(10), "%", between, "pct", False)
    if unit == "个工作日":
        unit = "工作日"
    scale = SCALES.get(scale_word, Decimal(1))
    exact = is_counter(unit) and scale == 1 and decimals == 0
    return RawFigure(a, b, val, decimals, scale, base_unit(unit), between, "", exact)


