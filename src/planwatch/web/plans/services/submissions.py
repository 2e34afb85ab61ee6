"""The workflow of progress submissions (填报), with optimistic locking.

Saves go through ``UPDATE … WHERE version = n``; a stale version raises ``Conflict`` naming who changed it.

Workflow of a submission (填报): draft → submitted → approved, or → returned (with a comment) →
submitted again. Where the plan turns on the department-head step: submitted → head_approved →
approved. An approved submission never changes; approving a newer one for the same task and date
supersedes it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import Conflict, PermissionDenied, StateError, ValidationError
from ..models import ReportingRound, Submission, SubmissionStatus, Task
from ..models.changes import Action
from ..validation import clean_account, clean_figure
from . import told
from .rounds import covering_round

S = SubmissionStatus
EDITABLE = (S.DRAFT, S.RETURNED)


def _reload(sub: Submission) -> Submission:
    return Submission.objects.select_related("task__plan", "round").get(pk=sub.pk)


def _last_changer(sub: Submission) -> str:
    change = changelog.changes_of(sub).order_by("-time", "-id").first()
    return change.user_name if change else ""


def _check_version(sub: Submission, expected: int | None) -> int:
    version = sub.version if expected is None else int(expected)
    if version != sub.version:
        who = _last_changer(sub)
        raise Conflict(_("This submission was changed by %(who)s since you read it; reload and try again")
                       % {"who": who or "?"}, changed_by=who, current_version=sub.version)
    return version


def _save(actor: Actor, sub: Submission, expected: int, fields: dict[str, Any], action: Any) -> Submission:
    """Write ``fields`` if nobody changed the row since version ``expected``; log before and after."""
    before = changelog.snapshot(sub)
    now = timezone.now()
    updated = Submission.objects.filter(pk=sub.pk, version=expected).update(
        **fields, version=expected + 1, updated_at=now)
    if updated != 1:
        fresh = Submission.objects.filter(pk=sub.pk).first()
        who = _last_changer(sub)
        raise Conflict(_("This submission was changed by %(who)s since you read it; reload and try again")
                       % {"who": who or "?"}, changed_by=who,
                       current_version=fresh.version if fresh else None)
    fresh = _reload(sub)
    changelog.record(actor, action, fresh, before, changelog.snapshot(fresh), plan=fresh.task.plan)
    return fresh


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


@transaction.atomic
def create_draft(actor: Actor, task: Task, *, value: Any, as_of: Any, note: str = "", unit: Any = "",
                 round: Any = None, source_row_hash: str = "", source_file: str = "",
                 source_row: int = 0, account: str = "", scope: str = "") -> Submission:
    """A draft (草稿). From an Excel upload pass the file name, row and the row's hash: the same row
    uploaded again returns the submission it made the first time instead of a second one."""
    _require_report(actor, task)
    rnd = _resolve_round(task, round)
    number, unit_text, day = clean_figure(task, value, unit, as_of, rnd)
    rnd = rnd or covering_round(task.plan_id, day)  # a closed round refuses figures of its period
    account_text, scope_text = clean_account(task, account or "", scope) if (account or task.target_value is not None) \
        else ("", str(scope or ""))
    if source_row_hash:
        existing = Submission.objects.filter(task=task, source_row_hash=source_row_hash).first()
        if existing is not None:
            return existing  # the same Excel row uploaded again: nothing new
    user = actor.user if getattr(actor.user, "pk", None) else None
    sub = Submission.objects.create(task=task, round=rnd, value=number, unit=unit_text, as_of=day,
                                    note=note or "", account=account_text, scope=scope_text,
                                    created_by=user, source_row_hash=source_row_hash,
                                    origin_file=source_file[:300], origin_row=max(0, int(source_row)))
    changelog.record(actor, Action.CREATE, sub, None, changelog.snapshot(sub), plan=task.plan)
    return sub


@transaction.atomic
def update_draft(actor: Actor, sub: Submission, *, version: int | None = None, **changes: Any) -> Submission:
    """Change the figure of a draft or returned submission (approved figures never change)."""
    sub = _reload(sub)
    _require_report(actor, sub.task)
    expected = _check_version(sub, version)
    if sub.status not in EDITABLE:
        raise StateError(_("Only drafts and returned submissions can be changed"))
    rnd = _resolve_round(sub.task, changes.get("round", sub.round))
    number, unit_text, day = clean_figure(sub.task, changes.get("value", sub.value), changes.get("unit", sub.unit),
                                          changes.get("as_of", sub.as_of), rnd, exclude_id=sub.pk)
    rnd = rnd or covering_round(sub.task.plan_id, day)
    account, scope = changes.get("account", sub.account), changes.get("scope", sub.scope)
    account_text, scope_text = (clean_account(sub.task, account, scope) if account or sub.task.target_value is not None
                                else ("", str(scope or "")))
    fields = {"value": str(number) if number is not None else None, "unit": unit_text, "as_of": day,
              "note": changes.get("note", sub.note) or "", "round": rnd, "account": account_text,
              "scope": scope_text}
    return _save(actor, sub, expected, fields, Action.UPDATE)


@transaction.atomic
def submit(actor: Actor, sub: Submission, *, version: int | None = None) -> Submission:
    """Draft or returned → submitted (报送; for a returned one, 重新报送)."""
    sub = _reload(sub)
    _require_report(actor, sub.task)
    expected = _check_version(sub, version)
    if sub.status not in EDITABLE:
        raise StateError(_("Only drafts and returned submissions can be submitted"))
    clean_figure(sub.task, sub.value, sub.unit, sub.as_of, sub.round, exclude_id=sub.pk)
    if sub.round is None:
        covering_round(sub.task.plan_id, sub.as_of)
    clean_account(sub.task, sub.account, sub.scope)  # a task without a quantity is reported in words
    user = actor.user if getattr(actor.user, "pk", None) else None
    fresh = _save(actor, sub, expected, {"status": S.SUBMITTED, "submitted_by": user,
                                         "submitted_at": timezone.now(), "comment": ""}, Action.SUBMIT)
    told.submitted(actor, fresh)
    return fresh


resubmit = submit


def report(actor: Actor, task: Task, *, value: Any, as_of: Any, note: str = "", unit: Any = "",
           round: Any = None, account: str = "", scope: str = "") -> Submission:
    """Create and submit in one step (the API's ``POST /api/tasks/{id}/submissions/``)."""
    with transaction.atomic():
        sub = create_draft(actor, task, value=value, as_of=as_of, note=note, unit=unit, round=round,
                           account=account, scope=scope)
        return submit(actor, sub, version=sub.version)


@transaction.atomic
def approve(actor: Actor, sub: Submission, *, version: int | None = None, recompute: bool = True) -> Submission:
    """The decision of the plan office (or, where the plan has the step, the department head first)."""
    sub = _reload(sub)
    plan, task = sub.task.plan, sub.task
    expected = _check_version(sub, version)
    user = actor.user if getattr(actor.user, "pk", None) else None
    head_step = plan.require_head_approval
    if sub.status == S.SUBMITTED and head_step:
        if scoping.is_head_of(actor.user, plan.pk, task.lead_id):
            fresh = _save(actor, sub, expected, {"status": S.HEAD_APPROVED, "head_decided_by": user},
                          Action.HEAD_APPROVE)
            told.head_approved(actor, fresh)
            return fresh
        if scoping.is_planoffice(actor.user, plan.pk):
            raise StateError(_("The department head approves first"))
        raise PermissionDenied(_("You may not approve this submission"))
    if sub.status in (S.SUBMITTED, S.HEAD_APPROVED):
        if not scoping.is_planoffice(actor.user, plan.pk):
            raise PermissionDenied(_("Only the plan office approves"))
        clean_figure(task, sub.value, sub.unit, sub.as_of, None, exclude_id=sub.pk)
        _supersede(actor, sub)
        seq = (Submission.objects.filter(task__plan=plan).aggregate(m=Max("seq"))["m"] or 0) + 1
        fresh = _save(actor, sub, expected, {"status": S.APPROVED, "decided_by": user,
                                             "decided_at": timezone.now(), "seq": seq}, Action.APPROVE)
        told.approved(actor, fresh)
        if recompute:
            from ..recompute import recompute_after_approval

            recompute_after_approval(plan, task, fresh.as_of)
        return fresh
    if not (scoping.is_planoffice(actor.user, plan.pk) or (head_step and scoping.is_head_of(actor.user, plan.pk,
                                                                                       task.lead_id))):
        raise PermissionDenied(_("You may not approve this submission"))
    raise StateError(_("A submission in the state “%(status)s” cannot be approved")
                     % {"status": sub.get_status_display()})


def _supersede(actor: Actor, sub: Submission) -> None:
    for old in Submission.objects.select_for_update().filter(
            task_id=sub.task_id, as_of=sub.as_of, status=S.APPROVED).exclude(pk=sub.pk):
        _save(actor, old, old.version, {"status": S.SUPERSEDED}, Action.SUPERSEDE)


@transaction.atomic
def return_(actor: Actor, sub: Submission, comment: str, *, version: int | None = None) -> Submission:
    """Send a submission back to its department with a comment (退回)."""
    sub = _reload(sub)
    plan, task = sub.task.plan, sub.task
    expected = _check_version(sub, version)
    if not (comment or "").strip():
        raise ValidationError({"comment": [_("Say why it is returned")]})
    office = scoping.is_planoffice(actor.user, plan.pk)
    head = plan.require_head_approval and scoping.is_head_of(actor.user, plan.pk, task.lead_id)
    if not (office or head):
        raise PermissionDenied(_("You may not return this submission"))
    allowed = {S.SUBMITTED, S.HEAD_APPROVED} if office else {S.SUBMITTED}
    if sub.status not in allowed:
        raise StateError(_("A submission in the state “%(status)s” cannot be returned")
                         % {"status": sub.get_status_display()})
    user = actor.user if getattr(actor.user, "pk", None) else None
    fresh = _save(actor, sub, expected, {"status": S.RETURNED, "comment": comment.strip(), "decided_by": user,
                                         "decided_at": timezone.now()}, Action.RETURN)
    told.returned(actor, fresh)
    return fresh


def bulk_approve(actor: Actor, subs: list[Submission]) -> tuple[list[Submission], dict[int, str]]:
    """Approve each submission it can; the others are reported by id with the reason. One recompute."""
    done: list[Submission] = []
    failed: dict[int, str] = {}
    plans = {}
    for sub in subs:
        try:
            fresh = approve(actor, sub, recompute=False)
        except (Conflict, PermissionDenied, ValidationError) as exc:
            failed[sub.pk] = reason(exc)
            continue
        done.append(fresh)
        if fresh.status == S.APPROVED:
            plans[fresh.task.plan_id] = fresh.task.plan
    if plans:
        from ..recompute import recompute_warnings

        for plan in plans.values():
            recompute_warnings(plan)
    return done, failed


def reason(exc: Exception) -> str:
    """An error's message for a list of failures (a ValidationError's messages joined)."""
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)


def bulk_return(actor: Actor, subs: list[Submission], comment: str) -> tuple[list[Submission], dict[int, str]]:
    """Return each submission it can with the same comment; the others are reported by id with the reason."""
    if not (comment or "").strip():
        raise ValidationError({"comment": [_("Say why it is returned")]})
    done: list[Submission] = []
    failed: dict[int, str] = {}
    for sub in subs:
        try:
            done.append(return_(actor, sub, comment))
        except (Conflict, PermissionDenied, ValidationError) as exc:
            failed[sub.pk] = reason(exc)
    return done, failed
