"""Whose figure it is (the report's own region, the city, the province, the nation) and which indicator.

``scope_of(clause, level)`` reads the region word nearest before a figure in its clause (全区, 我市, 全省,
全国) relative to the report's own level: in a district's report 全区 is its own ("") and 全市 is "city";
in a city's report 全市 is its own. Region words after a comparison (高于全市, 占全市的) name the other side
of a comparison, not the figure's scope.

``canonical(subject)`` is the name partners are matched by: region words taken off and the usual synonyms
made one (地区生产总值 = 生产总值 = GDP; 社会消费品零售额 = 社零额 = 社会消费品零售总额; 规上工业 = 规模以上工业),
then the indicator catalogue's names and variants (``planwatch.catalogue``: 单位GDP能耗 = 万元GDP能耗 =
单位地区生产总值能耗, 新增城镇就业 = 城镇新增就业).
"""

from __future__ import annotations

import re
from functools import lru_cache

from planwatch.catalogue import default as default_catalogue

_SCOPE = re.compile(r"(全|我|本|该)(区|县|市|省|国)|全球|世界")
_COMPARISON = re.compile(r"高于|低于|快于|慢于|高出|超出|领先|落后|相当于|占|比|较|是|为全")
_OWN = {"district": "区县", "city": "市", "province": "省"}
_NAME = {"区": "district", "县": "district", "市": "city", "省": "province", "国": "nation"}

_SYNONYMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(地区)?(生产总值|GDP)$|^地区GDP$|^经济总量$"), "GDP"),
    (re.compile(r"^社会消费品零售(总)?额$|^社零(总)?额$"), "社会消费品零售总额"),
    (re.compile(r"^规上工业"), "规模以上工业"),
    (re.compile(r"^全社会固定资产投资$|^固投$"), "固定资产投资"),
    (re.compile(r"^(城镇)?调查失业率$"), "城镇调查失业率"),
)
_REGION_PREFIX = re.compile(r"^((全|我|本|该)(区|县|市|省|国)|区内|市内|省内|区级|市级|省级|全年|年度|上半年|今年|当年|年末|年底)+")
PURE_REGION = re.compile(r"^((全|我|本|该)(区|县|市|省|国)|全球|世界|区内|市内|省内)(平均水平|平均|水平)?$")
_KEEP_LEVEL = re.compile(r"^(区级|市级|省级)(一般公共预算|财政|税收)")


@lru_cache(maxsize=4096)
def scope_word(clause: str) -> str:
    """The region word of a clause that is the figure's own (not the other side of a comparison)."""
    cut = _COMPARISON.search(clause)
    head = clause[: cut.start()] if cut else clause
    found = ""
    for m in _SCOPE.finditer(head):
        found = m.group()
    return found


def scope_of(word: str, level: str) -> str:
    """"" for the report's own region, else district | city | province | nation | world."""
    if not word:
        return ""
    if word in ("全球", "世界"):
        return "world"
    kind = word[1]
    if word[0] in "我本该" or (level and kind in _OWN.get(level, "")):
        return ""  # 我区, 该区: the text's own region, whatever its level
    return _NAME[kind]


@lru_cache(maxsize=8192)
def canonical(subject: str) -> str:
    s = subject.strip()
    if not _KEEP_LEVEL.match(s):
        s = _REGION_PREFIX.sub("", s) or s
    for pattern, name in _SYNONYMS:
        if pattern.search(s):
            return pattern.sub(name, s) if name == "规模以上工业" else name
    if not _KEEP_LEVEL.match(s):
        m = default_catalogue().match(s)  # the catalogue's variants: 社消零总额, 固定资产投资额, 单位GDP能耗 …
        if m is not None:
            return "GDP" if m.entry.code == "gdp" else m.entry.name
    return s



@lru_cache(maxsize=4096)
def against_scope(obj: str, level: str) -> str | None:
    """The scope a comparison's object names (全市平均水平 → city), or None when it names no region."""
    m = _SCOPE.match(obj.strip())
    if not m:
        return None
    return scope_of(m.group(), level)
