"""One search box over the tasks, departments and indicators the user may see (code, name, English name,
target wording)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.web.plans.models import Department, Indicator, Task

from ..context import workspace

LIMIT = 50


@login_required
def search(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    q = request.GET.get("q", "").strip()[:100]
    tasks = departments = indicators = []
    if q:
        user = request.user
        text = Q(code__icontains=q) | Q(name__icontains=q) | Q(name_en__icontains=q)
        tasks = list(Task.objects.visible_to(user).filter(plan=ws.plan).filter(
            text | Q(target_text__icontains=q) | Q(lead__name__icontains=q))
            .select_related("lead", "area").order_by("seq", "id")[:LIMIT])
        departments = list(Department.objects.visible_to(user).filter(plan=ws.plan).filter(text)
                           .order_by("seq", "id")[:LIMIT])
        indicators = list(Indicator.objects.visible_to(user).filter(plan=ws.plan).filter(text)
                          .order_by("seq", "id")[:LIMIT])
    return render(request, "pages/search/index.html", {
        "ws": ws, "q": q, "tasks": tasks, "departments": departments, "indicators": indicators,
        "total": len(tasks) + len(departments) + len(indicators)})
