"""The dashboard at ``/``: where the plan stands at a glance, each card leading to its detail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.web.plans import assessments
from planwatch.web.plans.models import (
    Department,
    Indicator,
    ReportingRound,
    Submission,
    SubmissionStatus,
    Task,
    WarningRecord,
)

from ..context import NoPlan, workspace
from ..indicators import card
from ..progress import STATUS_ORDER, count_by, task_rows, totals
from ..severity import SEVERITY

S = SubmissionStatus
REPORTED = (S.SUBMITTED, S.HEAD_APPROVED, S.APPROVED)


@dataclass(frozen=True)
class RoundLine:
    department: Department
    tasks: int
    reported: int  # tasks with a figure submitted or approved in the round

    @property
    def complete(self) -> bool:
        return self.reported >= self.tasks


def round_status(rnd: ReportingRound, tasks: QuerySet[Task]) -> list[RoundLine]:
    """Per lead department: how many of its tasks have a figure in the round (one query each side)."""
    per_dept = (Department.objects.filter(led_tasks__in=tasks).annotate(
        n=Count("led_tasks", distinct=True),
        done=Count("led_tasks", distinct=True,
                   filter=Q(led_tasks__submissions__round=rnd, led_tasks__submissions__status__in=REPORTED)),
    ).order_by("seq", "id"))
    return [RoundLine(d, d.n, d.done) for d in per_dept]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        ws = workspace(request)
    except NoPlan:
        return render(request, "pages/no_plan.html")
    user = request.user
    a = assessments.current(ws.plan)
    indicators = Indicator.objects.visible_to(user).filter(plan=ws.plan, headline=True).order_by("order", "seq")
    cards = [card(i, a) for i in indicators]
    tasks = Task.objects.visible_to(user).filter(plan=ws.plan)
    rows = task_rows(tasks.order_by("seq", "id"), ws.plan)
    tot = totals(rows)
    warnings = (WarningRecord.objects.visible_to(user).filter(plan=ws.plan).exclude(level="green")
                .select_related("department").order_by(SEVERITY, "rule", "subject_code"))
    n_warnings = warnings.count()
    lines = round_status(ws.round, tasks) if ws.round is not None else []
    late = ws.round is not None and dt.date.today() > ws.round.deadline
    waiting = (Submission.objects.visible_to(user).filter(task__plan=ws.plan, status__in=(S.SUBMITTED, S.HEAD_APPROVED))
               .count() if ws.can_approve else 0)
    return render(request, "pages/dashboard.html", {
        "ws": ws,
        "cards": cards,
        "status_cards": [(str(s), tot.get(str(s), 0)) for s in STATUS_ORDER],
        "n_tasks": len(rows),
        "by_area": count_by(rows, "area"),
        "by_department": sorted(count_by(rows, "lead"), key=lambda c: (-c.behind, c.key))[:15],
        "statuses": [str(s) for s in STATUS_ORDER],
        "warnings": warnings[:8],
        "n_warnings": n_warnings,
        "round_lines": lines,
        "reported_departments": sum(1 for line in lines if line.complete),
        "late": late,
        "waiting": waiting,
    })
