"""Messages of checks, Chinese first and English, one template per relation and status."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks import Check

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
        "zh": "{subject}增速{stated}{u}，由{previous}到{current}计算应为{expected}{u}",
        "en": "{subject}: growth {stated}{u}; from {previous} to {current} is {expected}{u}",
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
}


_PARTS = {"H1": "上半年", "Q1": "一季度", "Q1-Q3": "前三季度", "": ""}
_YEARS_ZH = {"2": "两", "3": "三", "4": "四", "5": "五"}


def period_zh(period: str) -> str:
    """2019H1 → 2019年上半年; 2020 → 2020年."""
    year, part = period[:4], period[4:]
    return f"{year}年{_PARTS.get(part, part)}" if year.isdigit() else period


def message(check: Check, lang: str = "zh") -> str:
    lang = lang if lang in ("zh", "en") else "zh"
    words = dict(check.detail)
    if lang == "zh":
        for key in ("base", "middle"):
            if key in words:
                words[key] = period_zh(words[key])
        if "years" in words:
            words["years"] = _YEARS_ZH.get(words["years"], words["years"])
    unit = "%" if check.unit == "%" else ""
    key = "parts_within" if words.pop("within", "") else check.relation
    if words.pop("points_for_percent", ""):
        key = "points_for_percent"
    text = TEMPLATES[key][lang].format(
        subject=check.subject or ("（未识别主语）" if lang == "zh" else "(unnamed)"),
        stated=check.stated, expected=check.expected, u=unit, **words,
    )
    sep = "：" if lang == "zh" else ": "
    return f"{STATUS[lang][check.status]}{sep}{text}"
