"""A reporting round's name and a date in the interface's language (``planwatch.core.wording``):
2021-06 → 2021年6月 / June 2021; 2021-07-05 → 2021年7月5日 / July 5, 2021."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import get_language

from planwatch.core.periods import PeriodError, parse_period
from planwatch.core.wording import date_en, date_zh, period_en, period_zh


def _zh(lang: str | None) -> bool:
    return (lang or get_language() or "zh-hans").startswith("zh")


def round_name(period: str, lang: str | None = None) -> str:
    """2021-06 → 2021年6月 (June 2021); 2021Q2 → 2021年二季度 (Q2 2021); 2021H1 → 2021年上半年 (The first half
    of 2021)."""
    try:
        p = parse_period(period)
    except (PeriodError, ValueError):
        return period
    if _zh(lang):
        return period_zh(p)
    text = period_en(p)
    return text[:1].upper() + text[1:]


def date_words(day: dt.date | None, lang: str | None = None) -> str:
    if day is None:
        return ""
    return date_zh(day) if _zh(lang) else date_en(day)
