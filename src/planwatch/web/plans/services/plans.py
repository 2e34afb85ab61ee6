"""Plan-level settings the plan office changes: the department-head approval step, four eyes, the lagging
thresholds, the reporting schedule, the reviewer's jump factor."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied, ValidationError
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
    plan.settings = {**(plan.settings or {}), "require_head_approval": bool(on)}  # the package carries it
    plan.save(update_fields=["require_head_approval", "settings"])
    changelog.record(actor, "update", plan, before, changelog.snapshot(plan), plan=plan)
    return plan


def awaiting_office(plan: Plan) -> int:
    """How many figures wait for the plan office's decision."""
    ready = [SubmissionStatus.HEAD_APPROVED] if plan.require_head_approval else \
        [SubmissionStatus.SUBMITTED, SubmissionStatus.HEAD_APPROVED]
    return Submission.objects.filter(task__plan=plan, status__in=ready).count()


REVIEW_DEFAULTS = {"jump_factor": "3"}


def _number(raw: Any, field: str, errors: dict[str, list[str]], low: Decimal, high: Decimal) -> Decimal | None:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        errors[field] = [_("Not a number: %(value)s") % {"value": str(raw)[:40]}]
        return None
    if not value.is_finite() or not low <= value <= high:
        errors[field] = [_("Between %(low)s and %(high)s") % {"low": low, "high": high}]
        return None
    return value


def _whole(raw: Any, field: str, errors: dict[str, list[str]], low: int, high: int,
           blank: bool = False) -> int | None:
    if blank and (raw is None or str(raw).strip() == ""):
        return None
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        errors[field] = [_("A whole number between %(low)s and %(high)s") % {"low": low, "high": high}]
        return None
    if not low <= value <= high:
        errors[field] = [_("A whole number between %(low)s and %(high)s") % {"low": low, "high": high}]
        return None
    return value


@transaction.atomic
def update_settings(actor: Actor, plan: Plan, *, require_head_approval: bool, four_eyes: bool,
                    thresholds: dict[str, Any], reporting: dict[str, Any], review: dict[str, Any]) -> Plan:
    """The plan office's settings page: head approval, four eyes, the lagging thresholds, the reporting
    schedule and the reviewer's jump factor; written into ``Plan.settings`` (plan.yaml's ``settings``, so
    the package carries them), logged with before and after."""
    from .people import is_cli
    from .schedule import FREQUENCIES

    if not (is_cli(actor) or scoping.is_planoffice(actor.user, plan.pk)):
        raise PermissionDenied(_("Only the plan office changes the plan's settings"))
    errors: dict[str, list[str]] = {}
    mode = str(thresholds.get("mode") or "pp")
    if mode not in ("pp", "relative"):
        errors["mode"] = [_("Unknown measure of lagging")]
    lagging = _number(thresholds.get("lagging", 10), "lagging", errors, Decimal(0), Decimal(100))
    serious = _number(thresholds.get("serious", 30), "serious", errors, Decimal(0), Decimal(100))
    if lagging is not None and serious is not None and lagging > serious:
        errors["serious"] = [_("Seriously lagging starts at or beyond lagging")]
    frequency = str(reporting.get("frequency") or "off")
    if frequency not in FREQUENCIES:
        errors["frequency"] = [_("Unknown reporting frequency")]
    sched = {"frequency": frequency,
             "opens_day": _whole(reporting.get("opens_day", 25), "opens_day", errors, 1, 31),
             "deadline_day": _whole(reporting.get("deadline_day", 5), "deadline_day", errors, 1, 31),
             "remind_days_before": _whole(reporting.get("remind_days_before", 3), "remind_days_before", errors,
                                          0, 30),
             "close_days_after_deadline": _whole(reporting.get("close_days_after_deadline"),
                                                 "close_days_after_deadline", errors, 0, 90, blank=True)}
    jump = _number(review.get("jump_factor", REVIEW_DEFAULTS["jump_factor"]), "jump_factor", errors,
                   Decimal("1.1"), Decimal(100))
    if errors:
        raise ValidationError(errors)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    before = changelog.snapshot(plan)
    settings = dict(plan.settings or {})
    settings["thresholds"] = {"mode": mode, "lagging": str(lagging), "serious": str(serious)}
    settings["reporting"] = sched
    settings["review"] = {"jump_factor": str(jump)}
    settings["four_eyes"] = bool(four_eyes)
    settings["require_head_approval"] = bool(require_head_approval)
    plan.settings = settings
    plan.require_head_approval = bool(require_head_approval)
    plan.save(update_fields=["settings", "require_head_approval"])
    after = changelog.snapshot(plan)
    if after != before:
        changelog.record(actor, "update", plan, before, after, plan=plan)
    return plan


def jump_factor(plan: Plan) -> Decimal:
    raw = ((plan.settings or {}).get("review") or {}).get("jump_factor", REVIEW_DEFAULTS["jump_factor"])
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return Decimal(REVIEW_DEFAULTS["jump_factor"])
    return value if value.is_finite() and value > 1 else Decimal(REVIEW_DEFAULTS["jump_factor"])
