"""Messages of checks, Chinese first and English, one template per relation and status.

Figures are written by ``planwatch.core.wording``, as the report and the pages write them: growth by its sign
(两年平均下降0.5% / down 0.5%), differences of rates in percentage points (提高1.2个百分点 / up 1.2 percentage
points), amounts in their unit (English unit names from the core's unit table: 312.5亿元 → 31.25 billion
yuan), periods in words (2019年上半年 / the first half of 2019). The subject of a message is a noun phrase
(GDP, 区级一般公共预算收入, 城镇调查失业率), never a verb (高于, 完成): ``noun_phrase`` takes leading and
trailing verbs, adverbs and basis words off the reader's subject; a check with no subject left says 该数据 /
the figure.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from planwatch.core import wording
from planwatch.core.figures import Figure

if TYPE_CHECKING:
    from .checks import Check
    from .normalize import NumberWarning

STATUS = {
    "zh": {"consistent": "一致", "inconsistent": "不一致"},
    "en": {"consistent": "consistent", "inconsistent": "inconsistent"},
}

TEMPLATES: dict[str, dict[str, str]] = {
    "avg_annual": {
        "zh": "{subject}{years}年平均{stated_g}，由比{base}{base_g}推算应为{expected_g}",
        "en": "{subject}: {stated_g} a year on average over {years} years; {base_g} against {base} implies {expected_g}",
    },
    "middle_year": {
        "zh": "{subject}比{base}{stated_g}，由同比增速与{middle}增速推算应为{expected_g}",
        "en": "{subject}: {stated_g} against {base}; the yoy growth and the growth of {middle} imply {expected_g}",
    },
    "rate_count": {
        "zh": "{subject}{stated}%，由{part}/{total}计算应为{expected}%",
        "en": "{subject} {stated}%; {part} out of {total} gives {expected}%",
    },
    "share_parts": {
        "zh": "{subject}占比{stated}%，由{part}/{whole}计算应为{expected}%",
        "en": "{subject}: share {stated}%; {part} of {whole} gives {expected}%",
    },
    "pp_rates": {
        "zh": "{subject}{stated_pp}，由{previous}到{current}应为{expected_pp}",
        "en": "{subject}: {stated_pp}; from {previous} to {current} is {expected_pp}",
    },
    "rate_growth": {
        "zh": "{subject}{stated_g}，由{previous}到{current}计算应为{expected_g}（相差{points}个百分点）",
        "en": "{subject}: {stated_g}; from {previous} to {current} is {expected_g} ({points} percentage points)",
    },
    "points_for_percent": {
        "zh": "{subject}{stated_g}，由{previous}到{current}是相差{points}个百分点、{expected_g}，疑将百分点写作百分比",
        "en": "{subject}: {stated_g}; from {previous} to {current} is {points} percentage points, {expected_g}: points written as percent?",
    },
    "growth_levels": {
        "zh": "{subject}{stated_g}，由{previous}到{current}计算应为{expected_g}",
        "en": "{subject}: {stated_g}; from {previous} to {current} is {expected_g}",
    },
    "parts_total": {
        "zh": "{subject}合计{stated_text}，分项{parts}之和为{expected_a}",
        "en": "{subject}: total {stated_a}; the parts {parts} add up to {expected_a}",
    },
    "parts_within": {
        "zh": "{subject}{stated_text}，其中分项{parts}之和为{expected_a}，应不超过总数",
        "en": "{subject}: {stated_a}, of which the parts {parts} add up to {expected_a}, which must not exceed it",
    },
    "task_share": {
        "zh": "{subject}完成全年任务的{stated}%，由{done}/{target}计算应为{expected}%",
        "en": "{subject}: {stated}% of the year's task; {done} of the target {target} is {expected}%",
    },
    "repeat": {
        "zh": "{subject}此处为{stated_text}，第{first_line}行为{first}，同一数据应为{expected_a}",
        "en": "{subject}: {stated_a} here and {first} on line {first_line}; the same figure should read {expected_a}",
    },
    "list_pairs": {
        "zh": "{subject}共{expected}项，“分别”后的数据有{stated}个（{figures}），数目不符",
        "en": "{subject}: {expected} subjects but {stated} figures ({figures}) after 分别 (respectively)",
    },
    "enum_count": {
        "zh": "{subject}列举了{items}项（{names}），所述数量为{stated}",
        "en": "{subject}: {items} named ({names}); the count stated is {stated}",
    },
    "structure": {
        "zh": "{subject}{ratio}之和为{total}，应为100（末项应为{expected}）",
        "en": "{subject}: {ratio} adds up to {total}, not 100 (the last part would be {expected})",
    },
    "share_bound": {
        "zh": "{subject}{stated}%超过100%",
        "en": "{subject}: {stated}% is above 100%",
    },
    "target_met": {
        "zh": "{subject}{stated_g}，目标为{target_g}，报告称“{claim}”",
        "en": "{subject}: {stated_g} against a target of {target_g}; the report says {claim}",
    },
    "pp_gap": {
        "zh": "{subject}{stated_gap}，由{own}与{other}计算应为{expected_gap}",
        "en": "{subject}: {stated_gap}; {own} against {other} gives {expected_gap}",
    },
    "pp_period": {
        "zh": "{subject}增速较{base}{stated_pp}，由{previous}到{current}应为{expected_pp}",
        "en": "{subject}: growth {stated_pp} against {base}; from {previous} to {current} is {expected_pp}",
    },
}

_CLAIM = {
    "zh": {"met": "完成", "within": "控制在目标以内", "not": "未完成", "above": "超过目标", "below": "低于目标"},
    "en": {"met": "the target is met", "within": "it is within the target", "not": "the target is missed",
           "above": "it is above the target", "below": "it is below the target"},
}
_TARGET_BOUND = {"zh": {"approx": "左右", "le": "以内", "ge": "以上", "gt": "以上", "lt": "以内"},
                 "en": {"approx": " or so", "le": " at most", "ge": " at least", "gt": " at least", "lt": " at most"}}
_PARTS = {"H1": "上半年", "H2": "下半年", "Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度",
          "Q1-Q3": "前三季度", "": ""}
_YEARS_ZH = {"2": "两", "3": "三", "4": "四", "5": "五"}
_LEAD = re.compile(
    r"^(?:完成|实现|达到|达|高于|低于|快于|慢于|增长|下降|提高|提升|同比|较|比|占|累计|共计|共|已|为|是|其中|仅|"
    r"全年|上半年|今年|我区|我市|我省|全区|全市|全省|，|、|\s)+"
)
_TAIL = re.compile(r"(?:增长|下降|完成|实现|达到|为|是|的|占|增速|增幅|分别|同比|较|比|高于|低于)+$")
_CORE_PERIOD = re.compile(r"^\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")  # what core.periods parses
_FIGURE_TEXT = re.compile(r"^(?P<num>-?\d+(?:\.\d+)?)(?P<unit>\D*)$")


class _Words(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


def noun_phrase(subject: str) -> str:
    """增速高于 → ""; 上半年GDP实现 → GDP; 区级一般公共预算收入 stays; 滞后 拆除违法建设 (cells) → 拆除违法建设."""
    subject = subject.split()[-1] if subject.split() else ""
    s = _TAIL.sub("", _LEAD.sub("", subject))
    if len(s) >= 2 or (s.isascii() and s):
        return s
    if _LEAD.fullmatch(subject) or _TAIL.fullmatch(subject):
        return ""
    return subject  # 完成率: a noun that starts with a verb


def period_zh(period: str, in_year: bool = False) -> str:
    """2019H1 → 2019年上半年; 2020 → 2020年; 2023M1-M5 → 2023年1-5月; 2023-05 → 2023年5月; ``in_year``: 一季度."""
    year, part = period[:4], period[4:]
    if not year.isdigit():
        return period
    head = "" if in_year else f"{year}年"
    if part.startswith("M1-M"):
        return f"{head}1-{part[4:]}月"
    if _CORE_PERIOD.match(period):
        return wording.period_zh(period, in_year=int(year) if in_year else None)
    return f"{head}{_PARTS.get(part, part)}"


def period_en(period: str) -> str:
    """2019H1 → the first half of 2019; 2023M1-M5 → January–May 2023; 2021Q1-Q3 → Q1–Q3 2021."""
    year, part = period[:4], period[4:]
    if not year.isdigit():
        return period
    if part.startswith("M1-M"):
        return wording.period_en(f"{year}-{int(part[4:]):02d}", cumulative=True)
    if _CORE_PERIOD.match(period):
        return wording.period_en(period)
    return f"Q1–Q3 {year}" if part == "Q1-Q3" else period


def _decimals(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _fig(value: Decimal, unit: str, decimals: int | None = None) -> Figure:
    return Figure(value, unit, _decimals(value) if decimals is None else decimals, "computation")


def _growth(value: Decimal, lang: str, decimals: int | None = None) -> str:
    f = _fig(value, "%", decimals)
    return wording.growth_zh(f) if lang == "zh" else wording.growth_en(f)


def _pp(value: Decimal, lang: str, decimals: int | None = None) -> str:
    f = _fig(value, "pp", decimals)
    return wording.pp_zh(f) if lang == "zh" else wording.pp_en(f)


def _amount(value: Decimal, unit: str, lang: str, decimals: int | None = None) -> str:
    f = _fig(value, unit, decimals)
    if lang == "zh":
        return f"{wording.plain(f.rounded)}{unit}"
    return wording.amount_en(f)


def _text_en(text: str) -> str:
    """A figure as the report wrote it (312.5亿元) in English words (31.25 billion yuan); unchanged if odd."""
    m = _FIGURE_TEXT.match(text.replace(",", "").replace(" ", ""))
    if not m:
        return text
    try:
        value = Decimal(m.group("num"))
    except InvalidOperation:
        return text
    unit = m.group("unit").replace("余", "").replace("多", "")
    if unit in ("倍", "成", "番"):
        return text
    return wording.amount_en(_fig(value, unit))


_AGAINST_EN = (("全国", "the nation"), ("全省", "the province"), ("全市", "the city"), ("全区", "the district"),
               ("全县", "the county"))


def _against_en(against: str) -> str:
    for zh, en in _AGAINST_EN:
        if against.startswith(zh):
            return f"{en}'s average" if "平均" in against else en
    return against


def _gap(value: Decimal, against: str, lang: str, decimals: int) -> str:
    size = wording.plain(abs(_fig(value, "pp", decimals).rounded))
    if lang == "zh":
        return f"{'高于' if value >= 0 else '低于'}{against}{size}个百分点"
    return f"{size} percentage points {'above' if value >= 0 else 'below'} {_against_en(against)}"


def _words(check: Check, lang: str) -> _Words:
    w = _Words(check.detail)
    dec = _decimals(check.stated)
    unit_text = str(w.get("unit_text", ""))
    stated_text = str(w.get("stated_text", ""))
    for key in ("base", "middle"):
        if key in w:
            period = str(w[key])
            same_year = check.relation == "pp_period"  # 较一季度: an earlier part of the same year
            w[key] = period_zh(period, same_year) if lang == "zh" else period_en(period)
    if lang == "zh" and "years" in w:
        w["years"] = _YEARS_ZH.get(str(w["years"]), w["years"])
    if unit_text in ("倍", "番"):
        ratio = bool(check.detail.get("ratio"))
        if lang == "zh":
            w["stated_g"] = stated_text if ratio else "增长" + stated_text
            w["expected_g"] = f"{check.expected}{unit_text}"
        else:
            w["stated_g"] = f"{check.stated} times" + ("" if ratio else " more")
            w["expected_g"] = f"{check.expected} times" + ("" if ratio else " more")
    else:
        w["stated_g"] = _growth(check.stated, lang, dec) if check.unit == "%" else stated_text
        w["expected_g"] = _growth(check.expected, lang, dec) if check.unit == "%" else _amount(
            check.expected, unit_text, lang, dec)
    if "base_value" in w:
        w["base_g"] = _growth(Decimal(str(w["base_value"])), lang)
    w["stated_pp"] = _pp(check.stated, lang, dec)
    w["expected_pp"] = _pp(check.expected, lang, dec)
    against = str(w.get("against", ""))
    w["stated_gap"] = _gap(check.stated, against, lang, dec)
    w["expected_gap"] = _gap(check.expected, against, lang, dec)
    if check.unit == "%" and unit_text == "%":
        w["expected_a"] = f"{check.expected}%"
    else:
        w["expected_a"] = _amount(check.expected, unit_text, lang, dec)
    w["stated_a"] = stated_text if lang == "zh" else _text_en(stated_text)
    if check.relation == "target_met":
        bound = _TARGET_BOUND[lang].get(str(w.get("target_bound", "")), "")
        target = Decimal(str(check.expected))
        w["target_g"] = (_growth(target, lang) if check.unit == "%" and w.get("target_kind") == "growth"
                         else f"{w.get('target', '')}") + bound
        if check.unit == "%" and w.get("target_kind") != "growth":
            w["stated_g"] = stated_text
        w["claim"] = _CLAIM[lang].get(str(w.get("claim", "")), "")
    if lang == "en":
        for key in ("part", "total", "whole", "previous", "current", "done", "target", "first", "own", "other"):
            if (key in w and key != "target") or (key == "target" and check.relation == "task_share"):
                w[key] = _text_en(str(w[key]))
        if "parts" in w:
            w["parts"] = ", ".join(_text_en(p) for p in str(w["parts"]).split("、"))
    return w


def message(check: Check, lang: str = "zh") -> str:
    lang = lang if lang in ("zh", "en") else "zh"
    words = _words(check, lang)
    key = "parts_within" if words.pop("within", "") else check.relation
    if words.pop("points_for_percent", ""):
        key = "points_for_percent"
    words["subject"] = noun_phrase(check.subject) or ("该数据" if lang == "zh" else "the figure")
    words["stated"] = check.stated
    words["expected"] = check.expected
    text = TEMPLATES[key][lang].format_map(words)
    sep = "：" if lang == "zh" else ": "
    return f"{STATUS[lang][check.status]}{sep}{text}"


_WARNING = {
    "zh": {"grouping": "警告：数字“{text}”的千分位分组有误，无法读取，未作为数据",
           "points": "警告：数字“{text}”有多个小数点，无法读取，未作为数据"},
    "en": {"grouping": "warning: “{text}” has broken digit grouping and cannot be read; not taken as a figure",
           "points": "warning: “{text}” has more than one decimal point and cannot be read; not taken as a figure"},
}


def warning_message(w: NumberWarning, lang: str = "zh") -> str:
    lang = lang if lang in ("zh", "en") else "zh"
    return _WARNING[lang][w.reason].format(text=w.text)
