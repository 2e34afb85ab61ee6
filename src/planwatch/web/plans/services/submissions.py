"""The workflow of progress submissions (填报), with the one optimistic-locking scheme (``locking``).

Workflow of a submission (填报): draft → submitted → approved, or → returned (with a comment) →
submitted again. Where the plan turns on the department-head step: submitted → head_approved →
approved. An approved submission never changes; approving a newer one for the same task and date
supersedes it. Four eyes (``Plan.four_eyes``, on unless a small office turns it off): nobody approves —
as head or as plan office — a figure they submitted themselves.

Every change: the row locked, the actor's right checked, then the version they read (none → 428, another →
409), then the state; written with ``version + 1`` and logged.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import Conflict, PermissionDenied, StateError, ValidationError, VersionRequired
from ..models import Plan, ReportingRound, Submission, SubmissionStatus, Task
from ..models.changes import Action
from ..validation import clean_account, clean_figure
from .locking import check_version, lock, service, write

S = SubmissionStatus
EDITABLE = (S.DRAFT, S.RETURNED)


def _locked(sub: Submission) -> Submission:
    return lock(Submission.objects.select_related("task__plan", "round"), sub.pk)


def _save(actor: Actor, sub: Submission, fields: dict[str, Any], action: Any) -> Submission:
    """Write ``fields`` on the locked row (version + 1) and log before and after."""
    return write(actor, sub, fields, action, plan=sub.task.plan)


def _user(actor: Actor) -> Any:
    return actor.user if getattr(actor.user, "pk", None) else None


def _four_eyes(actor: Actor, plan: Plan, sub: Submission) -> None:
    """Nobody approves a figure they submitted (unless the plan turned four eyes off)."""
    user = _user(actor)
    if plan.four_eyes and user is not None and sub.submitted_by_id == user.pk:
        raise PermissionDenied(_("You submitted this figure; someone else approves it (four eyes)"))


def _require_report(actor: Actor, task: Task) -> None:
    if not scoping.can_report(actor.user, task.plan_id, task.lead_id):
        raise PermissionDenied(_("You may not report on this task"))


def _resolve_round(task: Task, round_: Any) -> ReportingRound | None:
    if round_ is None or round_ == "":
        return None
    if isinstance(round_, ReportingRound):
        return round_
    try:
        found = ReportingRound.objects.filter(pk=int(round_), plan_id=task.plan_id).first()
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        raise ValidationError({"round": [_("No such reporting round")]})
    return found


@service
def create_draft(actor: Actor, task: Task, *, value: Any, as_of: Any, note: str = "", unit: Any = "",
                 round: Any = None, source_row_hash: str = "", source_file: str = "",
                 source_row: int = 0, account: str = "", scope: str = "") -> Submission:
    """A draft (草稿). From an Excel upload pass the file name, row and the row's hash: the same row
    uploaded again returns the submission it made the first time instead of a second one."""
    _require_report(actor, task)
    rnd = _resolve_round(task, round)
    number, unit_text, day = clean_figure(task, value, unit, as_of, rnd)
    account_text, scope_text = clean_account(task, account or "", scope) if (account or task.target_value is not None) \
        else ("", str(scope or ""))
    if source_row_hash:
        existing = Submission.objects.filter(task=task, source_row_hash=source_row_hash).first()
        if existing is not None:
            return existing  # the same Excel row uploaded again: nothing new
    sub = Submission.objects.create(task=task, round=rnd, value=number, unit=unit_text, as_of=day,
                                    note=note or "", account=account_text, scope=scope_text,
                                    created_by=_user(actor), source_row_hash=source_row_hash,
                                    origin_file=source_file[:300], origin_row=max(0, int(source_row)))
    changelog.record(actor, Action.CREATE, sub, None, changelog.snapshot(sub), plan=task.plan)
    return sub


@service
def update_draft(actor: Actor, sub: Submission, *, version: Any = None, **changes: Any) -> Submission:
    """Change the figure of a draft or returned submission (approved figures never change)."""
    sub = _locked(sub)
    _require_report(actor, sub.task)
    check_version(sub, version)
    if sub.status not in EDITABLE:
        raise StateError(_("Only drafts and returned submissions can be changed"))
    rnd = _resolve_round(sub.task, changes.get("round", sub.round))
    number, unit_text, day = clean_figure(sub.task, changes.get("value", sub.value), changes.get("unit", sub.unit),
                                          changes.get("as_of", sub.as_of), rnd, exclude_id=sub.pk)
    account, scope = changes.get("account", sub.account), changes.get("scope", sub.scope)
    account_text, scope_text = (clean_account(sub.task, account, scope) if account or sub.task.target_value is not None
                                else ("", str(scope or "")))
    fields = {"value": str(number) if number is not None else None, "unit": unit_text, "as_of": day,
              "note": changes.get("note", sub.note) or "", "round": rnd, "account": account_text,
              "scope": scope_text}
    return _save(actor, sub, fields, Action.UPDATE)


@service
def submit(actor: Actor, sub: Submission, *, version: Any = None) -> Submission:
    """Draft or returned → submitted (报送; for a returned one, 重新报送)."""
    sub = _locked(sub)
    _require_report(actor, sub.task)
    check_version(sub, version)
    if sub.status not in EDITABLE:
        raise StateError(_("Only drafts and returned submissions can be submitted"))
    clean_figure(sub.task, sub.value, sub.unit, sub.as_of, sub.round, exclude_id=sub.pk)
    clean_account(sub.task, sub.account, sub.scope)  # a task without a quantity is reported in words
    return _save(actor, sub, {"status": S.SUBMITTED, "submitted_by": _user(actor),
                              "submitted_at": timezone.now(), "comment": ""}, Action.SUBMIT)


resubmit = submit


@service
def report(actor: Actor, task: Task, *, value: Any, as_of: Any, note: str = "", unit: Any = "",
           round: Any = None, account: str = "", scope: str = "") -> Submission:
    """Create and submit in one step (the API's ``POST /api/tasks/{id}/submissions/``)."""
    sub = create_draft(actor, task, value=value, as_of=as_of, note=note, unit=unit, round=round,
                       account=account, scope=scope)
    return submit(actor, sub, version=sub.version)


def _may_decide(actor: Actor, plan: Plan, task: Task) -> tuple[bool, bool]:
    """(plan office, head of the lead department where the plan has the head step)."""
    office = scoping.is_planoffice(actor.user, plan.pk)
    head = plan.require_head_approval and scoping.is_head_of(actor.user, plan.pk, task.lead_id)
    return office, head


@service
def approve(actor: Actor, sub: Submission, *, version: Any = None, recompute: bool = True) -> Submission:
    """The decision of the plan office (or, where the plan has the step, the department head first)."""
    sub = _locked(sub)
    plan, task = sub.task.plan, sub.task
    office, head = _may_decide(actor, plan, task)
    if not (office or head):
        raise PermissionDenied(_("You may not approve this submission"))
    check_version(sub, version)
    user = _user(actor)
    if sub.status == S.SUBMITTED and plan.require_head_approval:
        if not head:
            raise StateError(_("The department head approves first"))
        _four_eyes(actor, plan, sub)
        return _save(actor, sub, {"status": S.HEAD_APPROVED, "head_decided_by": user}, Action.HEAD_APPROVE)
    if sub.status in (S.SUBMITTED, S.HEAD_APPROVED):
        if not office:
            raise PermissionDenied(_("Only the plan office approves"))
        _four_eyes(actor, plan, sub)
        # final approvals of a plan one at a time (after the submission's own lock, always in that order):
        # two figures of one task and date approved at once would both stay approved, two seq numbers clash
        Plan.objects.select_for_update(no_key=True).filter(pk=plan.pk).values_list("pk", flat=True).get()
        clean_figure(task, sub.value, sub.unit, sub.as_of, None, exclude_id=sub.pk)
        _supersede(actor, sub)
        seq = (Submission.objects.filter(task__plan=plan).aggregate(m=Max("seq"))["m"] or 0) + 1
        fresh = _save(actor, sub, {"status": S.APPROVED, "decided_by": user, "decided_at": timezone.now(),
                                   "seq": seq}, Action.APPROVE)
        if recompute:
            from ..recompute import recompute_after_approval

            recompute_after_approval(plan, task, fresh.as_of)
        return fresh
    raise StateError(_("A submission in the state “%(status)s” cannot be approved")
                     % {"status": sub.get_status_display()})


def _supersede(actor: Actor, sub: Submission) -> None:
    """The approved figure of the same task and date gives way (the system acts: its own current version)."""
    for old in Submission.objects.select_for_update().filter(
            task_id=sub.task_id, as_of=sub.as_of, status=S.APPROVED).exclude(pk=sub.pk).order_by("pk"):
        _save(actor, old, {"status": S.SUPERSEDED}, Action.SUPERSEDE)


@service
def return_(actor: Actor, sub: Submission, comment: str, *, version: Any = None) -> Submission:
    """Send a submission back to its department with a comment (退回)."""
    sub = _locked(sub)
    plan, task = sub.task.plan, sub.task
    office, head = _may_decide(actor, plan, task)
    if not (office or head):
        raise PermissionDenied(_("You may not return this submission"))
    check_version(sub, version)
    if not (comment or "").strip():
        raise ValidationError({"comment": [_("Say why it is returned")]})
    allowed = {S.SUBMITTED, S.HEAD_APPROVED} if office else {S.SUBMITTED}
    if sub.status not in allowed:
        raise StateError(_("A submission in the state “%(status)s” cannot be returned")
                         % {"status": sub.get_status_display()})
    return _save(actor, sub, {"status": S.RETURNED, "comment": comment.strip(), "decided_by": _user(actor),
                              "decided_at": timezone.now()}, Action.RETURN)


def bulk_approve(actor: Actor, items: list[tuple[Submission, Any]]) -> tuple[list[Submission], dict[int, str]]:
    """Approve each (submission, version read) it can; the others are reported by id with the reason.
    Each approval is its own transaction (one refusal keeps the others); one recompute at the end."""
    done: list[Submission] = []
    failed: dict[int, str] = {}
    plans = {}
    for sub, version in items:
        try:
            fresh = approve(actor, sub, version=version, recompute=False)
        except (Conflict, PermissionDenied, ValidationError, VersionRequired) as exc:
            failed[sub.pk] = "; ".join(str(m) for m in exc.messages) if isinstance(exc, ValidationError) \
                else str(exc)
            continue
        done.append(fresh)
        if fresh.status == S.APPROVED:
            plans[fresh.task.plan_id] = fresh.task.plan
    if plans:
        from ..recompute import recompute_warnings

        for plan in plans.values():
            service(recompute_warnings)(plan)
    return done, failed
