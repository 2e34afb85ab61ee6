"""Plan-level settings the plan office changes: the department-head approval step."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied
from ..models import Plan, Submission, SubmissionStatus


@transaction.atomic
def set_head_approval(actor: Actor, plan: Plan, on: bool) -> Plan:
    """Turn the department-head step on or off. Turning it off sends figures the heads had approved
    straight to the plan office (they stay ``head_approved`` and can be approved or returned)."""
    if not scoping.is_planoffice(actor.user, plan.pk):
        raise PermissionDenied(_("Only the plan office changes the review workflow"))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.require_head_approval == on:
        return plan
    before = changelog.snapshot(plan)
    plan.require_head_approval = on
    plan.save(update_fields=["require_head_approval"])
    changelog.record(actor, "update", plan, before, changelog.snapshot(plan), plan=plan)
    return plan


def awaiting_office(plan: Plan) -> int:
    """How many figures wait for the plan office's decision."""
    ready = [SubmissionStatus.HEAD_APPROVED] if plan.require_head_approval else \
        [SubmissionStatus.SUBMITTED, SubmissionStatus.HEAD_APPROVED]
    return Submission.objects.filter(task__plan=plan, status__in=ready).count()
