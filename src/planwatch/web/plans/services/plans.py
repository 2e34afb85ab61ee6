"""Plan-level settings the plan office changes: the department-head approval step, four eyes, the lagging
thresholds, the reporting schedule and the reviewer's jump factor (the plan settings page and the API)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from .. import scoping
from ..actor import Actor
from ..errors import PermissionDenied, ValidationError
from ..models import Plan, Submission, SubmissionStatus
from .locking import check_version, lock, service, write

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
        value = None
    if value is None or not low <= value <= high:
        errors[field] = [_("A whole number between %(low)s and %(high)s") % {"low": low, "high": high}]
        return None
    return value


def _page_settings(settings: dict[str, Any], thresholds: dict[str, Any] | None, reporting: dict[str, Any] | None,
                   review: dict[str, Any] | None) -> dict[str, Any]:
    """``Plan.settings`` with the thresholds, the reporting schedule and the jump factor given, checked
    (``ValidationError`` with every field's errors); those not given are left as they are."""
    from .schedule import FREQUENCIES

    errors: dict[str, list[str]] = {}
    out = dict(settings or {})
    if thresholds is not None:
        mode = str(thresholds.get("mode") or "pp")
        if mode not in ("pp", "relative"):
            errors["mode"] = [_("Unknown measure of lagging")]
        lagging = _number(thresholds.get("lagging", 10), "lagging", errors, Decimal(0), Decimal(100))
        serious = _number(thresholds.get("serious", 30), "serious", errors, Decimal(0), Decimal(100))
        if lagging is not None and serious is not None and lagging > serious:
            errors["serious"] = [_("Seriously lagging starts at or beyond lagging")]
        out["thresholds"] = {"mode": mode, "lagging": str(lagging), "serious": str(serious)}
    if reporting is not None:
        frequency = str(reporting.get("frequency") or "off")
        if frequency not in FREQUENCIES:
            errors["frequency"] = [_("Unknown reporting frequency")]
        out["reporting"] = {
            "frequency": frequency,
            "opens_day": _whole(reporting.get("opens_day", 25), "opens_day", errors, 1, 31),
            "deadline_day": _whole(reporting.get("deadline_day", 5), "deadline_day", errors, 1, 31),
            "remind_days_before": _whole(reporting.get("remind_days_before", 3), "remind_days_before", errors, 0, 30),
            "close_days_after_deadline": _whole(reporting.get("close_days_after_deadline"),
                                                "close_days_after_deadline", errors, 0, 90, blank=True)}
    if review is not None:
        jump = _number(review.get("jump_factor", REVIEW_DEFAULTS["jump_factor"]), "jump_factor", errors,
                       Decimal("1.1"), Decimal(100))
        out["review"] = {"jump_factor": str(jump)}
    if errors:
        raise ValidationError(errors)
    return out


@service
def update_settings(actor: Actor, plan: Plan, *, version: Any = None, require_head_approval: bool | None = None,
                    four_eyes: bool | None = None, thresholds: dict[str, Any] | None = None,
                    reporting: dict[str, Any] | None = None, review: dict[str, Any] | None = None) -> Plan:
    """The review workflow of the plan: the department-head step, four eyes (off only for small offices
    where one person reports and approves); and on the settings page the lagging thresholds, the reporting
    schedule and the reviewer's jump factor, kept in ``Plan.settings`` (plan.yaml's ``settings``: the
    package carries them). Turning the head step off sends figures the heads had approved straight to the
    plan office (they stay ``head_approved`` and can be approved or returned). Only what is given changes."""
    from .people import is_cli

    plan = lock(Plan.objects.all(), plan.pk)
    if not (is_cli(actor) or scoping.is_planoffice(actor.user, plan.pk)):
        raise PermissionDenied(_("Only the plan office changes the review workflow"))
    check_version(plan, version)
    fields: dict[str, Any] = {k: bool(v) for k, v in (("require_head_approval", require_head_approval),
                                                       ("four_eyes", four_eyes))
                              if v is not None and bool(v) != getattr(plan, k)}
    settings = _page_settings(plan.settings or {}, thresholds, reporting, review)
    if "require_head_approval" in fields or (plan.settings or {}).get("require_head_approval") is not None:
        settings["require_head_approval"] = fields.get("require_head_approval", plan.require_head_approval)
    if settings != (plan.settings or {}):
        fields["settings"] = settings
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


def jump_factor(plan: Plan) -> Decimal:
    """The reviewer's jump factor of the plan (``settings.review.jump_factor``, 3 by default)."""
    raw = ((plan.settings or {}).get("review") or {}).get("jump_factor", REVIEW_DEFAULTS["jump_factor"])
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return Decimal(REVIEW_DEFAULTS["jump_factor"])
    return value if value.is_finite() and value > 1 else Decimal(REVIEW_DEFAULTS["jump_factor"])
