"""Which plan a request works on, the user's role in it, and the monitoring date.

A user works in the plans of their memberships (scoping decides); the pages show one plan at a time:
the newest plan the user can see, or the one chosen with ``?plan=<id>`` (kept in the session).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest

from planwatch.core.assess import Assessment
from planwatch.web.plans import assessments, scoping
from planwatch.web.plans.models import Plan, ReportingRound, RoundStatus

SESSION_KEY = "planwatch_plan"
PLANS_LISTED = 30


class NoPlan(Http404):
    """The user is a member of no plan."""


@dataclass(frozen=True)
class Workspace:
    plan: Plan
    grant: scoping.Grant
    round: ReportingRound | None  # the newest reporting round of the plan, or an open one chosen (?round=)
    on: dt.date  # the monitoring date (the API's ``plans.figures.reference_date``): time progress is on this day
    report_on: dt.date  # the default "as of" of a new figure: the end of the round's period
    plans: tuple[Plan, ...] = ()  # the newest plans the user belongs to (the header's plan switcher)
    assessment: Assessment | None = None  # the plan's kept assessment as this request found it

    def figures(self) -> Assessment:
        """The plan's assessment on ``on``: the one read at the start of the request (one query, not one
        per reader)."""
        if self.assessment is not None and self.assessment.on == self.on:
            return self.assessment
        return assessments.current(self.plan, self.on)

    @property
    def role(self) -> str:
        return self.grant.role

    @property
    def department_id(self) -> int | None:
        return self.grant.department_id

    @property
    def scope(self) -> tuple[str, int | None]:
        """What decides which of the plan's rows this user sees (the key of what is kept per viewer)."""
        return (self.grant.role, self.grant.department_id)

    @property
    def is_planoffice(self) -> bool:
        return self.grant.role == scoping.PLANOFFICE

    @property
    def can_report(self) -> bool:
        return self.grant.role in scoping.WRITERS

    @property
    def can_approve(self) -> bool:
        return self.grant.role in scoping.APPROVERS

    @property
    def is_viewer(self) -> bool:
        return self.grant.role == scoping.VIEWER

    @property
    def open_round(self) -> ReportingRound | None:
        return self.round if self.round is not None and self.round.status == RoundStatus.OPEN else None


def period_end(period: str) -> dt.date | None:
    """Last day of "2021-06", "2021Q2", "2021H1" or "2021"."""
    from planwatch.core.periods import PeriodError, parse_period

    try:
        return parse_period(period).end
    except PeriodError:
        return None


def reporting_date(rnd: ReportingRound | None, on: dt.date) -> dt.date:
    """The date a new figure is reported as of by default: the end of the round's period."""
    if rnd is not None:
        end = period_end(rnd.period)
        if end is not None:
            return end
    return on


def workspace(request: HttpRequest) -> Workspace:
    """The plan and role of this request; 404 for a user who is a member of no plan."""
    cached: Workspace | None = getattr(request, "_planwatch_workspace", None)
    if cached is not None:
        return cached
    plans = Plan.objects.visible_to(request.user).select_related("region")
    newest = list(plans.order_by("-year", "-id")[:PLANS_LISTED])  # also the header's plan switcher
    wanted: Any = request.GET.get("plan") or request.session.get(SESSION_KEY)
    plan = None
    if wanted and str(wanted).isdigit():
        plan = next((p for p in newest if p.pk == int(wanted)), None) or plans.filter(pk=int(wanted)).first()
    if plan is None:
        plan = newest[0] if newest else None
    if plan is None:
        raise NoPlan("no plan")
    if request.session.get(SESSION_KEY) != plan.pk:
        request.session[SESSION_KEY] = plan.pk
    grant = scoping.role_in(request.user, plan.pk)
    if grant is None:  # visible_to and role_in agree; kept for safety
        raise Http404("no plan")
    from planwatch.web.plans.services.rounds import current_round

    rnd = current_round(plan, request.GET.get("round") or request.POST.get("round"))  # the newest, or one chosen
    a = assessments.current(plan)
    on = a.on  # the monitoring date (figures.reference_date)
    ws = Workspace(plan=plan, grant=grant, round=rnd, on=on, report_on=reporting_date(rnd, on), plans=tuple(newest),
                   assessment=a)
    setattr(request, "_planwatch_workspace", ws)  # noqa: B010  # kept for this request's other readers
    return ws
