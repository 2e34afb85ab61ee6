"""Reminders to late departments (催报): before the deadline to those who have not reported everything, after
it to those who are late. Sent by the plan office in one click (``remind``) and every day by
``planwatch admin remind`` (``run_schedule``: open the rounds due, close those past their grace, remind).
A department is reminded at most once a day per round and kind (``ReminderLog``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .. import changelog
from ..actor import Actor
from ..errors import StateError
from ..models import NotificationKind, Plan, ReminderLog, ReportingRound, RoundStatus
from ..notices import names
from . import notify, schedule
from .rounds import _require_office, close_due_rounds, open_due_rounds, overview

K = NotificationKind


@dataclass
class Reminded:
    sent: list[ReminderLog] = field(default_factory=list)  # one per department reminded now
    already: list[Any] = field(default_factory=list)  # departments reminded earlier today


@transaction.atomic
def remind(actor: Actor, rnd: ReportingRound, today: dt.date, departments: Any = None) -> Reminded:
    """Remind the departments of an open round that have tasks left to report (``departments`` narrows
    them): "deadline approaching" up to the deadline, "overdue" after it."""
    _require_office(actor, rnd.plan_id, _("Only the plan office sends reminders"))
    if rnd.status != RoundStatus.OPEN:
        raise StateError(_("The reporting round is closed: nobody can report in it any more"))
    kind = K.OVERDUE if today > rnd.deadline else K.DUE_SOON
    out = Reminded()
    for line in overview(rnd, today, departments):
        if line.complete:
            continue
        if ReminderLog.objects.filter(round=rnd, department=line.department, kind=kind, sent_on=today).exists():
            out.already.append(line.department)
            continue
        users = notify.department_members(rnd.plan_id, line.department.pk)
        notify.send(users, kind, rnd.plan, {"department": names(line.department), "missing": line.missing,
                                            "period": rnd.period, "deadline": rnd.deadline.isoformat()},
                    "/report/")
        entry = ReminderLog.objects.create(round=rnd, department=line.department, kind=kind, sent_on=today,
                                           sent_by=actor.name[:150], recipients=len(users))
        changelog.record(actor, "remind", entry, None, changelog.snapshot(entry), plan=rnd.plan)
        out.sent.append(entry)
    return out


@dataclass
class ScheduleRun:
    opened: list[ReportingRound] = field(default_factory=list)
    closed: list[ReportingRound] = field(default_factory=list)
    reminded: list[ReminderLog] = field(default_factory=list)


def run_schedule(actor: Actor, plan: Plan, today: dt.date) -> ScheduleRun:
    """What ``planwatch admin remind`` does each day for a plan: open the rounds the schedule makes due,
    close those past the grace the plan allows, remind the departments of open rounds that have tasks
    left, ``remind_days_before`` days before the deadline and every day after it."""
    run = ScheduleRun()
    with transaction.atomic():
        run.opened = open_due_rounds(actor, plan, today)
        run.closed = close_due_rounds(actor, plan, today)
    before = schedule.of(plan.settings).remind_days_before
    for rnd in ReportingRound.objects.filter(plan=plan, status=RoundStatus.OPEN).order_by("opens", "id"):
        if today >= rnd.deadline - dt.timedelta(days=before) and today >= rnd.opens:
            run.reminded += remind(actor, rnd, today).sent
    return run
