"""Who may see and change what. Every queryset of the API and the pages goes through here.

A user's reach is the set of their memberships: the plan office sees and changes its whole plan; a
department head or reporter sees and reports their department's tasks, submissions and projects; a
viewer reads approved data and writes nothing. Superusers act as the plan office of every plan.
Objects outside the reach are filtered out of the query, so they answer 404 as if they did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

PLANOFFICE = "planoffice"
HEAD = "head"
REPORTER = "reporter"
VIEWER = "viewer"
WRITERS = frozenset({PLANOFFICE, HEAD, REPORTER})
APPROVERS = frozenset({PLANOFFICE, HEAD})
NOTHING = Q(pk__in=[])


@dataclass(frozen=True, slots=True)
class Grant:
    plan_id: int
    role: str
    department_id: int | None


def grants(user: Any) -> list[Grant]:
    """The user's memberships, cached on the user object for the length of a request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_planwatch_grants", None)
    if cached is not None:
        return list(cached)
    from .models import Membership

    found = [Grant(m.plan_id, m.role, m.department_id)
             for m in Membership.objects.filter(user=user).only("plan_id", "role", "department_id")]
    user._planwatch_grants = found
    return list(found)


def forget(user: Any) -> None:
    """Drop the cached memberships (after a membership changes)."""
    if hasattr(user, "_planwatch_grants"):
        del user._planwatch_grants


def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_superuser", False))


def scope_q(user: Any, plan_field: str, department_field: str | None, viewer_filter: dict[str, Any] | None,
            roles: frozenset[str] | None = None) -> Q:
    """A filter for rows in the user's reach. ``roles`` limits which memberships count (writers)."""
    if is_superuser(user):
        return Q()
    q = NOTHING
    for g in grants(user):
        if roles is not None and g.role not in roles:
            continue
        part = Q(**{plan_field: g.plan_id})
        if g.role in (HEAD, REPORTER) and department_field is not None:
            part &= Q(**{department_field: g.department_id}) if g.department_id else NOTHING
        elif g.role == VIEWER and viewer_filter:
            part &= Q(**viewer_filter)
        q |= part
    return q


def role_in(user: Any, plan_id: int) -> Grant | None:
    """The user's membership in a plan (a superuser counts as its plan office)."""
    if is_superuser(user):
        return Grant(plan_id, PLANOFFICE, None)
    for g in grants(user):
        if g.plan_id == plan_id:
            return g
    return None


def can_report(user: Any, plan_id: int, department_id: int) -> bool:
    """May the user create and submit progress for a task of this department?"""
    g = role_in(user, plan_id)
    if g is None:
        return False
    if g.role == PLANOFFICE:
        return True
    return g.role in (HEAD, REPORTER) and g.department_id == department_id


def can_approve(user: Any, plan_id: int, department_id: int) -> bool:
    """Final approval: the plan office, or the department head where the plan has no head step."""
    g = role_in(user, plan_id)
    return g is not None and (g.role == PLANOFFICE or (g.role == HEAD and g.department_id == department_id))


def is_planoffice(user: Any, plan_id: int) -> bool:
    g = role_in(user, plan_id)
    return g is not None and g.role == PLANOFFICE


def is_head_of(user: Any, plan_id: int, department_id: int) -> bool:
    g = role_in(user, plan_id)
    return g is not None and g.role == HEAD and g.department_id == department_id
