"""Reporting rounds for the plan office: open one (2021年6月, with a deadline), close it; through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import ReportingRound

from ..context import workspace
from .reporting import field_errors

FIELDS = ("label", "period", "opens", "deadline")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not ws.is_planoffice:
        raise Http404("the plan office's page")
    rounds = ReportingRound.objects.visible_to(request.user).filter(plan=ws.plan).order_by("-opens", "-id")
    errors: dict[str, list[str]] = {}
    posted = {f: request.POST.get(f, "").strip() for f in FIELDS}
    if request.method == "POST":
        actor = Actor.from_request(request)
        if request.POST.get("close", "").isdigit():
            rnd = rounds.filter(pk=int(request.POST["close"])).first()
            if rnd is None:
                raise Http404("no such round")
            try:
                services.close_round(actor, rnd, version=request.POST.get(f"version-{rnd.pk}"))
                messages.success(request, _("Closed: %(label)s") % {"label": rnd.label})
            except (Conflict, PermissionDenied) as exc:
                messages.error(request, str(exc))
            return redirect(request.path)
        try:
            rnd = services.open_round(actor, ws.plan, **posted)
        except ValidationError as exc:
            errors = field_errors(exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Opened: %(label)s") % {"label": rnd.label})
            return redirect(request.path)
    return render(request, "pages/rounds/index.html", {
        "ws": ws, "rounds": rounds, "errors": errors, "posted": posted})
