"""A key project: its approved figures, its updates, and for its department (and the plan office) a form to
report phase, investment and dates for review (``services.add_project_update``); approvers decide updates
in the approval queue. Viewers read approved updates only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import Attachment, Comment, Project, ProjectUpdate, UpdateStatus
from planwatch.web.plans.models.projects import Phase
from planwatch.web.plans.services import evidence
from planwatch.web.plans.services import projects as review
from planwatch.web.plans.services.submissions import reason

from ..context import workspace
from .reporting import field_errors

FIELDS = ("phase", "investment_done", "as_of", "actual_start", "finish", "note")


def _report(request: HttpRequest, project: Project, posted: dict[str, str]) -> dict[str, list[str]]:
    """Submit the posted update with its evidence, all or nothing; the field errors, if any."""
    actor = Actor.from_request(request)
    version = request.POST.get("version", "")
    stored: list[Any] = []
    try:
        with transaction.atomic():
            update = services.add_project_update(actor, project, **posted, version=version or None)
            for f in request.FILES.getlist("files"):
                stored.append(evidence.attach(actor, update, f.name or "file", f.read(evidence.max_bytes() + 1)))
    except ValidationError as exc:
        evidence.discard_files(stored)
        return field_errors(exc)
    except (Conflict, PermissionDenied) as exc:
        evidence.discard_files(stored)
        messages.error(request, reason(exc))
        return {"form": [reason(exc)]}
    messages.success(request, _("Project progress submitted for approval."))
    return {}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    ws = workspace(request)
    project = get_object_or_404(Project.objects.visible_to(request.user).filter(plan=ws.plan).select_related("lead"),
                                pk=pk)
    can_write = Project.objects.writable_by(request.user).filter(pk=project.pk).exists()
    errors: dict[str, list[str]] = {}
    posted = {f: request.POST.get(f, "").strip() for f in FIELDS}
    if request.method == "POST" and can_write:
        errors = _report(request, project, posted)
        if not errors:
            return redirect(request.path)
    if not posted["phase"]:
        posted["phase"] = project.phase
    updates = list(ProjectUpdate.objects.visible_to(request.user).filter(project=project)
                   .select_related("created_by", "decided_by").order_by("-as_of", "-id"))
    files: dict[int, list[Attachment]] = {}
    for a in Attachment.objects.visible_to(request.user).filter(project_update__in=updates).order_by("id"):
        files.setdefault(a.project_update_id or 0, []).append(a)
    in_review = next((u for u in updates if u.status in (UpdateStatus.SUBMITTED, UpdateStatus.HEAD_APPROVED)), None)
    comments = Comment.objects.visible_to(request.user).filter(project=project).prefetch_related("mentions")
    return render(request, "pages/projects/detail.html", {
        "ws": ws, "project": project, "updates": [(u, files.get(u.pk, []), review.flags(u)) for u in updates],
        "can_write": can_write, "errors": errors, "posted": posted, "phases": Phase.choices,
        "default_as_of": ws.report_on, "in_review": in_review, "comments": comments,
        "accepted": evidence.ACCEPTED})
