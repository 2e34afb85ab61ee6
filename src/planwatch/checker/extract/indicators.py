"""Which indicator a figure is about: a catalogue indicator, a measured quantity the catalogue does not know, or none.

A figure's indicator is looked for, in order:

1. the reader's subject, whole, in the catalogue (规上工业增加值 → industry_value_added; 区级 kept in the name);
2. catalogue names in the words since the previous figure of the sentence, nearest first, unless a word of
   comparison or share stands before the name (占规模以上工业增加值的比重: the whole, not the subject);
3. catalogue names inside the reader's subject (紧扣全年地区生产总值, 地区生产总值总量);
4. the reader's subject as a new indicator, only when it is a noun phrase of a measured quantity: it ends
   in a quantity word (…额, …量, …值, …收入, …投资, …率, …浓度 …) and holds no fragment of a sentence
   (no digits, months, quarters, 连续, 单月, verbs such as 加快 or 恢复). Durations (连续9个月), counts of
   months and ordinals never name an indicator.

A count of new things (新增国家高新技术企业126家) is not the level of a stock indicator (国家高新技术企业数量).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.catalogue import QUALIFIER, Catalogue, Entry, Match

from ..model import Fact

# words right before a name that make it the other side of a comparison or the whole of a share
_OTHER_SIDE = re.compile(r"(占|比|较|高于|低于|快于|慢于|超过|于|为|(?<![一二三四五六七八九十])是|相当于|达到)[^，。；、]{0,3}$")
# the heads of noun phrases that name a measured quantity
_QUANTITY_HEAD = re.compile(
    r"(额|量|值|总值|收入|支出|投资|产值|增加值|产量|率|比例|比率|人数|面积|浓度|指数|价格|利润|客流|天数|余额|人次|"
    r"营收|业务量|吞吐量|用电量|产出|税收|工资|存款|贷款|能耗|排放|水耗|销量|票房|出口|进口|消费|规模|总数|数量|"
    r"GDP|CPI|PPI)$"
)
# anything that makes a subject a piece of a sentence rather than a name
_FRAGMENT = re.compile(
    r"[\d０-９%％]|[一二三四五六七八九十两]+[个]?月|月份|单月|当月|季度|连续|以来|起|之后|后$|自|截至|"
    r"加快|恢复|回升|回落|实现|保持|完成|增长|下降|提高|降低|分别|其中|预计|扣除|剔除|按|口径|因素|"
    r"第|前[一二三四五六七八九十\d]|位居|居于|居全|居首|排名|首位|年均|平均|同比|比上年|较上年|正增|负增|由负转正|降幅|增幅|增速|"
    r"任务|目标|计划|的|和|与|及|、|等"
)
_STOCK_INCREMENT = re.compile(r"(新增|新认定|新培育|新引进|新设立?|新注册|新建|增加)")
# what may stand right before an indicator's name without changing it: region and time words, verbs, marks
_NAME_MAY_FOLLOW = re.compile(
    r"(全[区市省县国]|[我本该][区市省县]|全体|全年|年度|当年|今年|上半年|前三季度|一季度|区级|市级|省级|县级|地方|"
    r"其中|同时|以及|是|为|和|及|与|在|对|由|从|中|的|了|实现|完成|推动|推进|确保|力争|争取|紧扣|围绕|保持|促进|"
    r"加快|预计|初步核算|累计|全社会|一是|二是|三是|四是|五是|新增|新认定|新培育|新引进|新设|新设立|新注册|新建|增加|"
    r"城市|县城|城区|市区|主城区|中心城区|设区市|辖区|全域)$"  # places: the region's own figure (县城空气质量…)
)
_CONTINUES = re.compile(r"^(总数|总量|数量|总规模|累计|规模|全年)?$")
_TRAILING = re.compile(r"(总量|总规模|预计|初步核算|累计)+$")
MAX_NAME = 14


@dataclass(frozen=True, slots=True)
class Ref:
    """The indicator of a figure: a catalogue entry (or None for a new one), its name, how it was found."""

    entry: Entry | None
    name: str
    how: str  # subject | clause | inside | new | increment (新增… of a stock: no figure of the indicator)

    @property
    def key(self) -> str:
        return self.entry.code if self.entry else f"~{self.name}"


class Resolver:
    def __init__(self, catalogue: Catalogue, text: str) -> None:
        self.catalogue = catalogue
        self.text = text

    def of_fact(self, fact: Fact, since: int, previous: Ref | None = None) -> Ref | None:
        """The indicator ``fact`` is about. ``since``: where the words of its clause begin (the previous
        figure's end); ``previous``: the indicator of the figure before it in the sentence, which a total
        (总数达到1285家) or a clause without a subject of its own continues."""
        subject = fact.subject.strip()
        window = self.text[since : fact.start]
        if _CONTINUES.match(subject) and previous is not None:
            if previous.how == "increment" and previous.entry is not None:  # 新增…85家，总数达到1860家
                return Ref(previous.entry, previous.entry.name, "subject")
            return previous
        near = self.nearest(window) if fact.group < 0 else None  # a 分别 list pairs its own names
        m = self._whole(subject)
        if m is not None and not (near and len(near[1]) > len(m.written) and m.written in near[1]):
            return self._checked(Ref(m.entry, m.display_name, "subject"), window)
        if near is not None:
            start, _written, entry = near
            return self._checked(Ref(entry, _named(window[:start], entry), "clause"), window)
        for start, _end, entry in reversed(self.catalogue.find(subject)):
            if "占" in subject:
                break
            if _modified(subject[:start]):
                continue
            return self._checked(Ref(entry, entry.name, "inside"), window)
        name = new_indicator_name(subject)
        if name:
            return Ref(None, name, "new")
        if previous is not None and fact.kind in ("growth", "pp_change"):
            return previous  # 按自然口径下降3.8%: a growth of the figure before, its clause naming no indicator
        return None

    def nearest(self, window: str) -> tuple[int, str, Entry] | None:
        """The catalogue name nearest the figure in its clause, not the other side of a comparison."""
        for start, end, entry in reversed(self.catalogue.find(window)):
            if not _OTHER_SIDE.search(window[max(0, start - 6) : start]) and not _modified(window[:start]):
                return start, window[start:end], entry
        return None

    def _whole(self, subject: str) -> Match | None:
        m = self.catalogue.match(subject)
        if m is None and _TRAILING.search(subject):
            m = self.catalogue.match(_TRAILING.sub("", subject))
        return m

    @staticmethod
    def _checked(ref: Ref, window: str) -> Ref | None:
        entry = ref.entry
        if entry is not None and entry.aggregation == "point" and _STOCK_INCREMENT.search(window):
            return Ref(entry, ref.name, "increment")  # 新增国家高新技术企业85家: an increment, not the stock
        return ref

    def names_in(self, clause: str) -> list[tuple[int, Entry]]:
        """Catalogue indicators named in a clause, in order, with names sharing a head expanded
        (单位地区生产总值能耗和二氧化碳排放 → energy_per_gdp, co2_per_gdp)."""
        found = [(s, e) for s, _end, e in self.catalogue.find(clause) if not _OTHER_SIDE.search(clause[max(0, s - 4) : s])]
        for _start, end, entry in self.catalogue.find(clause):
            tail = re.match(r"(和|、|及|与)([\u4e00-\u9fffA-Za-z0-9.]{2,12})", clause[end:])
            shared = self._shared_head(entry, tail.group(2)) if tail else None
            if shared is not None:
                found.append((end + 1, shared))
        seen: set[str] = set()
        out = []
        for pos, entry in sorted(found, key=lambda x: x[0]):
            if entry.code not in seen:
                seen.add(entry.code)
                out.append((pos, entry))
        return out

    def _shared_head(self, entry: Entry, word: str) -> Entry | None:
        """The indicator named by ``entry``'s head and ``word`` (单位地区生产总值 + 二氧化碳排放), if any."""
        for name in entry.names:
            for k in range(1, len(name)):
                for cut in range(len(word), 1, -1):
                    m = self.catalogue.match(name[:k] + word[:cut])
                    if m is not None and m.entry is not entry:
                        return m.entry
        return None

def _modified(before: str) -> bool:
    """A noun written right before a catalogue name makes it another indicator: 工业用电量 is not 用电量."""
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z]$", before)) and not _NAME_MAY_FOLLOW.search(before)


def _named(before: str, entry: Entry) -> str:
    """区级 written just before the name stays in the indicator's name (区级一般公共预算收入)."""
    m = re.search(r"(区级|市级|省级|县级)$", before)
    return f"{m.group()}{entry.name}" if m else entry.name


def new_indicator_name(subject: str) -> str:
    """The name of an indicator the catalogue does not know, or "" when the subject is no measured quantity."""
    s = QUALIFIER.sub("", re.sub(r"\s", "", subject))
    s = re.sub(r"^(全社会|全口径|国家级)?", lambda m: m.group(), s)
    if not 2 <= len(s) <= MAX_NAME or _FRAGMENT.search(s) or not _QUANTITY_HEAD.search(s):
        return ""
    if re.match(r"^(新增|新建|新开工|新设|新注册|建成|完成)", s):
        return ""  # a count of things done: progress of a task, not a statistical indicator
    return s
