"""The task ledger (台账) with filters and a progress bar on every row, and a task's detail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from planwatch.web.plans import assessments, clock
from planwatch.web.plans.models import (
    Area,
    Attachment,
    Comment,
    Department,
    ObjectChange,
    Submission,
    Task,
)
from planwatch.web.plans.models.changes import Action

from ..context import Workspace, workspace
from ..fragments import fragment
from ..progress import STATUS_ORDER, task_rows

PAGE_SIZE = 100
VIEWER_ACTIONS = (Action.APPROVE, Action.ADJUST, Action.IMPORT)


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    a = ws.figures()
    params = request.GET.copy()
    params.pop("plan", None)  # chooses the workspace's plan, which the kept part belongs to already
    return render(request, "pages/tasks/ledger.html", {
        "ws": ws,
        "content": fragment(ws, a, "pages/tasks/_ledger.html", lambda: _ledger(request, ws), params.urlencode()),
    })


def _ledger(request: HttpRequest, ws: Workspace) -> dict[str, Any]:
    """The ledger's filters, rows and page links for this request's query (rendered once, then kept)."""
    tasks = Task.objects.visible_to(request.user).filter(plan=ws.plan)
    area = request.GET.get("area", "")
    department = request.GET.get("department", "")
    status = request.GET.get("status", "")
    overdue = request.GET.get("overdue") == "1"
    if area:
        tasks = tasks.filter(area__code=area)
    if department:
        tasks = tasks.filter(lead__code=department)
    rows = assessments.derived(ws.plan, ws.figures(), ("ledger.rows", ws.scope, area, department),
                               lambda: task_rows(tasks.order_by("seq", "id"), ws.plan, ws.on))
    if status:
        rows = [r for r in rows if r.status == status]
    if overdue:
        rows = [r for r in rows if r.overdue]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "ws": ws,
        "page": page,
        "count": len(rows),
        "areas": Area.objects.visible_to(request.user).filter(plan=ws.plan).only("code", "name", "name_en"),
        "departments": Department.objects.visible_to(request.user).filter(plan=ws.plan).only("code", "name", "name_en"),
        "statuses": [str(s) for s in STATUS_ORDER],
        "filters": {"area": area, "department": department, "status": status, "overdue": overdue},
        "query": query.urlencode(),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    ws = workspace(request)
    visible = Task.objects.visible_to(request.user).filter(plan=ws.plan)
    task = get_object_or_404(visible.select_related("area", "lead", "parent"), pk=pk)
    row = task_rows(visible.filter(pk=task.pk), ws.plan, ws.on)[0]
    subs = list(Submission.objects.visible_to(request.user).filter(task=task)
                .select_related("created_by", "submitted_by", "decided_by").order_by("-as_of", "-id"))
    changes = ObjectChange.objects.filter(
        Q(object_type="plans.task", object_id=str(task.pk))
        | Q(object_type="plans.submission", object_id__in=[str(s.pk) for s in subs])
    ).order_by("-time", "-id")
    if ws.is_viewer:  # leaders read approved figures: no drafts, no returns, no intermediate states
        changes = changes.filter(action__in=VIEWER_ACTIONS)
    files: dict[int, list[Attachment]] = {}
    for a in Attachment.objects.visible_to(request.user).filter(submission__in=subs).order_by("id"):
        files.setdefault(a.submission_id or 0, []).append(a)
    comments = (Comment.objects.visible_to(request.user).filter(Q(task=task) | Q(submission__task=task))
                .select_related("submission").prefetch_related("mentions").order_by("created_at", "id"))
    adjust_posted = request.session.pop("adjust_posted", {}) if ws.is_planoffice else {}
    return render(request, "pages/tasks/detail.html", {
        "ws": ws, "task": task, "row": row, "submissions": [(s, files.get(s.pk, [])) for s in subs],
        "changes": changes[:200], "co": task.co.all(), "children": task.children.all(), "comments": comments,
        "adjustments": task.adjustments.order_by("-effective", "-id"), "can_comment": ws.can_report,
        "adjust_posted": adjust_posted, "today": clock.today(),
    })
