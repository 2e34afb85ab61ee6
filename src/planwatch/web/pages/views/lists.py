"""Warnings and key projects: read-only lists in the user's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from planwatch.core.growth import share as share_of
from planwatch.core.intervals import round_half_up
from planwatch.web.plans.models import Indicator, Project, Task, WarningRecord
from planwatch.web.plans.models.projects import ProjectCategory

from ..context import workspace
from ..severity import SEVERITY


@login_required
def warnings(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    level = request.GET.get("level", "")
    qs = WarningRecord.objects.visible_to(request.user).filter(plan=ws.plan).select_related("department")
    if level:
        qs = qs.filter(level=level)
    warnings_ = list(qs.order_by(SEVERITY, "rule", "subject_code"))
    codes = {w.subject_code for w in warnings_}
    tasks = dict(Task.objects.visible_to(request.user).filter(plan=ws.plan, code__in=codes).values_list("code", "id"))
    inds = dict(Indicator.objects.visible_to(request.user).filter(plan=ws.plan, code__in=codes)
                .values_list("code", "id"))
    links = {}
    for w in warnings_:
        if w.subject_type == "task" and w.subject_code in tasks:
            links[w.pk] = reverse("pages:task_detail", args=[tasks[w.subject_code]])
        elif w.subject_type == "indicator" and w.subject_code in inds:
            links[w.pk] = reverse("pages:indicator_detail", args=[inds[w.subject_code]])
    rows = [(w, links.get(w.pk, "")) for w in warnings_]
    return render(request, "pages/warnings/index.html", {"ws": ws, "rows": rows, "level": level})


@login_required
def projects(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    category = request.GET.get("category", "")
    qs = Project.objects.visible_to(request.user).filter(plan=ws.plan).select_related("lead")
    if category:
        qs = qs.filter(category=category)
    rows = []
    for p in qs.order_by("seq", "id"):
        share = None
        if p.investment_plan and p.investment_done is not None and p.investment_plan > 0:
            share = round_half_up(share_of(p.investment_done, p.investment_plan), 1)
        rows.append((p, share))
    return render(request, "pages/projects/index.html", {
        "ws": ws, "rows": rows, "category": category, "categories": ProjectCategory.choices})
