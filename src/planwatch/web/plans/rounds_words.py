"""A reporting round's name in the interface's language, from its period: 2021-06 → 2021年6月 / June 2021."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import get_language

from planwatch.core.periods import PeriodError, parse_period

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def round_name(period: str, lang: str | None = None) -> str:
    """2021-06 → 2021年6月 (June 2021); 2021Q2 → 2021年第二季度 (2021 Q2); 2021H1 → 2021年上半年 (2021 H1)."""
    zh = (lang or get_language() or "zh-hans").startswith("zh")
    try:
        p = parse_period(period)
    except (PeriodError, ValueError):
        return period
    text = str(p)
    if "-" in text:
        month = int(text[5:7])
        return f"{p.year}年{month}月" if zh else f"{MONTHS_EN[month - 1]} {p.year}"
    if "Q" in text:
        q = int(text[-1])
        return f"{p.year}年第{'一二三四'[q - 1]}季度" if zh else f"{p.year} Q{q}"
    if "H" in text:
        return f"{p.year}年{'上' if text.endswith('1') else '下'}半年" if zh else f"{p.year} H{text[-1]}"
    return f"{p.year}年" if zh else str(p.year)


def date_words(day: dt.date | None, lang: str | None = None) -> str:
    """A date as the interface writes it: 2021年7月5日 / 5 July 2021."""
    if day is None:
        return ""
    zh = (lang or get_language() or "zh-hans").startswith("zh")
    return f"{day.year}年{day.month}月{day.day}日" if zh else f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
