"""The dashboard at ``/``: where the plan stands at a glance, each card leading to its detail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.web.plans import assessments, clock
from planwatch.web.plans.models import (
    Department,
    Indicator,
    Submission,
    Task,
    WarningRecord,
)
from planwatch.web.plans.services.rounds import overview

from ..context import NoPlan, workspace
from ..fragments import fragment
from ..indicators import card
from ..progress import STATUS_ORDER, TaskRow, count_by, task_rows, totals
from ..severity import SEVERITY
from .approvals import decidable_states


def _task_summary(rows: list[TaskRow]) -> dict[str, Any]:
    """The dashboard's counts of the tasks a user sees: by status, by area, by lead department."""
    tot = totals(rows)
    return {"status_cards": [(str(s), tot.get(str(s), 0)) for s in STATUS_ORDER], "n_tasks": len(rows),
            "by_area": count_by(rows, "area"),
            "by_department": sorted(count_by(rows, "lead"), key=lambda c: (-c.behind, c.key))[:15]}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        ws = workspace(request)
    except NoPlan:
        return render(request, "pages/no_plan.html")
    user = request.user
    a = ws.figures()
    indicators = Indicator.objects.visible_to(user).filter(plan=ws.plan, headline=True).order_by("order", "seq")

    def figures() -> dict[str, Any]:  # the cards and the tasks' counts: kept, rendered, with the assessment
        rows = task_rows(Task.objects.visible_to(user).filter(plan=ws.plan).order_by("seq", "id"), ws.plan)
        return {"cards": [card(i, a) for i in indicators], "statuses": [str(s) for s in STATUS_ORDER],
                **_task_summary(rows)}

    warnings = (WarningRecord.objects.visible_to(user).filter(plan=ws.plan).exclude(level="green")
                .select_related("department").order_by(SEVERITY, "rule", "subject_code"))
    # recomputing replaces the plan's warning rows (new ids): the newest id tells whether the kept list holds
    newest = WarningRecord.objects.filter(plan=ws.plan).aggregate(newest=Max("id"))["newest"]

    def open_warnings() -> dict[str, Any]:
        return {"warnings": list(warnings[:8]), "n_warnings": warnings.count()}

    def waiting() -> int:  # figures awaiting this user (submissions move the plan's data version)
        decides = decidable_states(ws)  # what this user decides (with the head step: heads first, then the office)
        return (Submission.objects.visible_to(user).filter(task__plan=ws.plan, status__in=decides).count()
                if decides else 0)

    depts = None if ws.is_planoffice or ws.is_viewer else Department.objects.filter(id__in=[ws.department_id])
    lines = overview(ws.round, clock.today(), depts, approved_only=ws.is_viewer) if ws.round is not None else []
    late = any(line.late for line in lines)
    return render(request, "pages/dashboard.html", {
        "ws": ws,
        "figures": fragment(ws, a, "pages/dashboard/_figures.html", figures),
        **assessments.derived(ws.plan, a, ("dashboard.warnings", ws.scope, newest), open_warnings),
        "waiting": assessments.derived(ws.plan, a, ("dashboard.waiting", ws.scope), waiting),
        "round_lines": lines,
        "reported_departments": sum(1 for line in lines if line.complete),
        "late": late,
    })
