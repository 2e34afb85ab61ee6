"""A key project: its figures, its updates, and a form for its department to report (services.add_project_update)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import Project
from planwatch.web.plans.models.projects import Phase

from ..context import workspace
from .reporting import field_errors

FIELDS = ("phase", "investment_done", "as_of", "actual_start", "note")


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    ws = workspace(request)
    project = get_object_or_404(Project.objects.visible_to(request.user).filter(plan=ws.plan).select_related("lead"),
                                pk=pk)
    can_write = Project.objects.writable_by(request.user).filter(pk=project.pk).exists()
    errors: dict[str, list[str]] = {}
    posted = {f: request.POST.get(f, "").strip() for f in FIELDS}
    if request.method == "POST" and can_write:
        try:
            services.add_project_update(Actor.from_request(request), project, **posted,
                                        version=request.POST.get("version"))
        except ValidationError as exc:
            errors = field_errors(exc)
        except (Conflict, PermissionDenied) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Project progress recorded."))
            return redirect(request.path)
    if not posted["phase"]:
        posted["phase"] = project.phase
    updates = project.updates.select_related("created_by").order_by("-as_of", "-id")
    return render(request, "pages/projects/detail.html", {
        "ws": ws, "project": project, "updates": updates, "can_write": can_write, "errors": errors,
        "posted": posted, "phases": Phase.choices, "default_as_of": ws.report_on})
