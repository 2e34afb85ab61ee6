"""Figures the web app shows, read from the plan's assessment (``assessments.current``), written as JSON.

Nothing here computes a figure: a task's progress is ``Assessment.state``, an indicator's growth is
``Assessment.indicator`` (with provenance), both made once per plan version by ``planwatch.core.assess``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from planwatch.core import model as core
from planwatch.core.assess import Assessment
from planwatch.core.bulk.tasks import Published
from planwatch.core.figures import Figure
from planwatch.core.intervals import round_half_up
from planwatch.core.measures import MeasureError

from . import assessments
from .models import Plan, Task


def reference_date(plan: Plan) -> dt.date:
    """The date progress is measured on (``core.assess.monitoring_date``): ``settings.as_of`` if set, else
    the latest approved figure's date, else today (kept inside the plan year)."""
    return assessments.current(plan).on


def core_task(task: Task, lead_code: str, area_code: str, parent_code: str = "") -> core.Task:
    return core.Task(code=task.code, name=task.name, area=area_code, lead=lead_code, name_en=task.name_en,
                     parent=parent_code,
                     target_kind=core.TargetKind(task.target_kind) if task.target_kind else None,
                     target_value=task.target_value, unit=task.unit, deadline=task.deadline,
                     curve=task.curve or "linear", target_text=task.target_text, measure=task.measure)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def progress_json(state: Published, on: dt.date) -> dict[str, Any]:
    """A task's progress as the API writes it (figures as published)."""
    if state.error:
        return {"on": on.isoformat(), "status": "error", "status_zh": "无法计算", "error": state.error,
                "done": None, "done_share": None, "expected_share": None, "gap_pp": None, "as_of": None}
    return {
        "on": on.isoformat(),
        "as_of": state.as_of.isoformat() if state.as_of else None,
        "done": _text(state.done),
        "done_share": _text(state.done_pct),
        "expected_share": _text(state.expected_pct),
        "gap_pp": _text(state.gap_pp),
        "status": str(state.status),
        "status_zh": state.status.label_zh,
    }


def progress_of(tasks: list[Task], plan: Plan, on: dt.date | None = None) -> dict[int, dict[str, Any]]:
    """Progress and status of each task, keyed by task id, as JSON-ready dicts."""
    if not tasks:
        return {}
    a = assessments.current(plan, on)
    return {t.pk: progress_json(a.state(t.code), a.on) for t in tasks}


def figure_json(fig: Figure | None) -> dict[str, Any] | None:
    if fig is None:
        return None
    return {"value": str(round_half_up(fig.value, fig.decimals)), "unrounded": str(fig.value), "unit": fig.unit,
            "origin": fig.origin, "formula": fig.formula, "label": fig.label}


def indicator_growth(a: Assessment, code: str, period: str) -> dict[str, Any]:
    """Published and derived growth of an indicator for a period, with provenance (``Assessment.indicator``)."""
    try:
        f = a.indicator(code, period)
    except (KeyError, MeasureError) as exc:
        return {"period": period, "error": str(exc)}
    result = f.target_result
    return {
        "period": f.period,
        "value": figure_json(f.value),
        "yoy": figure_json(f.yoy),
        "vs_base": figure_json(f.vs_base),
        "base_period": f.base_period,
        "avg_annual": figure_json(f.avg_annual),
        "implied_between": figure_json(f.implied_between),
        "target": figure_json(f.target),
        "target_met": None if result is None else result.met,
        "target_text_zh": "" if result is None else result.text_zh,
        "target_text_en": "" if result is None else result.text_en,
        "notes": [{"kind": n.kind, "zh": n.text_zh, "en": n.text_en} for n in f.notes],
    }
