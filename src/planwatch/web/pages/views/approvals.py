"""The approval queue (审核): each approver sees only what they can decide, with the context to decide it
(previous figure, target, share of the target, change since the last report, flags from
``planwatch.core.review``); approve, return with a comment, approve or return the ticked in bulk; project
updates the same way. Every decision goes through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planwatch.web.plans import scoping, services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import (
    Attachment,
    Department,
    ProjectUpdate,
    Submission,
    SubmissionStatus,
    UpdateStatus,
)
from planwatch.web.plans.reviewing import contexts
from planwatch.web.plans.services import projects as project_review
from planwatch.web.plans.services.submissions import reason

from ..context import Workspace, workspace

S = SubmissionStatus
PAGE_SIZE = 200


def decidable_states(ws: Workspace) -> tuple[Any, ...]:
    """The states this user decides: with the head step, heads decide submitted figures of their department
    and the plan office those the head approved; without it, the plan office decides both."""
    head_step = ws.plan.require_head_approval
    if ws.role == scoping.HEAD:
        return (S.SUBMITTED,) if head_step else ()
    if ws.is_planoffice:
        return (S.HEAD_APPROVED,) if head_step else (S.SUBMITTED, S.HEAD_APPROVED)
    return ()


def waiting_submissions(request: HttpRequest, ws: Workspace) -> QuerySet[Submission]:
    return (Submission.objects.visible_to(request.user)
            .filter(task__plan=ws.plan, status__in=decidable_states(ws))
            .select_related("task", "task__lead", "task__area", "task__plan", "submitted_by")
            .order_by("submitted_at", "id"))


def waiting_updates(request: HttpRequest, ws: Workspace) -> QuerySet[ProjectUpdate]:
    return (ProjectUpdate.objects.visible_to(request.user)
            .filter(project__plan=ws.plan, status__in=decidable_states(ws))
            .select_related("project", "project__lead", "created_by").order_by("created_at", "id"))


def _decide_one(request: HttpRequest, actor: Actor, item: Submission | ProjectUpdate, action: str) -> None:
    v = request.POST.get(f"version-{_key(item)}")  # the version read; none or a stale one is refused
    name = item.task.name if isinstance(item, Submission) else item.project.name
    try:
        if isinstance(item, Submission):
            if action == "approve":
                services.approve(actor, item, version=v)
            else:
                services.return_(actor, item, request.POST.get(f"comment-{_key(item)}", ""), version=v)
        elif action == "approve":
            project_review.approve_update(actor, item, version=v)
        else:
            project_review.return_update(actor, item, request.POST.get(f"comment-{_key(item)}", ""), version=v)
        messages.success(request, (_("Approved: %(task)s") if action == "approve" else _("Returned: %(task)s"))
                         % {"task": name})
    except (ValidationError, Conflict, PermissionDenied) as exc:  # VersionRequired is a Conflict
        messages.error(request, f"{name}: {reason(exc)}")


def _key(item: Submission | ProjectUpdate) -> str:
    """A submission by its id (as the form always sent it), a project update by ``u`` and its id."""
    return str(item.pk) if isinstance(item, Submission) else f"u{item.pk}"


def _parse(key: str) -> tuple[str, int] | None:
    if key.isdigit():
        return "s", int(key)
    if key[:1] == "u" and key[1:].isdigit():
        return "u", int(key[1:])
    return None


def _bulk(request: HttpRequest, actor: Actor, subs: dict[int, Submission], updates: dict[int, ProjectUpdate],
          action: str) -> None:
    keys = [k for k in (_parse(k) for k in request.POST.getlist("ids")) if k is not None]
    chosen_subs = [subs[pk] for kind, pk in keys if kind == "s" and pk in subs]
    chosen_updates = [updates[pk] for kind, pk in keys if kind == "u" and pk in updates]
    if not chosen_subs and not chosen_updates:
        messages.info(request, _("Tick the figures to decide first."))
        return
    comment = request.POST.get("bulk_comment", "")
    failed: dict[str, str] = {}
    done = 0
    versions = [(sub, request.POST.get(f"version-{_key(sub)}")) for sub in chosen_subs]
    try:
        if action == "approve":
            ok, bad = services.bulk_approve(actor, versions)
        else:
            ok, bad = services.bulk_return(actor, versions, comment)
    except ValidationError as exc:
        messages.error(request, reason(exc))
        return
    done += len(ok)
    failed.update({subs[pk].task.name: why for pk, why in bad.items()})
    for u in chosen_updates:
        version = request.POST.get(f"version-{_key(u)}")
        try:
            if action == "approve":
                project_review.approve_update(actor, u, version=version)
            else:
                project_review.return_update(actor, u, comment, version=version)
            done += 1
        except (ValidationError, Conflict, PermissionDenied) as exc:
            failed[u.project.name] = reason(exc)
    if done:
        messages.success(request, (ngettext("%(n)d figure approved.", "%(n)d figures approved.", done)
                                   if action == "approve" else
                                   ngettext("%(n)d figure returned.", "%(n)d figures returned.", done))
                         % {"n": done})
    for name, why in failed.items():
        messages.error(request, f"{name}: {why}")


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not decidable_states(ws):
        raise Http404("not an approver")  # a head approves only where the plan has the head step
    waiting = waiting_submissions(request, ws)
    updates = waiting_updates(request, ws)
    if request.method == "POST":
        actor = Actor.from_request(request)
        subs = {s.pk: s for s in waiting}
        ups = {u.pk: u for u in updates}
        for bulk in ("bulk_approve", "bulk_return"):
            if bulk in request.POST:
                _bulk(request, actor, subs, ups, bulk.removeprefix("bulk_"))
                return redirect(request.get_full_path())
        for action in ("approve", "return"):
            parsed = _parse(request.POST.get(action, ""))
            if parsed is None:
                continue
            kind, pk = parsed
            model: Any = Submission if kind == "s" else ProjectUpdate
            item: Submission | ProjectUpdate | None = subs.get(pk) if kind == "s" else ups.get(pk)
            if item is None:  # decided by someone else since the page was shown, or not the user's to see
                gone = model.objects.visible_to(request.user).filter(pk=pk).first()
                if gone is None:
                    raise Http404("no such figure")
                messages.error(request, _("%(task)s was decided meanwhile: %(status)s.")
                               % {"task": gone.task.name if model is Submission else gone.project.name,
                                  "status": gone.get_status_display()})
                return redirect(request.get_full_path())
            _decide_one(request, actor, item, action)
            return redirect(request.get_full_path())
    department = request.GET.get("department", "")
    shown = waiting.filter(task__lead__code=department) if department else waiting
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    figures = contexts(page.object_list)
    files: dict[tuple[str, int], list[Attachment]] = {}
    for a in Attachment.objects.filter(submission__in=list(page.object_list)).order_by("id"):
        files.setdefault(("s", a.submission_id or 0), []).append(a)
    shown_updates = list(updates.filter(project__lead__code=department) if department else updates)
    for a in Attachment.objects.filter(project_update__in=shown_updates).order_by("id"):
        files.setdefault(("u", a.project_update_id or 0), []).append(a)
    rows = [{"s": s, "key": _key(s), "review": figures.get(s.pk), "files": files.get(("s", s.pk), [])}
            for s in page.object_list]
    update_rows = [{"u": u, "key": _key(u), "flags": project_review.flags(u), "files": files.get(("u", u.pk), [])}
                   for u in shown_updates]
    departments = (Department.objects.filter(plan=ws.plan, led_tasks__submissions__in=waiting)
                   .distinct().order_by("seq", "id"))
    return render(request, "pages/approvals/queue.html", {
        "ws": ws, "waiting": page, "rows": rows, "update_rows": update_rows,
        "count": page.paginator.count + len(shown_updates), "department": department,
        "departments": departments, "head_step": ws.plan.require_head_approval,
        "states": [UpdateStatus(s).label for s in decidable_states(ws)]})
