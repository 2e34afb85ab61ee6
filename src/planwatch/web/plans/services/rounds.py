"""Reporting rounds: the plan office opens one (2021年6月) with a deadline, and closes it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from planwatch.core.periods import PeriodError, parse_period

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied, StateError, ValidationError
from ..models import Department, Plan, ReportingRound, RoundStatus, Submission, SubmissionStatus
from ..validation import _as_date
from .locking import check_version, lock, service, write


@service
def open_round(actor: Actor, plan: Plan, *, label: str, period: str, opens: Any, deadline: Any) -> ReportingRound:
    if not scoping.is_planoffice(actor.user, plan.pk):
        raise PermissionDenied(_("Only the plan office opens a reporting round"))
    errors: dict[str, list[str]] = {}
    try:
        p = parse_period(period)
        if p.year != plan.year:
            errors["period"] = [_("The period must fall within the plan year %(year)s") % {"year": plan.year}]
    except PeriodError as exc:
        errors["period"] = [str(exc)]
    try:
        start, end = _as_date(opens), _as_date(deadline)
        if end < start:
            errors["deadline"] = [_("The deadline is before the opening")]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not (label or "").strip():
        errors["label"] = [_("A label is required")]
    if not errors and ReportingRound.objects.filter(plan=plan, period=str(p)).exists():
        errors["period"] = [_("A reporting round for %(period)s exists already") % {"period": str(p)}]
    if errors:
        raise ValidationError(errors)
    rnd = ReportingRound.objects.create(plan=plan, label=label.strip(), period=str(p), opens=start, deadline=end)
    changelog.record(actor, "create", rnd, None, changelog.snapshot(rnd), plan=plan)
    return rnd


@service
def close_round(actor: Actor, rnd: ReportingRound, *, version: Any = None) -> ReportingRound:
    rnd = lock(ReportingRound.objects.select_related("plan"), rnd.pk)
    if not scoping.is_planoffice(actor.user, rnd.plan_id):
        raise PermissionDenied(_("Only the plan office closes a reporting round"))
    check_version(rnd, version)
    if rnd.status == RoundStatus.CLOSED:
        raise StateError(_("The reporting round is closed already"))
    return write(actor, rnd, {"status": RoundStatus.CLOSED}, "update", plan=rnd.plan)


def reporting_status(rnd: ReportingRound) -> dict[str, list[Department]]:
    """Which lead departments have reported in the round (anything beyond a draft) and which have not."""
    leads = Department.objects.filter(plan_id=rnd.plan_id, led_tasks__isnull=False).distinct().order_by("seq")
    reported_ids = set(Submission.objects.filter(round=rnd).exclude(status=SubmissionStatus.DRAFT)
                       .values_list("task__lead_id", flat=True))
    reported = [d for d in leads if d.pk in reported_ids]
    missing = [d for d in leads if d.pk not in reported_ids]
    return {"reported": reported, "missing": missing}
