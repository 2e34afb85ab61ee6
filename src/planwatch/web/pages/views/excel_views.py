"""Excel round-trip of the reporting page: download the department's template, upload it filled in.

Uploading checks every row (``pages.excel``) and then saves through the workflow service
``plans.services.uploads.save_rows``. A file
with errors saves nothing, unless the user ticked "save the good rows". Each row is saved with its
fingerprint (task, as of, value) as ``source_row_hash``, so the same file uploaded twice creates
nothing the second time.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.package.formulas import safe_filename
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.models import RoundStatus
from planwatch.web.plans.services import uploads
from planwatch.web.uploads import limit_for, megabytes

from .. import excel
from ..context import Workspace, workspace
from ..progress import task_rows
from .reporting import reportable_tasks, round_bounds

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIELD_COLUMN = {"value": "value", "as_of": "as_of", "unit": "unit", "note": "note", "round": "as_of",
                "code": "code", "account": "account", "scope": "account"}


def _secret() -> str:
    return f"{settings.SECRET_KEY}:pages.excel"


def _round_info(ws: Workspace, department_code: str, department_name: str) -> excel.RoundInfo:
    bounds = round_bounds(ws)
    if ws.round is None or bounds is None or ws.round.status != RoundStatus.OPEN:
        raise Http404("no open reporting round")
    return excel.RoundInfo(ws.round.pk, ws.round.label, bounds[0], bounds[1], department_code, department_name)


def _template_tasks(request: HttpRequest, ws: Workspace) -> tuple[excel.RoundInfo, dict[int, excel.TemplateTask]]:
    tasks, department = reportable_tasks(request, ws)
    if department is None:
        raise Http404("no department")
    info = _round_info(ws, department.code, department.name)
    out = {}
    for row in task_rows(tasks, ws.plan, ws.on):
        t = row.task
        out[t.pk] = excel.TemplateTask(t.pk, t.code, t.name, t.unit, t.target_text,
                                       row.latest.value if row.latest else None,
                                       row.latest.as_of if row.latest else None)
    return info, out


@login_required
def template(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    info, tasks = _template_tasks(request, ws)
    data = excel.build_template(info, tasks.values(), _secret())
    name = safe_filename(f"planwatch-{ws.plan.year}-{ws.round.period if ws.round else ''}-{info.department_code}")
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
    return resp


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    info, tasks = _template_tasks(request, ws)
    back = reverse("pages:report") + (f"?department={info.department_code}" if ws.is_planoffice else "")
    f = request.FILES.get("file")
    if getattr(request, "upload_refused", False):
        messages.error(request, _("The upload is larger than %(mb)s MB; nothing was read.")
                       % {"mb": megabytes(limit_for(request.path_info))})
        return redirect(back)
    if f is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect(back)
    try:
        result = excel.parse_upload(f.read(), info, tasks, _secret(), filename=f.name or "upload.xlsx")
    except excel.TemplateError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    keep_good = request.POST.get("keep_good") == "1"
    by_id = {t.pk: t for t in reportable_tasks(request, ws)[0]}
    saved = uploads.save_rows(Actor.from_request(request), by_id, result.rows, round=ws.round, keep_good=keep_good,
                              file_has_errors=bool(result.errors), filename=f.name or "upload.xlsx")
    letter = {name: excel.get_column_letter(i) for name, i in excel.COL.items()}
    result.errors.extend(excel.CellError(e.row, letter[FIELD_COLUMN.get(e.field, "code")], e.field, e.message)
                         for e in saved.errors)
    created, repeated = saved.created, saved.repeated
    result.errors.sort(key=lambda e: (e.row, e.column))
    return render(request, "pages/reporting/upload_result.html", {
        "ws": ws, "info": info, "result": result, "created": created, "repeated": repeated,
        "kept": keep_good, "back": back, "filename": f.name,
    })
