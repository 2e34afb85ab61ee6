"""Reporting rounds: the plan office opens one (2021年6月) with a deadline, closes it, reopens it; rounds of
the plan's schedule open by themselves (``open_due_rounds``, run by ``planwatch admin remind``); a closed
round refuses figures (``covering_round``); ``overview`` says who has reported, who is late, what is
returned and what awaits approval."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from planwatch.core.periods import PeriodError, parse_period

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied, StateError, ValidationError
from ..models import (
    Department,
    NotificationKind,
    Plan,
    ReminderLog,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionStatus,
)
from ..rounds_words import round_name
from ..validation import _as_date
from . import notify, schedule
from .locking import check_version, lock, service, write

S = SubmissionStatus
RANK: dict[str, int] = {S.APPROVED: 5, S.HEAD_APPROVED: 4, S.SUBMITTED: 3, S.RETURNED: 2, S.DRAFT: 1}
REPORTED = frozenset({S.SUBMITTED, S.HEAD_APPROVED, S.APPROVED})


def _require_office(actor: Actor, plan_id: int, message: str) -> None:
    from .people import is_cli

    if not (is_cli(actor) or scoping.is_planoffice(actor.user, plan_id)):
        raise PermissionDenied(message)


@service
def open_round(actor: Actor, plan: Plan, *, label: str, period: str, opens: Any, deadline: Any,
               notify_departments: bool = True) -> ReportingRound:
    _require_office(actor, plan.pk, _("Only the plan office opens a reporting round"))
    errors: dict[str, list[str]] = {}
    p = None
    try:
        p = parse_period(period)
        if p.year != plan.year:
            errors["period"] = [_("The period must fall within the plan year %(year)s") % {"year": plan.year}]
    except PeriodError:
        errors["period"] = [_("Write the period as 2021-06 (a month), 2021Q2 (a quarter) or 2021H1 (a half year)")]
    try:
        start, end = _as_date(opens), _as_date(deadline)
        if end < start:
            errors["deadline"] = [_("The deadline is before the opening")]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    label = (label or "").strip() or (round_name(str(p), "zh") if p is not None else "")
    if not label:
        errors["label"] = [_("A label is required")]
    if not errors and ReportingRound.objects.filter(plan=plan, period=str(p)).exists():
        errors["period"] = [_("A reporting round for %(period)s exists already") % {"period": round_name(str(p))}]
    if errors:
        raise ValidationError(errors)
    rnd = ReportingRound.objects.create(plan=plan, label=label, period=str(p), opens=start, deadline=end)
    changelog.record(actor, "create", rnd, None, changelog.snapshot(rnd), plan=plan)
    if notify_departments:
        _tell_departments(rnd, actor)
    return rnd


def _tell_departments(rnd: ReportingRound, actor: Actor) -> None:
    leads = Department.objects.filter(plan_id=rnd.plan_id, led_tasks__isnull=False).distinct()
    users: list[Any] = []
    for dept in leads:
        users += notify.department_members(rnd.plan_id, dept.pk)
    notify.send(users, NotificationKind.ROUND_OPEN, rnd.plan,
                {"period": rnd.period, "deadline": rnd.deadline.isoformat()}, "/report/", exclude=actor.user)


def _set_status(actor: Actor, rnd: ReportingRound, status: Any, version: Any, already: str,
                message: str) -> ReportingRound:
    """Change the round's status: the row locked, the right, the version read, the state; written and logged."""
    fresh = lock(ReportingRound.objects.select_related("plan"), rnd.pk)
    _require_office(actor, fresh.plan_id, message)
    check_version(fresh, version)
    if fresh.status == status:
        raise StateError(already)
    return write(actor, fresh, {"status": status}, "update", plan=fresh.plan)


@service
def close_round(actor: Actor, rnd: ReportingRound, *, version: Any = None) -> ReportingRound:
    return _set_status(actor, rnd, RoundStatus.CLOSED, version, _("The reporting round is closed already"),
                       _("Only the plan office closes a reporting round"))


@service
def reopen_round(actor: Actor, rnd: ReportingRound, *, version: Any = None) -> ReportingRound:
    """Open a closed round again (late corrections the plan office accepts)."""
    return _set_status(actor, rnd, RoundStatus.OPEN, version, _("The reporting round is open already"),
                       _("Only the plan office reopens a reporting round"))


def open_due_rounds(actor: Actor, plan: Plan, today: dt.date) -> list[ReportingRound]:
    """Open the rounds of the plan's schedule that are due on ``today`` (opened, deadline not passed) and
    do not exist yet; a round missed for longer than its deadline is not opened after the fact."""
    sched = schedule.of(plan.settings)
    existing = set(ReportingRound.objects.filter(plan=plan).values_list("period", flat=True))
    opened = []
    for slot in schedule.slots(sched, plan.year):
        if slot.period in existing or not (slot.opens <= today <= slot.deadline):
            continue
        opened.append(open_round(actor, plan, label=round_name(slot.period, "zh"), period=slot.period,
                                 opens=slot.opens, deadline=slot.deadline))
    return opened


def close_due_rounds(actor: Actor, plan: Plan, today: dt.date) -> list[ReportingRound]:
    """Close open rounds whose deadline passed more than ``close_days_after_deadline`` days ago (when set)."""
    days = schedule.of(plan.settings).close_days_after_deadline
    if days is None:
        return []
    due = ReportingRound.objects.filter(plan=plan, status=RoundStatus.OPEN,
                                        deadline__lt=today - dt.timedelta(days=days))
    return [close_round(actor, rnd, version=rnd.version) for rnd in due]


def covering_round(plan_id: int, day: dt.date) -> ReportingRound | None:
    """The open round whose period holds ``day``; ``ValidationError`` when only closed rounds hold it
    (a closed round refuses figures); None when no round holds it (plans reporting without rounds)."""
    closed = None
    for rnd in ReportingRound.objects.filter(plan_id=plan_id).order_by("-opens", "-id"):
        try:
            period = parse_period(rnd.period)
        except PeriodError:
            continue
        if not (period.start <= day <= period.end):
            continue
        if rnd.status == RoundStatus.OPEN:
            return rnd
        closed = closed or rnd
    if closed is not None:
        raise ValidationError({"round": [closed_message(closed)]})
    return None


def closed_message(rnd: ReportingRound) -> str:
    return _("The reporting round %(round)s is closed (its deadline was %(deadline)s): it takes no more figures. "
             "Ask the plan office to reopen it.") % {"round": round_name(rnd.period),
                                                     "deadline": rnd.deadline.isoformat()}


def reporting_status(rnd: ReportingRound) -> dict[str, list[Department]]:
    """Which lead departments have reported in the round (anything beyond a draft) and which have not."""
    leads = Department.objects.filter(plan_id=rnd.plan_id, led_tasks__isnull=False).distinct().order_by("seq")
    reported_ids = set(Submission.objects.filter(round=rnd).exclude(status=SubmissionStatus.DRAFT)
                       .values_list("task__lead_id", flat=True))
    reported = [d for d in leads if d.pk in reported_ids]
    missing = [d for d in leads if d.pk not in reported_ids]
    return {"reported": reported, "missing": missing}


@dataclass(frozen=True)
class DepartmentRound:
    """Where one department stands in a round."""

    department: Department
    tasks: int
    reported: int  # tasks with a figure submitted, approved by the head or approved in the round
    approved: int
    awaiting: int  # submitted or approved by the head: a decision is due
    returned: int  # returned and not yet submitted again
    late: bool  # the deadline has passed and some task is not reported
    reminded: dt.date | None  # the last reminder sent about this round

    @property
    def missing(self) -> int:
        return self.tasks - self.reported

    @property
    def complete(self) -> bool:
        return self.reported >= self.tasks


def overview(rnd: ReportingRound, today: dt.date, departments: Any = None, approved_only: bool = False,
             reminders: bool = False) -> list[DepartmentRound]:
    """Per lead department (``departments`` narrows them): tasks, reported, approved, awaiting, returned,
    late, and with ``reminders`` the last reminder. ``approved_only`` (viewers): only approved figures count
    as reported. Two queries (three with reminders)."""
    depts = Department.objects.filter(plan_id=rnd.plan_id, led_tasks__isnull=False)
    if departments is not None:
        depts = depts.filter(pk__in=departments)
    depts = depts.annotate(n=Count("led_tasks", distinct=True)).order_by("seq", "id")
    subs = Submission.objects.filter(round=rnd).order_by()
    if departments is not None:
        subs = subs.filter(task__lead__in=departments)
    per_task: dict[int, tuple[int, str, int]] = {}  # task → (rank, status, department)
    for task_id, lead_id, status in subs.values_list("task_id", "task__lead_id", "status"):
        rank = RANK.get(status, 0)
        if rank > per_task.get(task_id, (0, "", 0))[0]:
            per_task[task_id] = (rank, status, lead_id)
    reminded: dict[int, dt.date] = {}
    if reminders:
        for dept_id, day in ReminderLog.objects.filter(round=rnd).values_list("department_id", "sent_on"):
            reminded[dept_id] = max(day, reminded.get(dept_id, day))
    counted = frozenset({S.APPROVED}) if approved_only else REPORTED
    past = today > rnd.deadline
    out = []
    for dept in depts:
        states = [status for _rank, status, lead in per_task.values() if lead == dept.pk]
        reported = sum(1 for s in states if s in counted)
        out.append(DepartmentRound(
            department=dept, tasks=dept.n, reported=reported,
            approved=sum(1 for s in states if s == S.APPROVED),
            awaiting=0 if approved_only else sum(1 for s in states if s in (S.SUBMITTED, S.HEAD_APPROVED)),
            returned=0 if approved_only else sum(1 for s in states if s == S.RETURNED),
            late=past and reported < dept.n, reminded=reminded.get(dept.pk)))
    return out


def current_round(plan: Plan, wanted: Any = None) -> ReportingRound | None:
    """The round the pages report into: ``wanted`` (an id) if it is an open round of the plan, else the
    newest round, open or closed (between rounds, reporting is closed). One query."""
    rounds = list(ReportingRound.objects.filter(plan=plan).order_by("-opens", "-id"))
    if wanted not in (None, "") and str(wanted).isdigit():
        chosen = next((r for r in rounds if r.pk == int(wanted) and r.status == RoundStatus.OPEN), None)
        if chosen is not None:
            return chosen
    return rounds[0] if rounds else None

