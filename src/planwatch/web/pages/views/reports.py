"""Reports: generate the execution report of the plan (planwatch.report) and download it in any format."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from planwatch.core.errors import PlanwatchError
from planwatch.package.formulas import safe_filename
from planwatch.report import FORMATS, build_document, write_report
from planwatch.report.editions import EDITIONS, require_final
from planwatch.web.plans import scoping
from planwatch.web.plans.importexport import export_plan

from ..context import Workspace, workspace

CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
PERIOD = re.compile(r"^\d{4}(H[12]|Q[1-4]|-\d{2})?$")


def _allowed(ws: Workspace) -> None:
    """The report speaks for the whole plan: the plan office writes it, viewers read it."""
    if ws.role not in (scoping.PLANOFFICE, scoping.VIEWER):
        raise Http404("reports are the plan office's")


def default_period(ws: Workspace) -> str:
    """The half year of the monitoring date (2021H1 up to June), the year after."""
    return f"{ws.on.year}H1" if ws.on.month <= 6 else str(ws.on.year)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    _allowed(ws)
    return render(request, "pages/reports/index.html", {
        "ws": ws, "period": default_period(ws), "formats": FORMATS, "editions": EDITIONS,
        "lang": "en" if (get_language() or "").startswith("en") else "zh",
    })


@login_required
def download(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    _allowed(ws)
    fmt = request.GET.get("format", "pdf")
    period = request.GET.get("period") or default_period(ws)
    lang = request.GET.get("lang", "zh")
    edition = request.GET.get("edition", "working")
    if fmt not in FORMATS or lang not in ("zh", "en") or not PERIOD.match(period) or edition not in EDITIONS:
        raise Http404("no such report")
    try:
        doc = build_document(export_plan(ws.plan), period, on=ws.on, lang=lang, edition=edition)
        if edition == "official":
            require_final(doc)
    except PlanwatchError as exc:  # a period outside the plan's year; typed figures that differ from the data
        findings = [f for f in doc.meta.get("findings", []) if f["level"] == "error"] if "doc" in locals() else []
        return render(request, "pages/reports/refused.html", {"ws": ws, "message": str(exc), "findings": findings,
                                                              "period": period}, status=409)
    with tempfile.TemporaryDirectory(prefix="planwatch-report-") as out:
        data = write_report(doc, Path(out), formats=[fmt])[fmt].read_bytes()
    name = safe_filename(f"planwatch-{ws.plan.region.code}-{period}-{edition}-{lang}")
    resp = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    resp["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return resp
