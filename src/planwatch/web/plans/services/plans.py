"""Plan-level settings the plan office changes: the department-head approval step."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .. import scoping
from ..actor import Actor
from ..errors import PermissionDenied
from ..models import Plan, Submission, SubmissionStatus
from .locking import check_version, lock, service, write


@service
def update_settings(actor: Actor, plan: Plan, *, version: Any = None, require_head_approval: bool | None = None,
                    four_eyes: bool | None = None) -> Plan:
    """The review workflow of the plan: the department-head step, four eyes (off only for small offices
    where one person reports and approves). Turning the head step off sends figures the heads had approved
    straight to the plan office (they stay ``head_approved`` and can be approved or returned)."""
    plan = lock(Plan.objects.all(), plan.pk)
    if not scoping.is_planoffice(actor.user, plan.pk):
        raise PermissionDenied(_("Only the plan office changes the review workflow"))
    check_version(plan, version)
    fields = {k: bool(v) for k, v in (("require_head_approval", require_head_approval), ("four_eyes", four_eyes))
              if v is not None and bool(v) != getattr(plan, k)}
    if not fields:
        return plan
    return write(actor, plan, fields, "update", plan=plan)


def set_head_approval(actor: Actor, plan: Plan, on: bool, *, version: Any = None) -> Plan:
    return update_settings(actor, plan, version=version, require_head_approval=on)


def awaiting_office(plan: Plan) -> int:
    """How many figures wait for the plan office's decision."""
    ready = [SubmissionStatus.HEAD_APPROVED] if plan.require_head_approval else \
        [SubmissionStatus.SUBMITTED, SubmissionStatus.HEAD_APPROVED]
    return Submission.objects.filter(task__plan=plan, status__in=ready).count()
