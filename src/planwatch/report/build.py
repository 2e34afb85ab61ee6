"""Build the report's document model from a plan: gather the figures, render the wording templates, put
in the plan office's own text (checked against the data), and cut the edition asked for."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from planwatch.core.assess import assess
from planwatch.core.errors import PlanwatchError
from planwatch.core.model import Plan
from planwatch.core.periods import Period
from planwatch.core.wording import period_words

from . import authored, charts, editions, tables
from .compose import render_document
from .context import ReportData, gather
from .document import Document

# report.yaml keys that belong to one occasion: they apply to the period report.yaml names (`period`)
OCCASION_KEYS = ("date", "meeting", "opening", "review_intro", "problems_intro", "measures_intro", "closing")


class ReportPeriodError(PlanwatchError):
    """A report asked for a period the plan does not cover (2022H1 of the 2021 plan)."""


def check_period(plan: Plan, period: Period) -> None:
    if period.year != plan.year:
        raise ReportPeriodError(
            f"{period} 不在计划年度 {plan.year} 内：{plan.title}只能报告{plan.year}年的执行情况"
            f"（如 {plan.year}H1、{plan.year}Q3、{plan.year}-09、{plan.year}） / "
            f"the period {period} is outside the plan's year {plan.year}: report on {plan.year}H1, "
            f"{plan.year}Q3, {plan.year}-09 or {plan.year}")


def _wording(data: ReportData, texts: dict[str, str], texts_en: dict[str, str]) -> _Wording:
    w = dict(data.wording)
    for_period = str(w.get("period") or "")
    if for_period and for_period != str(data.period):  # the occasion and prose of another report
        for key in OCCASION_KEYS:
            w.pop(key, None)
            w.pop(f"{key}_en", None)
    for key in (*OCCASION_KEYS, "speaker", "salutation", "title"):
        if texts.get(key):
            w[key] = texts[key]
        if texts_en.get(key):
            w[f"{key}_en"] = texts_en[key]
    for key, value in w.items():  # YAML folds lines with a space; Chinese prose has none
        if isinstance(value, str) and not key.endswith("_en"):
            w[key] = re.sub(r"[ \t\n]+", "", value)
    date = w.get("date")
    if isinstance(date, str) and date:
        w["date"] = dt.date.fromisoformat(date)
    if data.annual:  # the half-year wording does not fit the annual report
        w.update({"title": w.get("annual_title", ""), "title_en": w.get("annual_title_en", ""),
                  "opening": texts.get("opening", ""), "opening_en": texts_en.get("opening", "")})
    return _Wording(w)


class _Wording(dict[str, Any]):
    """report.yaml's wording; a key the package does not set reads as "" (the template's default applies)."""

    def __missing__(self, key: str) -> str:
        return ""


def build_document(plan: Plan, period: str | Period, *, on: dt.date | None = None, lang: str = "zh",
                   edition: str = "working", next_plan: Plan | None = None) -> Document:
    """The execution report of ``plan`` for ``period`` as of ``on``: a quarter (2021Q3), a month (2021-09),
    a half (2021H1) or the year (2021); ``edition`` "working" (charts, tables, annexes, provenance) or
    "official" (what goes to the standing committee). ``next_plan``: next year's package, from which an
    annual report drafts its section on next year."""
    p = Period.parse(period) if isinstance(period, str) else period
    check_period(plan, p)
    editions.check(edition)
    return render_report(gather(assess(plan, p, on)), lang, edition=edition, next_plan=next_plan)


def render_report(data: ReportData, lang: str = "zh", *, edition: str = "working",
                  next_plan: Plan | None = None) -> Document:
    """The execution report of gathered ``data`` (``context.gather`` of an assessment) in ``lang``."""
    plan, p = data.plan, data.period
    check_period(plan, p)
    editions.check(edition)
    data.words = period_words(p)
    data.next_plan = next_plan
    texts, texts_en = authored.texts_for(plan, p)
    authored.apply_leads(data, texts, texts_en)
    variant = "annual" if data.annual else "half_year"
    w = _wording(data, texts, texts_en)
    official = edition == "official"  # no charts or tables: not drawn at all (editions.apply drops their sections)
    doc = render_document(
        f"{lang}/{variant}.j2",
        {"d": data, "w": w},
        lang=lang,
        tables={"tasks": lambda: tables.tasks_table(data, lang), "warnings": lambda: tables.warnings_table(data, lang),
                "unreported": lambda: tables.unreported_table(data, lang)},
        charts={"headline": (lambda: None) if official else (lambda: charts.headline_chart(data, lang)),
                "tasks": (lambda: None) if official else (lambda: charts.tasks_chart(data, lang))},
        meta={"plan": plan.title, "region": plan.region.name, "period": str(data.period), "as_of": data.on.isoformat(),
              "variant": variant, "kind": data.words.kind, "lang": lang, "edition": edition},
        authored=texts_en if lang == "en" else texts,
        data=data,
    )
    notices: list[str] = []
    date = w.get("date")
    if isinstance(date, dt.date) and date < p.end:
        notices.append(f"会议日期 {date.isoformat()} 早于报告期末 {p.end.isoformat()}，请核对 report.yaml 的 date / "
                       f"the meeting date {date.isoformat()} is before the end of the period {p.end.isoformat()}")
    doc.meta["notices"] = notices
    return editions.apply(doc, edition, data)
