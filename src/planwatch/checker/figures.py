"""Figures in a report: numerals with units, ranges, 倍, fractions, 百分之…, ranks, durations, structure ratios.

A figure is a numeral with a unit (3640.7亿元, 13.5%, 1.6个百分点, 7300余延长米, 约7成, 1/10, 增长2.3倍,
力争增长5%-5.5%, 投资3-5亿元, 召开15次会议, 连续6个月, 居全市第三, 排名前五, 0.3∶12.5∶87.2), or a
numeral with 万/亿 and no unit (参观人数突破36.5万), whose unit the reader takes from the subject.
Numerals without a unit (2021年, 28号线, 5G, 12345热线), ordinals (第四使馆区), numerals inside quotation or
book-title marks (“十四五”), names with a numeral (零部件, 二次供水, 三次产业) and digit runs that cannot be
read cleanly (12,34亿元: a warning instead) are not figures.

``all_raw_figures(doc)`` reads the whole (normalised) text once, pattern by pattern, in an order in which
an earlier pattern's figure keeps its place (a rank before a count, a fraction before a percentage).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from decimal import Decimal

from .document import Document
from .model import RawFigure
from .numbers import ARABIC, BARE_CHINESE, CHINESE, NumeralError, decimals_written, parse_numeral
from .units import SCALES, UNIT_WORDS, base_unit, is_counter

_UNITS = "|".join(re.escape(u) for u in UNIT_WORDS)
_NUM = rf"{ARABIC}|{CHINESE}|(?<=[超近逾过破上]){BARE_CHINESE}|{BARE_CHINESE}(?=[余多])|(?<=[超近逾破])万"
_SCALE = r"万亿|亿|万|千(?![米瓦克伏])"
_FIRST = "[-−0-9零〇一二两三四五六七八九十百千万]"  # a leading look-ahead lets the engine skip to candidates fast
FIGURE_RE = re.compile(
    rf"(?={_FIRST})(?P<sign>(?<=增长|增速|增幅|下降)[-−])?(?P<num>{_NUM})"
    rf"(?:\s?(?P<unit1>%|倍)?\s?(?P<dash>[-~～—–]|至)\s?(?P<num2>{ARABIC}|{CHINESE}))?"
    rf"\s?(?P<scale>{_SCALE})?(?P<between>余|多)?\s?"
    rf"(?P<unit>%|个百分点|百分点|成(?![为员果立交本功绩熟效长就都])|个工作日|倍|{_UNITS})"
)
# 万 or 亿 with no unit after it: 参观人数突破36.5万，
BARE_SCALE_RE = re.compile(
    rf"(?={_FIRST})(?P<num>{ARABIC}|{CHINESE})(?P<scale>万亿|亿|万)(?P<between>余|多)?(?=以上|左右|[，,。；;、）)：:\s]|$)"
)
FRACTION_RE = re.compile(
    rf"(?=[0-9零〇一二两三四五六七八九十])(?:(?<![\d/.])(?P<a>\d+)/(?P<b>\d+)(?![\d/.])|(?P<cb>{CHINESE})分之(?P<ca>{CHINESE}))"
)
PERCENT_CN_RE = re.compile(rf"百分之(?P<num>{ARABIC}|{CHINESE})")
_RANK_VERB = r"排名|名列|位列|位居|居于|排在|排列|位于|进入|居(?![民住家委然中多室所])"
RANK_RE = re.compile(
    rf"(?:{_RANK_VERB})(?P<mid>[^，。；、,;\d]{{0,8}}?)"
    rf"(?:第(?P<num>{ARABIC}|{CHINESE})(?P<unit>名|位)?|(?P<first>首位|榜首)|前(?P<top>{ARABIC}|{CHINESE})(?P<unit2>名|位)?)"
)
# 四大产业 after an enumeration (数字经济、生物医药、高端装备、现代金融等四大产业): a count of the items
ENUM_BIG_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?P<num>[两二三四五六七八九十])大(?=[\u4e00-\u9fff])")
_ENUM_BEFORE = re.compile(r"[^，。；：:,;\n]{0,80}$")
TIMES_RE = re.compile(r"翻了?(?P<n>一|两|二|三)?番")
DURATION_RE = re.compile(rf"(?<=连续|持续)(?P<num>{ARABIC}|{CHINESE})(?P<unit>年|个月|个季度|天|周)")
_SEP = r"\s?[∶:：]\s?"
STRUCTURE_RE = re.compile(
    rf"(?:结构|比例|比重|之比|调整为|调整到|优化为|变为)[^，。；\d]{{0,6}}?(?P<a>\d+(?:\.\d+)?){_SEP}(?P<b>\d+(?:\.\d+)?){_SEP}(?P<c>\d+(?:\.\d+)?)(?![\d∶:：])"
)

# a unit word is not a unit when the next character makes it a longer word (个体, 项目, 处理 …)
NOT_BEFORE = {
    "个": "体性别", "项": "目", "人": "民才员口数群均", "名": "单额称列", "家": "庭族居乡园长具电",
    "站": "点在式位", "处": "理于置长室", "条": "件例款线", "部": "门分署长委队件", "间": "隔",
    "组": "织建成团", "期": "间限待", "场": "所馆地景", "乡": "村镇级", "村": "民级庄委",
    "份": "额", "起": "来步草", "所": "有在属得以", "户": "籍外口", "元": "素旦宵年", "剂": "量型",
    "批": "准复", "根": "据本", "台": "湖账阶", "只": "有是要能", "米": "线", "次": "年日序要数级性生产元贷",
    "倍": "增",
}
GAP_IN_LIST = re.compile(r"^\s*[、和及与,]\s*(约|近|超|超过)?\s*$")
_TIMES_VALUE = {None: 1, "一": 1, "两": 2, "二": 2, "三": 3}


class _Taken:
    """Spans already read, sorted: a later pattern's figure must not overlap them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def free(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.spans, (a, a))
        if i < len(self.spans) and self.spans[i][0] < b:
            return False
        return not (i > 0 and self.spans[i - 1][1] > a)

    def add(self, a: int, b: int) -> None:
        bisect.insort(self.spans, (a, b))


def all_raw_figures(doc: Document) -> list[RawFigure]:
    text = doc.norm
    out: list[RawFigure] = []
    taken = _Taken([*doc.unreadable, *doc.table_spans])

    def keep(r: RawFigure, a: int, b: int) -> None:
        out.append(r)
        taken.add(a, b)

    for m in RANK_RE.finditer(text):
        a = m.start("num") if m.group("num") else m.start("first") if m.group("first") else m.start("top")
        b = m.end()
        if doc.is_masked(a) or not taken.free(a, b):
            continue
        if m.group("first"):
            keep(RawFigure(a, b, Decimal(1), 0, Decimal(1), "名", "", "rank", True, written_unit="名"), a, b)
            continue
        try:
            val = parse_numeral(m.group("num") or m.group("top"))
        except NumeralError:
            continue
        hint = "rank" if m.group("num") else "rank_le"
        keep(RawFigure(a, b, val, 0, Decimal(1), "名", "", hint, True, written_unit="名"), a - 1, b)
    for m in DURATION_RE.finditer(text):
        a, b = m.start(), m.end()
        if doc.is_masked(a) or not taken.free(a, b):
            continue
        try:
            val = parse_numeral(m.group("num"))
        except NumeralError:
            continue
        unit = {"个月": "月", "个季度": "季度"}.get(m.group("unit"), m.group("unit"))
        keep(RawFigure(a, b, val, 0, Decimal(1), unit, "", "", True, written_unit=unit), a, b)
    for m in STRUCTURE_RE.finditer(text):
        if doc.is_masked(m.start("a")):
            continue
        group = m.start("a")
        for name in "abc":
            a, b = m.start(name), m.end(name)
            if taken.free(a, b):
                w = Decimal(m.group(name))
                keep(RawFigure(a, b, w, decimals_written(m.group(name)), Decimal(1), "%", "", "structure", False,
                               written_unit="%", group=group), a, b)
    for m in FRACTION_RE.finditer(text):
        a, b = m.start(), m.end()
        if doc.is_masked(a) or not taken.free(a, b) or _letter_next(text, a, b):
            continue
        try:
            num = parse_numeral(m.group("a") or m.group("ca"))
            den = parse_numeral(m.group("b") or m.group("cb"))
        except NumeralError:
            continue
        if den == 0 or num > den:
            continue
        keep(RawFigure(a, b, Decimal(100) * num / den, 0, Decimal(1), "%", "", "fraction", True, written_unit="%"), a, b)
    for m in PERCENT_CN_RE.finditer(text):
        a, b = m.start(), m.end()
        if doc.is_masked(a) or not taken.free(a, b):
            continue
        try:
            val = parse_numeral(m.group("num"))
        except NumeralError:
            continue
        keep(RawFigure(a, b, val, decimals_written(m.group("num")), Decimal(1), "%", "", "pct", False,
                       written_unit="%"), a, b)
    for m in TIMES_RE.finditer(text):
        a, b = m.start(), m.end()
        if doc.is_masked(a) or not taken.free(a, b):
            continue
        n = _TIMES_VALUE[m.group("n")]
        keep(RawFigure(a, b, Decimal(2**n - 1), 0, Decimal(100), "%", "", "times", True, written_unit="番"), a, b)
    for m in ENUM_BIG_RE.finditer(text):
        a, b = m.start(), m.end()
        clause = _ENUM_BEFORE.search(text, max(0, a - 80), a)
        if doc.is_masked(a) or not taken.free(a, b) or not clause or "、" not in clause.group():
            continue
        val = parse_numeral(m.group("num"))
        keep(RawFigure(a, b, val, 0, Decimal(1), "个", "", "", True, written_unit="大"), a, b)
    for m in FIGURE_RE.finditer(text):
        a, b = m.start(), m.end()
        num_text, unit = m.group("num"), m.group("unit")
        scale = m.group("scale") or ""
        if not taken.free(a, b) or doc.is_masked(a) or _excluded(text, a, b, num_text, unit, scale):
            continue
        raw = _figure(m, a, b)
        if raw is not None:
            keep(raw, a, b)
    for r in list(out):  # 分别高0.7、1.4个百分点: the numerals before a figure in a list share its unit
        _shared_unit(doc, r, out, taken)
    for m in BARE_SCALE_RE.finditer(text):
        a, b = m.start(), m.end()
        if not taken.free(a, b) or doc.is_masked(a) or _excluded(text, a, b, m.group("num"), "", m.group("scale")):
            continue
        try:
            val = parse_numeral(m.group("num"))
        except NumeralError:
            continue
        keep(RawFigure(a, b, val, decimals_written(m.group("num")), SCALES[m.group("scale")], "",
                       m.group("between") or "", "bare", False, written_unit=m.group("scale")), a, b)
    out.sort(key=lambda r: r.start)
    return out


_LIST_MARKS = frozenset("、和及与")
_LIST_BEFORE = re.compile(r"(?<![\d.A-Za-z第])(?P<num>\d+(?:\.\d+)?)\s?[、和及与]\s?$")


def _shared_unit(doc: Document, r: RawFigure, out: list[RawFigure], taken: _Taken) -> None:
    if r.kind_hint not in ("pct", "pp", "") or r.high is not None or (r.exact and r.scale == 1 and not r.unit):
        return
    text = doc.norm
    end = r.start
    if end < 2 or (text[end - 1] not in _LIST_MARKS and text[end - 2] not in _LIST_MARKS):
        return
    while True:
        m = _LIST_BEFORE.search(text, max(0, end - 24), end)
        if not m or doc.is_masked(m.start()) or not taken.free(m.start("num"), m.end("num")):
            return
        a, b = m.start("num"), m.end("num")
        try:
            val = parse_numeral(m.group("num"))
        except NumeralError:
            return
        raw = RawFigure(a, b, val, decimals_written(m.group("num")), r.scale, r.unit, "", r.kind_hint,
                        r.exact and "." not in m.group("num"), written_unit=r.written_unit)
        out.append(raw)
        taken.add(a, b)
        end = a


def _figure(m: re.Match[str], a: int, b: int) -> RawFigure | None:
    num_text, unit = m.group("num"), m.group("unit")
    try:
        val = parse_numeral(num_text)
        high = parse_numeral(m.group("num2")) if m.group("num2") else None
    except NumeralError:
        return None
    if m.group("unit1") and m.group("unit1") != ("%" if unit in ("%",) else unit):
        return None  # 5%-5.5个百分点: not one range
    if high is not None and high <= val:
        return None  # 2021-2019, 5-3: not a range
    if m.group("sign"):  # 同比增长-2.1%
        val = -val
    raw = _make_raw(a, b, val, num_text, m.group("scale") or "", m.group("between") or "", unit)
    if high is not None:
        raw.high = high
        raw.decimals = max(raw.decimals, decimals_written(m.group("num2")))
        raw.exact = False
    return raw


def _letter_next(text: str, a: int, b: int) -> bool:
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    return bool(re.match(r"[A-Za-z0-9.]", before) or re.match(r"[A-Za-z]", after))


_GROWS = re.compile(r"(增长|增加|提高|提升|扩大)$")  # 增长一倍: a lone 一 before 倍 that is a figure
_SESSION = re.compile(r"届|人大$|政协$|常委会$|党代会$")
_NOT_A_NUMBER_BEFORE_CHARS = frozenset("0123456789.-~～/+")


def _excluded(text: str, a: int, b: int, num_text: str, unit: str, scale: str = "") -> bool:
    if text[a] in "-−":
        return False  # a signed growth figure, already checked by the pattern
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    if (before and (before in _NOT_A_NUMBER_BEFORE_CHARS or (before.isascii() and before.isalpha()))) or (
        num_text == "一" and not scale and (is_counter(unit) or (unit == "倍" and not _GROWS.search(text, max(0, a - 4), a)))
    ):
        return True  # 一批, 一站式: a single 一 before a measure word is rarely a count
    if before == "第" or (before == "前" and unit == "名"):
        return True
    if num_text.strip("零〇") == "" or (num_text == "二" and unit == "次"):
        return True  # 零部件, 零售; 二次供水
    if unit == "次" and _SESSION.search(text[max(0, a - 8) : a]):
        return True  # 区十六届人大七次会议: the seventh session, not seven meetings
    if unit == "期" and not num_text[0].isdigit():
        return True  # 一期 / 二期: phases of a project
    return after != "" and after in NOT_BEFORE.get(unit, "")


def _make_raw(a: int, b: int, val: Decimal, num_text: str, scale_word: str, between: str, unit: str) -> RawFigure:
    decimals = decimals_written(num_text)
    if unit == "%":
        return RawFigure(a, b, val, decimals, Decimal(1), "%", between, "pct", False, written_unit="%")
    if unit in ("个百分点", "百分点"):
        return RawFigure(a, b, val, decimals, Decimal(1), "pp", between, "pp", False, written_unit="个百分点")
    if unit == "成":
        return RawFigure(a, b, val, decimals, Decimal(10), "%", between, "pct", False, written_unit="成")
    if unit == "倍":
        return RawFigure(a, b, val, decimals, Decimal(100), "%", between, "times", False, written_unit="倍")
    if unit == "个工作日":
        unit = "工作日"
    scale = SCALES.get(scale_word, Decimal(1))
    exact = is_counter(unit) and scale == 1 and decimals == 0
    return RawFigure(a, b, val, decimals, scale, base_unit(unit), between, "", exact, written_unit=scale_word + unit)


def in_span(raws: list[RawFigure], starts: list[int], lo: int, hi: int) -> Iterator[RawFigure]:
    """The figures that start in [lo, hi); ``starts`` is the sorted list of their starts."""
    i = bisect.bisect_left(starts, lo)
    while i < len(raws) and raws[i].start < hi:
        yield raws[i]
        i += 1
