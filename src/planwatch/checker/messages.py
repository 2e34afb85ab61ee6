"""Messages of checks, Chinese first and English, one template per relation and status.

The subject of a message is a noun phrase (GDP, 区级一般公共预算收入, 城镇调查失业率), never a verb (高于,
完成): ``noun_phrase`` takes leading and trailing verbs, adverbs and basis words off the reader's subject;
a check with no subject left says 该数据 / the figure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks import Check
    from .normalize import NumberWarning

STATUS = {
    "zh": {"consistent": "一致", "inconsistent": "不一致"},
    "en": {"consistent": "consistent", "inconsistent": "inconsistent"},
}

TEMPLATES: dict[str, dict[str, str]] = {
    "avg_annual": {
        "zh": "{subject}{years}年平均增速{stated}{u}，由比{base}增速{base_value}%推算应为{expected}{u}",
        "en": "{subject}: average annual growth {stated}{u} over {years} years; growth of {base_value}% vs {base} implies {expected}{u}",
    },
    "middle_year": {
        "zh": "{subject}比{base}增速{stated}{u}，由同比增速与{middle}增速推算应为{expected}{u}",
        "en": "{subject}: growth vs {base} {stated}{u}; yoy growth and the stated {middle} growth imply {expected}{u}",
    },
    "rate_count": {
        "zh": "{subject}{stated}{u}，由{part}/{total}计算应为{expected}{u}",
        "en": "{subject} {stated}{u}; {part} out of {total} gives {expected}{u}",
    },
    "share_parts": {
        "zh": "{subject}占比{stated}{u}，由{part}/{whole}计算应为{expected}{u}",
        "en": "{subject}: share {stated}{u}; {part} of {whole} gives {expected}{u}",
    },
    "pp_rates": {
        "zh": "{subject}变化{stated}个百分点，由{previous}到{current}应为{expected}个百分点",
        "en": "{subject}: change of {stated} percentage points; from {previous} to {current} is {expected} points",
    },
    "rate_growth": {
        "zh": "{subject}增速{stated}{u}，由{previous}到{current}计算应为{expected}{u}（相差{points}个百分点）",
        "en": "{subject}: change {stated}{u}; from {previous} to {current} is {expected}{u} ({points} percentage points)",
    },
    "points_for_percent": {
        "zh": "{subject}变化{stated}{u}，由{previous}到{current}是相差{points}个百分点、增长{expected}{u}，疑将百分点写作百分比",
        "en": "{subject}: change {stated}{u}; from {previous} to {current} is {points} percentage points, a change of {expected}{u}: points written as percent?",
    },
    "growth_levels": {
        "zh": "{subject}增速{stated_text}，由{previous}到{current}计算应为{expected}{unit_text}",
        "en": "{subject}: growth {stated_text}; from {previous} to {current} is {expected}{unit_text}",
    },
    "parts_total": {
        "zh": "{subject}合计{stated_text}，分项{parts}之和为{expected}{unit_text}",
        "en": "{subject}: total {stated_text}; the parts {parts} add up to {expected}{unit_text}",
    },
    "parts_within": {
        "zh": "{subject}{stated_text}，其中分项{parts}之和为{expected}{unit_text}，应不超过总数",
        "en": "{subject}: {stated_text}, of which the parts {parts} add up to {expected}{unit_text}, which must not exceed it",
    },
    "task_share": {
        "zh": "{subject}完成全年任务的{stated}{u}，由{done}/{target}计算应为{expected}{u}",
        "en": "{subject}: {stated}{u} of the annual task; {done} of the target {target} is {expected}{u}",
    },
    "repeat": {
        "zh": "{subject}此处为{stated_text}，第{first_line}行为{first}，同一数据应为{expected}{unit_text}",
        "en": "{subject}: {stated_text} here and {first} on line {first_line}; the same figure should read {expected}{unit_text}",
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
        "zh": "{subject}{stated_text}，目标为{target}，报告称“{claim_zh}”",
        "en": "{subject}: {stated_text} against the target {target}; the report says {claim_en}",
    },
    "pp_gap": {
        "zh": "{subject}与{against}相差{stated}个百分点，由{own}与{other}计算应为{expected}个百分点",
        "en": "{subject}: gap to {against} of {stated} percentage points; {own} against {other} is {expected} points",
    },
    "pp_period": {
        "zh": "{subject}增速较{base}变化{stated}个百分点，由{previous}到{current}应为{expected}个百分点",
        "en": "{subject}: change since {base} of {stated} percentage points; from {previous} to {current} is {expected} points",
    },
}

_CLAIM_EN = {"met": "the target is met", "within": "it is within the target", "not": "the target is missed",
             "above": "it is above the target", "below": "it is below the target"}
_PARTS = {"H1": "上半年", "H2": "下半年", "Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度",
          "Q1-Q3": "前三季度", "": ""}
_YEARS_ZH = {"2": "两", "3": "三", "4": "四", "5": "五"}
_LEAD = re.compile(
    r"^(?:完成|实现|达到|达|高于|低于|快于|慢于|增长|下降|提高|提升|同比|较|比|占|累计|共计|共|已|为|是|其中|"
    r"全年|上半年|今年|我区|我市|我省|全区|全市|全省|，|、|\s)+"
)
_TAIL = re.compile(r"(?:增长|下降|完成|实现|达到|为|是|的|占|增速|增幅|分别|同比|较|比|高于|低于)+$")


class _Words(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


def noun_phrase(subject: str) -> str:
    """增速高于 → ""; 上半年GDP实现 → GDP; 区级一般公共预算收入 stays."""
    s = _TAIL.sub("", _LEAD.sub("", subject))
    if len(s) >= 2 or (s.isascii() and s):
        return s
    if _LEAD.fullmatch(subject) or _TAIL.fullmatch(subject):
        return ""
    return subject  # 完成率: a noun that starts with a verb


def period_zh(period: str) -> str:
    """2019H1 → 2019年上半年; 2020 → 2020年; 2023M1-M5 → 2023年1-5月; 2023-05 → 2023年5月."""
    year, part = period[:4], period[4:]
    if not year.isdigit():
        return period
    if part.startswith("M1-M"):
        return f"{year}年1-{part[4:]}月"
    if part.startswith("-"):
        return f"{year}年{int(part[1:])}月"
    return f"{year}年{_PARTS.get(part, part)}"


def message(check: Check, lang: str = "zh") -> str:
    lang = lang if lang in ("zh", "en") else "zh"
    words = dict(check.detail)
    if lang == "zh":
        for key in ("base", "middle"):
            if key in words:
                words[key] = period_zh(words[key])
        if "years" in words:
            words["years"] = _YEARS_ZH.get(words["years"], words["years"])
    words.setdefault("claim_en", _CLAIM_EN.get(words.get("claim", ""), ""))
    unit = "%" if check.unit == "%" else ""
    key = "parts_within" if words.pop("within", "") else check.relation
    if words.pop("points_for_percent", ""):
        key = "points_for_percent"
    subject = noun_phrase(check.subject) or ("该数据" if lang == "zh" else "the figure")
    text = TEMPLATES[key][lang].format_map(
        _Words(words, subject=subject, stated=check.stated, expected=check.expected, u=unit)
    )
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
