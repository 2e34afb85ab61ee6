"""A mid-year target adjustment (计划调整) posted from a task's page by the plan office."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import Task
from planwatch.web.plans.services.submissions import reason

from ..context import workspace


@login_required
@require_POST
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    ws = workspace(request)
    task = get_object_or_404(Task.objects.visible_to(request.user).filter(plan=ws.plan), pk=pk)
    p = request.POST
    try:
        services.adjust_target(Actor.from_request(request), task, new_value=p.get("new_value", "").strip(),
                               new_text=p.get("new_text", ""), reason=p.get("reason", ""),
                               effective=p.get("effective", "").strip(), expected_value=p.get("expected", ""))
    except ValidationError as exc:
        for msgs in exc.message_dict.values():
            for m in msgs:
                messages.error(request, m)
        request.session["adjust_posted"] = {k: p.get(k, "") for k in ("new_value", "new_text", "reason", "effective")}
    except (Conflict, PermissionDenied) as exc:
        messages.error(request, reason(exc))
    else:
        messages.success(request, _("Target adjusted: %(task)s") % {"task": task.name})
    return redirect(f"/tasks/{task.pk}/#adjustments")
