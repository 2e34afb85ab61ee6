"""Figures the web app shows, computed by the core from approved data (never stored, never typed in).

- a task's progress and status against time progress: ``planwatch.core.progress.task_progress``;
- an indicator's published and derived growth: ``planwatch.core.measures.indicator_figures``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

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
    today = timezone.localdate()
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


def _rounded(fig: Figure | None) -> str | None:
    return None if fig is None else str(round_half_up(fig.value, fig.decimals))


def progress_of(tasks: list[Task], plan: Plan, on: dt.date | None = None) -> dict[int, dict[str, Any]]:
    """Progress and status of each task, keyed by task id, as JSON-ready dicts."""
    if not tasks:
        return {}
    on = on or reference_date(plan)
    settings = plan.settings or {}
    try:
        convention = cp.convention_from_settings(settings)
        thresholds = cp.Thresholds.from_settings(settings)
    except ValueError:
        convention, thresholds = cp.Convention.DAYS, cp.Thresholds()
    latest = latest_approved([t.pk for t in tasks], on)
    out: dict[int, dict[str, Any]] = {}
    for task in tasks:
        sub = latest.get(task.pk)
        row = None if sub is None else core.ProgressRow(task=task.code, as_of=sub.as_of, value=sub.value,
                                                        unit=sub.unit or task.unit, note=sub.note)
        ct = core_task(task, task.lead.code, task.area.code)
        try:
            tp = cp.task_progress(ct, row, on, convention=convention, thresholds=thresholds)
        except (ValueError, ArithmeticError) as exc:
            out[task.pk] = {"on": on.isoformat(), "status": "error", "status_zh": "无法计算", "error": str(exc),
                            "done": None, "done_share": None, "expected_share": None, "gap_pp": None,
                            "as_of": None}
            continue
        out[task.pk] = {
            "on": on.isoformat(),
            "as_of": tp.as_of.isoformat() if tp.as_of else None,
            "done": _rounded(tp.done),
            "done_share": _rounded(tp.done_share),
            "expected_share": _rounded(tp.expected_share),
            "gap_pp": _rounded(tp.gap_pp),
            "status": str(tp.status),
            "status_zh": tp.status.label_zh,
        }
    return out


def decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
