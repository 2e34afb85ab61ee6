"""The change log of the plan for its plan office, with filters: who, what (action, kind of object, text),
when (from, to)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.web.plans.models import ObjectChange
from planwatch.web.plans.models.changes import Action

from ..context import workspace

OBJECT_TYPES = ("plans.submission", "plans.task", "plans.project", "plans.projectupdate", "plans.reportinground",
                "plans.plan", "plans.membership", "plans.department", "plans.attachment", "plans.comment",
                "plans.reminderlog", "auth.user")


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not ws.is_planoffice:
        raise Http404("the plan office's page")
    qs = ObjectChange.objects.visible_to(request.user).filter(plan=ws.plan)
    f = {k: request.GET.get(k, "").strip() for k in ("user", "action", "type", "q", "since", "until")}
    if f["user"]:
        qs = qs.filter(user_name__icontains=f["user"])
    if f["action"]:
        qs = qs.filter(action=f["action"])
    if f["type"]:
        qs = qs.filter(object_type=f["type"])
    if f["q"]:
        qs = qs.filter(object_repr__icontains=f["q"])
    since, until = _day(f["since"]), _day(f["until"])
    if since:
        qs = qs.filter(time__date__gte=since)
    if until:
        qs = qs.filter(time__date__lte=until)
    page = Paginator(qs.order_by("-time", "-id"), 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "pages/audit/index.html", {
        "ws": ws, "page": page, "f": f, "actions": Action.choices, "types": OBJECT_TYPES,
        "query": query.urlencode()})
