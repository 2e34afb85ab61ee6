"""Mid-year target adjustments (计划调整): the plan office changes a task's target with a reason and a date;
the old target is kept in the adjustment's history, the task carries the new one, which progress, the
warnings and the report then use (the report states the adjusted target)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .. import changelog
from ..actor import Actor
from ..errors import Conflict, ValidationError
from ..fields import to_decimal
from ..models import TargetAdjustment, Task
from ..models.changes import Action
from ..validation import _as_date
from .rounds import _require_office


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a == b)


@transaction.atomic
def adjust_target(actor: Actor, task: Task, *, new_value: Any, new_text: str = "", reason: str, effective: Any,
                  expected_value: Any = "unset") -> TargetAdjustment:
    """Give ``task`` a new target. ``expected_value`` is the target the office saw: if someone adjusted it
    meanwhile, the change is refused (``Conflict``) instead of overwriting theirs."""
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    _require_office(actor, task.plan_id, _("Only the plan office adjusts targets"))
    errors: dict[str, list[str]] = {}
    value = None
    try:
        value = to_decimal(new_value)
        if value is not None and value < 0:
            errors["new_value"] = [_("A target cannot be negative")]
    except ValidationError:
        errors["new_value"] = [_("Not a number: %(value)s") % {"value": str(new_value)[:40]}]
    if value is None and "new_value" not in errors and task.target_value is not None:
        errors["new_value"] = [_("The adjusted target is required")]
    text = (new_text or "").strip()
    if not (reason or "").strip():
        errors["reason"] = [_("Say why the target is adjusted")]
    day = None
    try:
        day = _as_date(effective)
        if day.year != task.plan.year:
            errors["effective"] = [_("The date must fall within the plan year %(year)s") % {"year": task.plan.year}]
    except ValidationError:
        errors["effective"] = [_("Write the date as YYYY-MM-DD")]
    if not errors and _same(value, task.target_value) and text in ("", task.target_text):
        errors["new_value"] = [_("This is the current target")]
    if errors:
        raise ValidationError(errors)
    assert day is not None  # a missing or unreadable date was refused above
    if expected_value != "unset":
        try:
            seen = to_decimal(expected_value)
        except ValidationError:
            seen = None
        if not _same(seen, task.target_value):
            last = changelog.changes_of(task).order_by("-time", "-id").first()
            who = last.user_name if last else "?"
            raise Conflict(_("The target was changed by %(who)s since you read it; reload and try again")
                           % {"who": who}, changed_by=who)
    before = changelog.snapshot(task)
    adjustment = TargetAdjustment.objects.create(
        task=task, old_value=task.target_value, new_value=value, old_text=task.target_text,
        new_text=text or task.target_text, reason=reason.strip(), effective=day,
        created_by=actor.user if getattr(actor.user, "pk", None) else None, created_by_name=actor.name[:150])
    task.target_value = value
    task.target_text = adjustment.new_text
    task.save(update_fields=["target_value", "target_text"])
    changelog.record(actor, Action.ADJUST, task, before, changelog.snapshot(task), plan=task.plan)
    from ..recompute import recompute_warnings

    recompute_warnings(task.plan)
    return adjustment
