"""The reporting page of a department (填报): its tasks, what is due, one form to report them all.

Every figure goes through the workflow services (``plans.services``): they check rights and values and
answer field-level errors. The form is all or nothing: if one row has an error, nothing is saved and
every row keeps what was typed, with the error beside the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import Department, RoundStatus, Submission, SubmissionStatus, Task

from ..context import Workspace, period_end, workspace
from ..progress import task_rows

S = SubmissionStatus
OPEN_STATES = (S.DRAFT, S.SUBMITTED, S.HEAD_APPROVED, S.RETURNED)


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
    return {"value": [str(m) for m in exc.messages]}


def reportable_tasks(request: HttpRequest, ws: Workspace) -> tuple[Any, Department | None]:
    """The tasks this user reports: their department's; the plan office picks a department."""
    if not ws.can_report:
        raise Http404("not a reporter")
    tasks = Task.objects.writable_by(request.user).filter(plan=ws.plan)
    department = None
    if ws.department_id:
        department = Department.objects.filter(pk=ws.department_id).first()
    else:
        code = request.GET.get("department") or request.POST.get("department") or ""
        department = Department.objects.filter(plan=ws.plan, code=code).first() if code else None
        if department is None:
            department = Department.objects.filter(plan=ws.plan, led_tasks__isnull=False).order_by("seq", "id").first()
    if department is not None:
        tasks = tasks.filter(lead=department)
    return tasks.order_by("seq", "id"), department


def open_submissions(tasks: Any) -> dict[int, Submission]:
    """The newest submission of each task still in the workflow (not approved, not superseded)."""
    out: dict[int, Submission] = {}
    for s in Submission.objects.filter(task__in=tasks, status__in=OPEN_STATES).order_by("task_id", "created_at", "id"):
        out[s.task_id] = s
    return out


def round_bounds(ws: Workspace) -> tuple[dt.date, dt.date] | None:
    if ws.round is None:
        return None
    end = period_end(ws.round.period)
    if end is None:
        return None
    from planwatch.core.periods import parse_period

    return parse_period(ws.round.period).start, end


@login_required
def report(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    tasks, department = reportable_tasks(request, ws)
    rows = task_rows(tasks, ws.plan, ws.on)
    pending = open_submissions(tasks)
    rnd = ws.round if ws.round is not None and ws.round.status == RoundStatus.OPEN else None
    default_as_of = ws.report_on
    errors: dict[int, dict[str, list[str]]] = {}
    posted: dict[int, dict[str, str]] = {}

    if request.method == "POST":
        actor = Actor.from_request(request)
        models = {t.pk: t for t in tasks}

        def save_all() -> int:  # all rows or none, retried as one on a deadlock
            saved = 0
            errors.clear()
            for row in rows:
                pk = row.task.pk
                data = {f: request.POST.get(f"{f}-{pk}", "").strip() for f in ("value", "as_of", "note", "account")}
                posted[pk] = data
                if not data["value"] and not data["note"] and not data["account"]:
                    continue
                as_of = data["as_of"] or default_as_of.isoformat()
                try:
                    with transaction.atomic():
                        _report_one(actor, models[pk], pending.get(pk), data["value"], as_of, data["note"], rnd,
                                    request.POST.get(f"version-{pk}"), data["account"])
                    saved += 1
                except ValidationError as exc:
                    errors[pk] = field_errors(exc)
                except (Conflict, PermissionDenied) as exc:
                    errors[pk] = {"row": [str(exc)]}
            if errors:
                transaction.set_rollback(True)
            return saved

        saved = services.run_atomic(save_all)
        if errors:
            messages.error(request, ngettext(
                "%(n)d row has an error: nothing was saved. Correct it and submit again.",
                "%(n)d rows have errors: nothing was saved. Correct them and submit again.", len(errors))
                % {"n": len(errors)})
        elif saved:
            messages.success(request, ngettext("%(n)d figure submitted for approval.",
                                               "%(n)d figures submitted for approval.", saved) % {"n": saved})
            return redirect(request.get_full_path())
        else:
            messages.info(request, _("Nothing was filled in."))

    lines = [{
        "row": row,
        "pending": pending.get(row.task.pk),
        "errors": errors.get(row.task.pk, {}),
        "posted": posted.get(row.task.pk, {}),
    } for row in rows]
    reported = {t for t, s in pending.items() if s.status != S.DRAFT}
    if rnd is not None:
        reported |= set(Submission.objects.filter(task__in=tasks, round=rnd, status=S.APPROVED)
                        .values_list("task_id", flat=True))
    departments = (Department.objects.filter(plan=ws.plan, led_tasks__isnull=False).distinct().order_by("seq", "id")
                   if ws.is_planoffice else [])
    return render(request, "pages/reporting/report.html", {
        "ws": ws, "lines": lines, "department": department, "departments": departments, "round": ws.round,
        "round_open": rnd is not None, "bounds": round_bounds(ws), "default_as_of": default_as_of,
        "due": len(rows) - len(reported & {r.task.pk for r in rows}), "has_errors": bool(errors),
    })


def _report_one(actor: Actor, task: Task, pending: Submission | None, value: str, as_of: str, note: str,
                rnd: Any, version: str | None, account: str = "") -> Submission:
    if pending is not None and pending.status in (S.RETURNED, S.DRAFT):
        sub = services.update_draft(actor, pending, version=version, value=value, as_of=as_of, note=note,
                                    account=account)
        return services.submit(actor, sub, version=sub.version)
    if pending is not None:
        raise ValidationError({"value": [_("A figure of this task is awaiting approval; wait for the decision.")]})
    return services.report(actor, task, value=value, as_of=as_of, note=note, round=rnd, account=account)
