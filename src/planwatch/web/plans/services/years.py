"""The plan over the years: next year's draft package from this year's ledger, and the people and
departments of last year's plan carried into next year's when it is imported.

``draft_next_year(plan)`` is the package (``core.nextyear``) the plan office downloads, fills in (targets)
and imports; ``carry_over(actor, source, target)`` then gives the new plan the departments of the old one
it lacks and every membership of the old one (same role, the department of the same code), and makes the
importer its plan office."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from planwatch.core import model as core
from planwatch.core.nextyear import draft_next_year as core_draft

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied
from ..models import Department, Membership, Plan
from ..models.changes import Action
from .people import is_cli


def draft_next_year(actor: Actor, plan: Plan) -> core.Plan:
    """Next year's package drafted from ``plan`` (the plan office's)."""
    from ..importexport import export_plan

    if not (is_cli(actor) or scoping.is_planoffice(actor.user, plan.pk)):
        raise PermissionDenied(_("Only the plan office starts next year's plan"))
    return core_draft(export_plan(plan))


def previous_plan(plan: Plan) -> Plan | None:
    """Last year's plan of the same region, if the database has it."""
    return Plan.objects.filter(region_id=plan.region_id, year=plan.year - 1).first()


@dataclass
class Carried:
    departments: list[Department] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)


@transaction.atomic
def carry_over(actor: Actor, source: Plan | None, target: Plan) -> Carried:
    """Departments and memberships of ``source`` into ``target``; the acting user becomes plan office of
    ``target``. Only the plan office of ``source`` (or the command line) carries its people over."""
    out = Carried()
    user = actor.user if getattr(actor.user, "pk", None) else None
    if source is not None and not (is_cli(actor) or scoping.is_planoffice(actor.user, source.pk)):
        raise PermissionDenied(_("Only the plan office of last year's plan carries its people over"))
    if user is not None and not Membership.objects.filter(user=user, plan=target).exists():
        out.memberships.append(Membership.objects.create(user=user, plan=target, role=scoping.PLANOFFICE))
    if source is not None:
        depts = {d.code: d for d in Department.objects.filter(plan=target)}
        last = max((d.seq for d in depts.values()), default=0)
        for old in Department.objects.filter(plan=source).order_by("seq", "id"):
            if old.code in depts:
                continue
            last += 1
            new = Department.objects.create(plan=target, code=old.code, name=old.name, name_en=old.name_en,
                                            kind=old.kind, seq=last)
            depts[old.code] = new
            out.departments.append(new)
            changelog.record(actor, Action.CREATE, new, None, changelog.snapshot(new), plan=target)
        members = set(Membership.objects.filter(plan=target).values_list("user_id", flat=True))
        for m in Membership.objects.filter(plan=source, user__is_active=True).select_related("department"):
            if m.user_id in members:
                continue
            dept = depts.get(m.department.code) if m.department is not None else None
            out.memberships.append(Membership.objects.create(user_id=m.user_id, plan=target, role=m.role,
                                                             department=dept))
            members.add(m.user_id)
    for m in out.memberships:
        changelog.record(actor, Action.CREATE, m, None, changelog.snapshot(m), plan=target)
    if user is not None:
        scoping.forget(user)
    return out


def import_with_people(actor: Actor, cplan: core.Plan) -> tuple[Plan, Carried]:
    """Import a package (``importexport.import_package``) and carry last year's people and departments over,
    in one transaction: a refused import changes nothing."""
    from ..importexport import import_package

    with transaction.atomic():
        plan = import_package(cplan, actor=actor, recompute=True)
        carried = carry_over(actor, _source_for(actor, plan), plan)
    return plan, carried


def _source_for(actor: Actor, plan: Plan) -> Plan | None:
    """Last year's plan when the actor is its plan office (people are carried only by those who manage them)."""
    source = previous_plan(plan)
    if source is None or is_cli(actor) or scoping.is_planoffice(actor.user, source.pk):
        return source
    return None

