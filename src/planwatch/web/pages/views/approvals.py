"""The approval queue (审核): approve, return with a comment, approve in bulk, all through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planwatch.web.plans import scoping, services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import Department, Submission, SubmissionStatus

from ..context import workspace

S = SubmissionStatus
PAGE_SIZE = 200


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not ws.can_approve or (ws.role == scoping.HEAD and not ws.plan.require_head_approval):
        raise Http404("not an approver")  # a head approves only where the plan has the head step
    waiting = (Submission.objects.visible_to(request.user)
               .filter(task__plan=ws.plan, status__in=(S.SUBMITTED, S.HEAD_APPROVED))
               .select_related("task", "task__lead", "task__area", "submitted_by")
               .order_by("submitted_at", "id"))
    if request.method == "POST":
        actor = Actor.from_request(request)
        by_id = {s.pk: s for s in waiting}
        if "bulk_approve" in request.POST:
            ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
            chosen = [by_id[i] for i in ids if i in by_id]
            if not chosen:
                messages.info(request, _("Tick the submissions to approve."))
            else:
                done, failed = services.bulk_approve(
                    actor, [(s, request.POST.get(f"version-{s.pk}")) for s in chosen])
                if done:
                    messages.success(request, ngettext("%(n)d submission approved.", "%(n)d submissions approved.",
                                                       len(done)) % {"n": len(done)})
                for pk, why in failed.items():
                    messages.error(request, f"{by_id[pk].task.name}: {why}")
            return redirect(request.get_full_path())
        for action in ("approve", "return"):
            value = request.POST.get(action, "")
            if not value.isdigit():
                continue
            sub = by_id.get(int(value))
            if sub is None:  # decided by someone else since the page was shown, or not the user's to see
                gone = Submission.objects.visible_to(request.user).filter(pk=int(value)).select_related("task").first()
                if gone is None:
                    raise Http404("no such submission")
                messages.error(request, _("%(task)s was decided meanwhile: %(status)s.")
                               % {"task": gone.task.name, "status": gone.get_status_display()})
                return redirect(request.get_full_path())
            v = request.POST.get(f"version-{sub.pk}")
            try:
                if action == "approve":
                    services.approve(actor, sub, version=v)
                    messages.success(request, _("Approved: %(task)s") % {"task": sub.task.name})
                else:
                    services.return_(actor, sub, request.POST.get(f"comment-{sub.pk}", ""), version=v)
                    messages.success(request, _("Returned: %(task)s") % {"task": sub.task.name})
            except (ValidationError, Conflict, PermissionDenied) as exc:
                messages.error(request, f"{sub.task.name}: {_error_text(exc)}")
            return redirect(request.get_full_path())
    department = request.GET.get("department", "")
    shown = waiting.filter(task__lead__code=department) if department else waiting
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    departments = (Department.objects.filter(plan=ws.plan, led_tasks__submissions__in=waiting)
                   .distinct().order_by("seq", "id"))
    return render(request, "pages/approvals/queue.html", {
        "ws": ws, "waiting": page, "count": page.paginator.count, "department": department,
        "departments": departments})
