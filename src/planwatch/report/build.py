"""Build the report's document model from a plan: gather the figures, then render the wording templates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from planwatch.core.assess import assess
from planwatch.core.model import Plan
from planwatch.core.periods import Period

from . import charts, tables
from .compose import render_document
from .context import ReportData, gather
from .document import Document


def _wording(data: ReportData) -> _Wording:
    w = dict(data.wording)
    for key, value in w.items():  # YAML folds lines with a space; Chinese prose has none
        if isinstance(value, str) and not key.endswith("_en"):
            w[key] = re.sub(r"[ \t\n]+", "", value)
    date = w.get("date")
    if isinstance(date, str) and date:
        w["date"] = dt.date.fromisoformat(date)
    if data.annual:  # the half-year wording does not fit the annual report
        w.update({"title": w.get("annual_title", ""), "title_en": w.get("annual_title_en", ""),
                  "opening": "", "opening_en": ""})
    return _Wording(w)


class _Wording(dict[str, Any]):
    """report.yaml's wording; a key the package does not set reads as "" (the template's default applies)."""

    def __missing__(self, key: str) -> str:
        return ""


def build_document(plan: Plan, period: str | Period, *, on: dt.date | None = None, lang: str = "zh") -> Document:
    """The execution report of ``plan`` for ``period`` (2021H1 half-year, 2021 annual) as of ``on``."""
    return render_report(gather(assess(plan, period, on)), lang)


def render_report(data: ReportData, lang: str = "zh") -> Document:
    """The execution report of gathered ``data`` (``context.gather`` of an assessment) in ``lang``."""
    plan = data.plan
    variant = "annual" if data.annual else "half_year"
    return render_document(
        f"{lang}/{variant}.j2",
        {"d": data, "w": _wording(data)},
        lang=lang,
        tables={"tasks": lambda: tables.tasks_table(data, lang), "warnings": lambda: tables.warnings_table(data, lang)},
        charts={"headline": lambda: charts.headline_chart(data, lang), "tasks": lambda: charts.tasks_chart(data, lang)},
        meta={"plan": plan.title, "region": plan.region.name, "period": str(data.period), "as_of": data.on.isoformat(),
              "variant": variant, "lang": lang},
    )
