"""Figures the web app shows, computed by the core from approved data (never stored, never typed in).

- a task's progress and status against time progress: ``planwatch.core.progress.progress_state``, for
  many tasks at once by ``progress_states`` (the one place the pages and the API compute it);
- an indicator's published and derived growth: ``planwatch.core.measures.indicator_figures``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from planwatch.core import model as core
from planwatch.core import progress as cp
from planwatch.core.figures import Figure
from planwatch.core.intervals import round_half_up

from .models import Plan, Submission, SubmissionStatus, Task


def reference_date(plan: Plan) -> dt.date:
    """The date progress is measured on: ``settings.as_of`` if set, else the latest approved figure's
    date, else today (kept inside the plan year)."""
    raw = (plan.settings or {}).get("as_of")
    if raw:
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            pass
    latest = (Submission.objects.filter(task__plan=plan, status=SubmissionStatus.APPROVED)
              .order_by("-as_of").values_list("as_of", flat=True).first())
    if latest is not None:
        return latest
    from .clock import today as clock_today

    today = clock_today()
    return min(max(today, dt.date(plan.year, 1, 1)), dt.date(plan.year, 12, 31))


def core_task(task: Task, lead_code: str, area_code: str, parent_code: str = "") -> core.Task:
    return core.Task(code=task.code, name=task.name, area=area_code, lead=lead_code, name_en=task.name_en,
                     parent=parent_code,
                     target_kind=core.TargetKind(task.target_kind) if task.target_kind else None,
                     target_value=task.target_value, unit=task.unit, deadline=task.deadline,
                     curve=task.curve or "linear", target_text=task.target_text, measure=task.measure)


def latest_approved(task_ids: Iterable[int], on: dt.date | None = None) -> dict[int, Submission]:
    """The latest approved submission of each task (on or before ``on``), in one query."""
    qs = Submission.objects.filter(task_id__in=list(task_ids), status=SubmissionStatus.APPROVED)
    if on is not None:
        qs = qs.filter(as_of__lte=on)
    out: dict[int, Submission] = {}
    for sub in qs.order_by("task_id", "as_of", "decided_at", "id"):
        out[sub.task_id] = sub
    return out


K = TypeVar("K")


def progress_states(plan: Plan, on: dt.date,
                    items: Iterable[tuple[K, cp.TaskTerms, core.ProgressRow | None]]) -> dict[K, cp.ProgressState | str]:
    """The progress of many tasks on ``on``, keyed as ``items`` are: (key, task, latest approved row); a
    task is a ``core.Task`` or anything with its terms (``core.progress.TaskTerms``).

    The plan's settings (convention, thresholds) are read once and the time progress of each curve
    is computed once (``core.progress.ProgressDay``); no provenance figures are built. A task whose
    curve or unit does not parse gets the error's message instead of a state (shown, not raised).
    """
    settings = plan.settings or {}
    try:
        convention = cp.convention_from_settings(settings)
        thresholds = cp.Thresholds.from_settings(settings)
    except ValueError:
        convention, thresholds = cp.Convention.DAYS, cp.Thresholds()
    day = cp.ProgressDay(on, convention)
    out: dict[K, cp.ProgressState | str] = {}
    for key, task, row in items:
        try:
            out[key] = cp.progress_state(task, row, day, thresholds=thresholds)
        except (ValueError, ArithmeticError) as exc:  # CurveError, UnitError: bad data, not a server error
            out[key] = str(exc)
    return out


def _text(value: Decimal | None, decimals: int) -> str | None:
    return None if value is None else str(round_half_up(value, decimals))


def progress_json(state: cp.ProgressState | str, on: dt.date) -> dict[str, Any]:
    """A task's progress as the API writes it (figures rounded as published)."""
    if isinstance(state, str):
        return {"on": on.isoformat(), "status": "error", "status_zh": "无法计算", "error": state,
                "done": None, "done_share": None, "expected_share": None, "gap_pp": None, "as_of": None}
    return {
        "on": on.isoformat(),
        "as_of": state.as_of.isoformat() if state.as_of else None,
        "done": _text(state.done, state.done_decimals),
        "done_share": _text(state.done_pct, state.share_decimals),
        "expected_share": _text(state.expected_pct, 1),
        "gap_pp": _text(state.gap_pp, 1),
        "status": str(state.status),
        "status_zh": state.status.label_zh,
    }


def progress_of(tasks: list[Task], plan: Plan, on: dt.date | None = None) -> dict[int, dict[str, Any]]:
    """Progress and status of each task, keyed by task id, as JSON-ready dicts."""
    if not tasks:
        return {}
    on = on or reference_date(plan)
    latest = latest_approved([t.pk for t in tasks], on)

    def items() -> Iterable[tuple[int, core.Task, core.ProgressRow | None]]:
        for task in tasks:
            sub = latest.get(task.pk)
            row = None if sub is None else core.ProgressRow(task=task.code, as_of=sub.as_of, value=sub.value,
                                                            unit=sub.unit or task.unit, note=sub.note)
            yield task.pk, core_task(task, task.lead.code, task.area.code), row

    return {pk: progress_json(state, on) for pk, state in progress_states(plan, on, items()).items()}


def decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def indicator_plan(plan: Plan) -> core.Plan:
    """The indicators, observations and targets of a plan as a core ``Plan`` (no tasks: cheaper)."""
    from .importexport import export_indicators

    areas = {a.pk: a.code for a in plan.areas.all()}
    depts = {d.pk: d.code for d in plan.departments.all()}
    indicators, observations, targets = export_indicators(plan, areas, depts)
    return core.Plan(
        region=core.Region(plan.region.code, plan.region.name, plan.region.name_en), year=plan.year,
        title=plan.title, base_year=plan.base_year, settings=dict(plan.settings or {}),
        indicators=indicators, observations=observations, targets=targets,
    )


def figure_json(fig: Figure | None) -> dict[str, Any] | None:
    if fig is None:
        return None
    return {"value": str(round_half_up(fig.value, fig.decimals)), "unrounded": str(fig.value), "unit": fig.unit,
            "origin": fig.origin, "formula": fig.formula, "label": fig.label}


def indicator_growth(cplan: core.Plan, code: str, period: str, index: Any = None) -> dict[str, Any]:
    """Published and derived growth of an indicator for a period (``core.measures.indicator_figures``)."""
    from planwatch.core import measures

    try:
        f = measures.indicator_figures(cplan, code, period, index=index)
    except (KeyError, ValueError, ArithmeticError) as exc:
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
