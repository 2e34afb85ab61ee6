"""Key projects reviewed like progress: a department reports an update (phase, investment completed,
dates), it is approved (by the department head first where the plan has that step, then by the plan
office) or returned with a comment, and only an approved update is carried onto the project, which is
what the dashboard, the warnings and the report read.

Checks on an update (field errors): the phase is known; the investment is a number, not negative and not
below what was approved before; the dates fall in the plan year; the start is not after the as-of date;
the completion is not before the start nor after the as-of date; the phase agrees with the dates (a
project under construction or completed has started, a planned one has not, a completed one has a
completion date). Investment completed above the annual plan is allowed but flagged for the reviewer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied, StateError, ValidationError
from ..fields import to_decimal
from ..models import Project, ProjectUpdate, UpdateStatus
from ..models.changes import Action
from ..models.projects import Phase
from ..validation import _as_date
from . import told
from .locking import check_version, lock, service, write

U = UpdateStatus
STARTED = frozenset({Phase.UNDER_CONSTRUCTION, Phase.COMPLETED})
OPEN = (U.SUBMITTED, U.HEAD_APPROVED)


def _user(actor: Actor) -> Any:
    return actor.user if getattr(actor.user, "pk", None) else None


def _optional_date(value: Any, field: str, errors: dict[str, list[str]]) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return _as_date(value)
    except ValidationError:
        errors[field] = [_("Write the date as YYYY-MM-DD")]
        return None


def check_update(project: Project, *, phase: Any, investment_done: Any, as_of: Any, actual_start: Any = None,
                 finish: Any = None) -> tuple[Any, Any, dt.date, dt.date | None, dt.date | None]:
    """The cleaned phase, amount, as-of, start and completion of an update, or ``ValidationError``."""
    errors: dict[str, list[str]] = {}
    if phase not in Phase.values:
        errors["phase"] = [_("Unknown phase")]
    amount = None
    try:
        amount = to_decimal(investment_done)
        if amount is not None and amount < 0:
            errors["investment_done"] = [_("The investment done cannot be negative")]
        elif amount is not None and project.investment_done is not None and amount < project.investment_done:
            errors["investment_done"] = [_("The investment done cannot go below the %(prior)s already reported")
                                         % {"prior": project.investment_done}]
    except ValidationError:
        errors["investment_done"] = [_("Not a number: %(value)s") % {"value": str(investment_done)[:40]}]
    day = None
    try:
        day = _as_date(as_of)
        if day.year != project.plan.year:
            errors["as_of"] = [_("The date must fall within the plan year %(year)s") % {"year": project.plan.year}]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    start = _optional_date(actual_start, "actual_start", errors) or project.actual_start
    end = _optional_date(finish, "finish", errors)
    if day is not None and start is not None and start > day:
        errors.setdefault("actual_start", []).append(_("The start cannot be after the as-of date"))
    if start is not None and end is not None and end < start:
        errors.setdefault("finish", []).append(_("The completion cannot be before the start"))
    if day is not None and end is not None and end > day:
        errors.setdefault("finish", []).append(_("The completion cannot be after the as-of date"))
    if phase in STARTED and start is None:
        errors.setdefault("actual_start", []).append(
            _("A project under construction or completed has a start date"))
    if phase in (Phase.PLANNED, Phase.PREPARING) and actual_start not in (None, ""):
        errors.setdefault("phase", []).append(_("A project that has started is under construction"))
    if phase == Phase.COMPLETED and end is None:
        errors.setdefault("finish", []).append(_("A completed project has a completion date"))
    if phase != Phase.COMPLETED and end is not None:
        errors.setdefault("phase", []).append(_("A project with a completion date is completed"))
    if errors:
        raise ValidationError(errors)
    assert day is not None
    return phase, amount, day, start, end


def flags(update: ProjectUpdate) -> list[str]:
    """What the reviewer should look at: investment completed above the annual plan."""
    plan = update.project.investment_plan
    if plan is not None and update.investment_done is not None and update.investment_done > plan:
        return ["above_plan"]
    return []


@service
def add_update(actor: Actor, project: Project, *, phase: Any, investment_done: Any, as_of: Any, note: str = "",
               actual_start: Any = None, finish: Any = None, version: Any = None) -> ProjectUpdate:
    """Report a project's progress for review (it reaches the project once approved). ``version`` is the
    project's version as read (required): a project changed since (an update approved meanwhile) is a
    conflict."""
    project = lock(Project.objects.select_related("plan"), project.pk)
    if not scoping.can_report(actor.user, project.plan_id, project.lead_id):
        raise PermissionDenied(_("You may not report on this project"))
    check_version(project, version)
    if project.updates.filter(status__in=OPEN).exists():
        raise StateError(_("An update of this project is awaiting approval; wait for the decision."))
    phase, amount, day, start, end = check_update(project, phase=phase, investment_done=investment_done,
                                                  as_of=as_of, actual_start=actual_start, finish=finish)
    update = ProjectUpdate.objects.create(
        project=project, phase=phase, investment_done=amount, as_of=day, note=(note or "").strip(),
        actual_start=start if actual_start not in (None, "") else None, finish=end, created_by=_user(actor))
    changelog.record(actor, Action.SUBMIT, update, None, changelog.snapshot(update), plan=project.plan)
    told.submitted(actor, update)
    return update


def _locked(update: ProjectUpdate) -> ProjectUpdate:
    return lock(ProjectUpdate.objects.select_related("project__plan", "created_by"), update.pk)


def _four_eyes(actor: Actor, plan: Any, update: ProjectUpdate) -> None:
    """Nobody approves an update they reported (unless the plan turned four eyes off)."""
    user = _user(actor)
    if plan.four_eyes and user is not None and update.created_by_id == user.pk:
        raise PermissionDenied(_("You submitted this figure; someone else approves it (four eyes)"))


def _carry_onto_project(actor: Actor, update: ProjectUpdate) -> None:
    """The approved update becomes the project's state (the project row locked and written with its version)."""
    project = lock(Project.objects.select_related("plan"), update.project_id)
    check_update(project, phase=update.phase, investment_done=update.investment_done, as_of=update.as_of,
                 actual_start=update.actual_start, finish=update.finish)
    fields: dict[str, Any] = {"phase": update.phase, "as_of": update.as_of,
                              "investment_done": None if update.investment_done is None
                              else str(update.investment_done)}
    if update.actual_start is not None:
        fields["actual_start"] = update.actual_start
    write(actor, project, fields, Action.UPDATE, plan=project.plan)


@service
def approve_update(actor: Actor, update: ProjectUpdate, *, version: Any = None) -> ProjectUpdate:
    update = _locked(update)
    project, plan = update.project, update.project.plan
    office = scoping.is_planoffice(actor.user, plan.pk)
    head = plan.require_head_approval and scoping.is_head_of(actor.user, plan.pk, project.lead_id)
    if not (office or head):
        raise PermissionDenied(_("You may not approve this update"))
    check_version(update, version)
    if update.status == U.SUBMITTED and plan.require_head_approval:
        if not head:
            raise StateError(_("The department head approves first"))
        _four_eyes(actor, plan, update)
        fresh = write(actor, update, {"status": U.HEAD_APPROVED, "head_decided_by": _user(actor)},
                      Action.HEAD_APPROVE, plan=plan)
        told.head_approved(actor, fresh)
        return fresh
    if update.status in OPEN:
        if not office:
            raise PermissionDenied(_("Only the plan office approves"))
        _four_eyes(actor, plan, update)
        fresh = write(actor, update, {"status": U.APPROVED, "decided_by": _user(actor),
                                      "decided_at": timezone.now()}, Action.APPROVE, plan=plan)
        _carry_onto_project(actor, fresh)
        from ..recompute import recompute_warnings

        recompute_warnings(plan)
        told.approved(actor, fresh)
        return fresh
    raise StateError(_("An update in the state “%(status)s” cannot be approved")
                     % {"status": update.get_status_display()})


@service
def return_update(actor: Actor, update: ProjectUpdate, comment: str, *, version: Any = None) -> ProjectUpdate:
    update = _locked(update)
    project, plan = update.project, update.project.plan
    office = scoping.is_planoffice(actor.user, plan.pk)
    head = plan.require_head_approval and scoping.is_head_of(actor.user, plan.pk, project.lead_id)
    if not (office or head):
        raise PermissionDenied(_("You may not return this update"))
    check_version(update, version)
    if not (comment or "").strip():
        raise ValidationError({"comment": [_("Say why it is returned")]})
    allowed = OPEN if office else (U.SUBMITTED,)
    if update.status not in allowed:
        raise StateError(_("An update in the state “%(status)s” cannot be returned")
                         % {"status": update.get_status_display()})
    fresh = write(actor, update, {"status": U.RETURNED, "comment": comment.strip(), "decided_by": _user(actor),
                                  "decided_at": timezone.now()}, Action.RETURN, plan=plan)
    told.returned(actor, fresh)
    return fresh
