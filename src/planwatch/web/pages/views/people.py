"""Users and departments of the plan, for the plan office (read-only: accounts are made with
``planwatch admin createuser``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.web.plans.models import Department, Membership

from ..context import workspace


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not ws.is_planoffice:
        raise Http404("the plan office's page")
    departments = (Department.objects.visible_to(request.user).filter(plan=ws.plan)
                   .annotate(n_tasks=Count("led_tasks", distinct=True), n_projects=Count("projects", distinct=True))
                   .order_by("seq", "id"))
    members = (Membership.objects.filter(plan=ws.plan).select_related("user", "department")
               .order_by("role", "department__seq", "user__username"))
    return render(request, "pages/people/index.html", {"ws": ws, "departments": departments, "members": members})
