"""The office's everyday outputs in Excel: the task ledger (with the ledger page's filters), the warnings,
and a round's status per department. Headers in the interface's language; a text cell that a spreadsheet
would read as a formula (=, +, -, @) is written with a leading apostrophe, so it stays text."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planwatch.web.plans import clock
from planwatch.web.plans.models import ReportingRound, Task, WarningRecord
from planwatch.web.plans.rounds_words import round_name

from ..context import workspace
from ..progress import task_rows
from ..severity import SEVERITY
from ..templatetags.pages_tags import loc
from ..words import rule_label, unit_words, warning_message, warning_rule_type

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Any) -> Any:
    """A cell value that is never a formula: text starting like one gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def workbook(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    ws.append([safe(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in header]
    for row in rows:
        ws.append([safe(v) for v in row])
        widths = [max(w, len(str(v or ""))) for w, v in zip(widths, row, strict=False)]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, w * 1.6))
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _response(data: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


def _status_label(status: str) -> str:
    from django.template.loader import render_to_string

    return render_to_string("pages/_status_label.html", {"status": status}).strip()


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    tasks = Task.objects.visible_to(request.user).filter(plan=ws.plan)
    for field, lookup in (("area", "area__code"), ("department", "lead__code")):
        if request.GET.get(field):
            tasks = tasks.filter(**{lookup: request.GET[field]})
    rows = task_rows(tasks.order_by("seq", "id"), ws.plan, ws.on)
    if request.GET.get("status"):
        rows = [r for r in rows if r.status == request.GET["status"]]
    if request.GET.get("overdue") == "1":
        rows = [r for r in rows if r.overdue]
    header = [_("Code"), _("Task"), _("Area"), _("Lead department"), _("Target"), _("Target value"), _("Unit"),
              _("Cumulative done"), _("As of"), _("Share done (%)"), _("Time progress (%)"), _("Status")]
    body = [[r.task.code, loc(r.task), loc(r.task.area), loc(r.task.lead), r.task.target_text,
             r.task.target_value, unit_words(r.task.unit), r.latest.value if r.latest else None,
             r.latest.as_of if r.latest else None, r.done_pct, r.time_pct, _status_label(r.status)] for r in rows]
    data = workbook(_("Task ledger"), header, body)
    return _response(data, f"planwatch-{ws.plan.year}-ledger-{ws.on:%Y%m%d}.xlsx")


@login_required
def warnings(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    qs = WarningRecord.objects.visible_to(request.user).filter(plan=ws.plan).select_related("department")
    if request.GET.get("level"):
        qs = qs.filter(level=request.GET["level"])
    header = [_("Level"), _("Warning type"), _("Subject"), _("Warning"), _("Department")]
    body = [[w.get_level_display(), rule_label(warning_rule_type(w)), w.subject_code, warning_message(w),
             loc(w.department)] for w in qs.order_by(SEVERITY, "rule", "subject_code")]
    return _response(workbook(_("Warnings"), header, body), f"planwatch-{ws.plan.year}-warnings.xlsx")


@login_required
def round_status(request: HttpRequest, pk: int) -> HttpResponse:
    from planwatch.web.plans.services.rounds import overview

    ws = workspace(request)
    if not ws.is_planoffice:
        raise Http404("the plan office's page")
    rnd = get_object_or_404(ReportingRound.objects.visible_to(request.user).filter(plan=ws.plan), pk=pk)
    header = [_("Department"), _("Tasks"), _("Reported"), _("Approved"), _("Awaiting approval"), _("Returned"),
              _("Late"), _("Last reminded")]
    body = [[loc(x.department), x.tasks, x.reported, x.approved, x.awaiting, x.returned,
             _("Yes") if x.late else _("No"), x.reminded] for x in overview(rnd, clock.today(), reminders=True)]
    return _response(workbook(round_name(rnd.period), header, body), f"planwatch-round-{rnd.period}.xlsx")
