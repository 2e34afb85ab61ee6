"""Changes of key projects: a department reports its phase and investment completed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied, ValidationError
from ..fields import to_decimal
from ..models import Project, ProjectUpdate
from ..models.projects import Phase
from ..validation import _as_date
from .locking import check_version, lock, service, write


@service
def add_update(actor: Actor, project: Project, *, phase: Any, investment_done: Any, as_of: Any, note: str = "",
               actual_start: Any = None, version: Any = None) -> ProjectUpdate:
    """Record a project's progress and carry it onto the project (optimistic locking on the project)."""
    project = lock(Project.objects.select_related("plan"), project.pk)
    if not scoping.can_report(actor.user, project.plan_id, project.lead_id):
        raise PermissionDenied(_("You may not report on this project"))
    check_version(project, version)
    errors: dict[str, list[str]] = {}
    if phase not in Phase.values:
        errors["phase"] = [_("Unknown phase")]
    try:
        amount = to_decimal(investment_done)
        if amount is not None and amount < 0:
            errors["investment_done"] = [_("The investment done cannot be negative")]
        elif amount is not None and project.investment_done is not None and amount < project.investment_done:
            errors["investment_done"] = [_("The investment done cannot go below the %(prior)s already reported")
                                         % {"prior": project.investment_done}]
    except ValidationError:
        amount = None
        errors["investment_done"] = [_("Not a number: %(value)s") % {"value": str(investment_done)[:40]}]
    day = start = None
    try:
        day = _as_date(as_of)
        if day.year != project.plan.year:
            errors["as_of"] = [_("The date must fall within the plan year %(year)s") % {"year": project.plan.year}]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if actual_start not in (None, ""):
        try:
            start = _as_date(actual_start)
        except ValidationError:
            errors["actual_start"] = [_("Write the date as YYYY-MM-DD")]
    if errors:
        raise ValidationError(errors)
    fields: dict[str, Any] = {"phase": phase, "investment_done": str(amount) if amount is not None else None,
                              "as_of": day}
    if start is not None:
        fields["actual_start"] = start
    user = actor.user if getattr(actor.user, "pk", None) else None
    project = write(actor, project, fields, "update", plan=project.plan)
    assert day is not None  # checked above: an update without a date was refused
    update = ProjectUpdate.objects.create(project=project, phase=phase, investment_done=amount, actual_start=start,
                                          as_of=day, note=note or "", created_by=user)
    changelog.record(actor, "create", update, None, changelog.snapshot(update), plan=project.plan)
    return update
