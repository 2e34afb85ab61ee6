"""Next year's plan: the plan office downloads a draft package of next year drafted from this year's ledger
(targets blank, to be filled in), then imports it on the package page, which carries last year's
departments and people over (``plans.services.years``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from planwatch.package import write_xlsx
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.services import years

from ..context import workspace

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def draft(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not ws.is_planoffice:
        raise Http404("the plan office's page")
    plan = years.draft_next_year(Actor.from_request(request), ws.plan)
    with tempfile.TemporaryDirectory(prefix="planwatch-next-") as tmp:
        data = write_xlsx(plan, Path(tmp) / "draft.xlsx").read_bytes()
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="planwatch-{ws.plan.region.code}-{plan.year}-draft.xlsx"'
    return resp
