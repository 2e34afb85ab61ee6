"""The plan office's settings of the plan: the head approval step, four eyes, the lagging thresholds, the
reporting schedule and the reviewer's jump factor (``services.update_settings``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.services import schedule

from ..context import workspace
from .reporting import field_errors

THRESHOLDS = ("mode", "lagging", "serious")
REPORTING = ("frequency", "opens_day", "deadline_day", "remind_days_before", "close_days_after_deadline")


def _current(settings: dict[str, Any]) -> dict[str, Any]:
    th = settings.get("thresholds") or {}
    sched = schedule.of(settings)
    return {"mode": th.get("mode", "pp"), "lagging": th.get("lagging", 10), "serious": th.get("serious", 30),
            "frequency": sched.frequency, "opens_day": sched.opens_day, "deadline_day": sched.deadline_day,
            "remind_days_before": sched.remind_days_before,
            "close_days_after_deadline": "" if sched.close_days_after_deadline is None
            else sched.close_days_after_deadline,
            "jump_factor": (settings.get("review") or {}).get("jump_factor", "3")}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not ws.is_planoffice:
        raise Http404("the plan office's page")
    values = {**_current(ws.plan.settings or {}), "require_head_approval": ws.plan.require_head_approval,
              "four_eyes": ws.plan.four_eyes}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        p = request.POST
        values = {k: p.get(k, "").strip() for k in (*THRESHOLDS, *REPORTING, "jump_factor")}
        values["four_eyes"] = p.get("four_eyes") == "1"
        values["require_head_approval"] = p.get("require_head_approval") == "1"
        try:
            services.update_settings(
                Actor.from_request(request), ws.plan, version=p.get("version"),
                require_head_approval=values["require_head_approval"],
                four_eyes=values["four_eyes"], thresholds={k: values[k] for k in THRESHOLDS},
                reporting={k: values[k] for k in REPORTING}, review={"jump_factor": values["jump_factor"]})
        except ValidationError as exc:
            errors = field_errors(exc)
        except (Conflict, PermissionDenied) as exc:  # a stale or missing version too
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The plan's settings are saved."))
            return redirect(request.path)
    return render(request, "pages/settings/index.html", {
        "ws": ws, "v": values, "errors": errors, "frequencies": schedule.FREQUENCIES})
