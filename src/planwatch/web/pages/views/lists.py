"""Warnings and key projects: read-only lists in the user's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.core.growth import share as share_of
from planwatch.core.intervals import round_half_up
from planwatch.web.plans.models import Project, WarningRecord
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
    return render(request, "pages/warnings/index.html",
                  {"ws": ws, "warnings": qs.order_by(SEVERITY, "rule", "subject_code"), "level": level})


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
