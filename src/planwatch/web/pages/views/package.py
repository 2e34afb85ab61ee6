"""Plan data package: export the plan (the exchange format, .xlsx) and import a package (plan office)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.package import PackageError, PackageIssue, Unreadable, inspect, write_xlsx, xlsxread
from planwatch.package.formulas import safe_filename
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import PackageImportError, export_plan, import_package

from ..context import Workspace, workspace

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 20 * 1024 * 1024


def _office(ws: Workspace) -> None:
    if not ws.is_planoffice:
        raise Http404("the plan office's page")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    _office(ws)
    issues: list[PackageIssue] = []
    if request.method == "POST":
        f = request.FILES.get("file")
        if f is None and getattr(request, "upload_refused", False):
            messages.error(request, _("The file is larger than 20 MB."))
        elif f is None or not (f.name or "").lower().endswith(".xlsx"):
            messages.error(request, _("Choose a plan data package saved as one .xlsx workbook."))
        elif getattr(request, "upload_refused", False) or (f.size and f.size > MAX_UPLOAD):
            messages.error(request, _("The file is larger than 20 MB."))
        else:
            plan = None
            try:
                with tempfile.TemporaryDirectory(prefix="planwatch-import-") as tmp:
                    path = Path(tmp) / "package.xlsx"
                    with path.open("wb") as out:
                        for chunk in f.chunks():
                            out.write(chunk)
                    plan, issues = inspect(path, limits=xlsxread.UPLOAD)
            except (Unreadable, xlsxread.TooLarge) as exc:
                messages.error(request, _("Nothing was imported: %(why)s") % {"why": exc})
            else:
                errors = [i for i in issues if i.is_error]
                if plan is not None and not errors:
                    try:
                        obj = import_package(plan, actor=Actor.from_request(request), recompute=True)
                    except (PackageError, PackageImportError) as exc:
                        messages.error(request, _("Nothing was imported: %(why)s") % {"why": exc})
                    else:
                        messages.success(request, _("Imported %(title)s.") % {"title": obj.title})
                        return redirect(f"/?plan={obj.pk}")
                else:
                    messages.error(request, _("Nothing was imported: the package has errors."))
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    return render(request, "pages/package/index.html", {
        "ws": ws, "issues": [(i, i.format(lang)) for i in issues]})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    _office(ws)
    with tempfile.TemporaryDirectory(prefix="planwatch-export-") as tmp:
        data = write_xlsx(export_plan(ws.plan), Path(tmp) / "package.xlsx").read_bytes()
    resp = HttpResponse(data, content_type=XLSX)
    name = safe_filename(f"planwatch-{ws.plan.region.code}-{ws.plan.year}")
    resp["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
    return resp
