"""Changes of key projects: a department reports its phase and investment completed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import Conflict, PermissionDenied, ValidationError
from ..fields import to_decimal
from ..models import Project, ProjectUpdate
from ..models.projects import Phase
from ..validation import _as_date


@transaction.atomic
def add_update(actor: Actor, project: Project, *, phase: Any, investment_done: Any, as_of: Any, note: str = "",
               actual_start: Any = None, version: int | None = None) -> ProjectUpdate:
    """Record a project's progress and carry it onto the project (optimistic locking on the project)."""
    project = Project.objects.select_related("plan").get(pk=project.pk)
    if not scoping.can_report(actor.user, project.plan_id, project.lead_id):
        raise PermissionDenied(_("You may not report on this project"))
    expected = project.version if version is None else int(version)
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
    before = changelog.snapshot(project)
    fields: dict[str, Any] = {"phase": phase, "investment_done": str(amount) if amount is not None else None,
                              "as_of": day, "version": expected + 1}
    if start is not None:
        fields["actual_start"] = start
    if Project.objects.filter(pk=project.pk, version=expected).update(**fields) != 1:
        last = changelog.changes_of(project).order_by("-time", "-id").first()
        who = last.user_name if last else "?"
        raise Conflict(_("This project was changed by %(who)s since you read it; reload and try again") % {"who": who},
                       changed_by=who, current_version=Project.objects.get(pk=project.pk).version)
    user = actor.user if getattr(actor.user, "pk", None) else None
    update = ProjectUpdate.objects.create(project=project, phase=phase, investment_done=amount, actual_start=start,
                                          as_of=day, note=note or "", created_by=user)
    project.refresh_from_db()
    changelog.record(actor, "update", project, before, changelog.snapshot(project), plan=project.plan)
    changelog.record(actor, "create", update, None, changelog.snapshot(update), plan=project.plan)
    return update
