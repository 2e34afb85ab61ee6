"""Whatever order people act in, the workflow keeps its promises (hypothesis drives random sequences):

- an approved figure never changes; at most one approved figure per task and date;
- every successful action raises the version by one and leaves exactly one change-log row;
- a refused action changes nothing;
- approved cumulative figures never fall as the dates advance.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import ObjectChange, Submission

ACTORS = ("reporter_a", "reporter_b", "head_a", "planoffice", "viewer")
VERBS = ("report", "draft", "edit", "submit", "approve", "return")

action = st.tuples(st.sampled_from(VERBS), st.sampled_from(("right",) * 4 + ACTORS), st.integers(0, 5),
                   st.sampled_from(["95", "100", "120", "150.5", "200", "250", "x", "-1"]),
                   st.sampled_from([dt.date(2021, 6, 30), dt.date(2021, 7, 31), dt.date(2021, 8, 31)]),
                   st.sampled_from([False, False, False, True]))  # now and then act on a stale version


def _state() -> dict[int, tuple]:
    return {s.pk: (s.status, s.version, s.value, s.as_of) for s in Submission.objects.all()}


@pytest.mark.django_db
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(actions=st.lists(action, min_size=1, max_size=16), head_step=st.booleans())
def test_random_sequences_keep_the_promises(django_db_blocker, actions, head_step) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from planwatch.web.plans.importexport import import_package
    from planwatch.web.plans.models import Membership

    from .conftest import ROLES
    from .factories import small_plan

    with transaction.atomic():
        plan = import_package(small_plan(), actor=Actor.cli())
        plan.require_head_approval = head_step
        plan.save()
        people = {}
        for name, (role, dept) in ROLES.items():
            user = get_user_model().objects.create(username=name)
            Membership.objects.create(user=user, plan=plan, role=role,
                                      department=plan.departments.get(code=dept) if dept else None)
            people[name] = Actor.for_user(user)
        tasks = [plan.tasks.get(code="demolish"), plan.tasks.get(code="greening")]
        approved_before = {s.pk: (s.value, s.as_of) for s in Submission.objects.filter(status="approved")}
        opening = [("report", "right", 0, "120", dt.date(2021, 7, 31), False),
                   ("report", "right", 1, "250", dt.date(2021, 7, 31), False)]
        for verb, who, pick, value, as_of, stale in opening + actions:
            subs = list(Submission.objects.order_by("-id"))  # the newest first
            ready = {"approve": ("submitted", "head_approved"), "return": ("submitted", "head_approved"),
                     "submit": ("draft", "returned"), "edit": ("draft", "returned")}.get(verb, ())
            if who == "right" and any(x.status in ready for x in subs):  # mostly act on something ready
                subs = [x for x in subs if x.status in ready]
            sub = subs[pick % len(subs)]
            task = tasks[pick % 2] if verb in ("report", "draft") else sub.task
            if who == "right":  # the person who may do it, most of the time
                dept = "a" if task.lead.code == "dept_a" else "b"
                if verb in ("approve", "return"):
                    deciding_head = head_step and sub.status == "submitted" and dept == "a"
                    who = "head_a" if deciding_head else "planoffice"
                else:
                    who = f"reporter_{dept}"
            actor = people[who]
            before = _state()
            changes_before = ObjectChange.objects.count()
            version = sub.version - 1 if stale and sub.version > 1 else None
            try:
                with transaction.atomic():
                    if verb == "report":
                        services.report(actor, task, value=value, as_of=as_of)
                    elif verb == "draft":
                        services.create_draft(actor, task, value=value, as_of=as_of)
                    elif verb == "edit":
                        services.update_draft(actor, sub, version=version, value=value)
                    elif verb == "submit":
                        services.submit(actor, sub, version=version)
                    elif verb == "approve":
                        services.approve(actor, sub, version=version)
                    else:
                        services.return_(actor, sub, "请核实", version=version)
            except (Conflict, PermissionDenied, ValidationError):
                assert _state() == before  # a refusal changes nothing
                assert ObjectChange.objects.count() == changes_before
                continue
            after = _state()
            for pk, (status, ver, val, day) in before.items():
                if status == "approved":  # approved figures never change (only their status may be superseded)
                    assert after[pk][2:] == (val, day)
                    assert after[pk][0] in ("approved", "superseded")
                if after[pk] != (status, ver, val, day):
                    assert after[pk][1] == ver + 1
            assert ObjectChange.objects.count() > changes_before
            # at most one approved figure per task and date, and cumulative figures never fall
            for task in tasks:
                rows = list(task.submissions.filter(status="approved").order_by("as_of"))
                assert len({r.as_of for r in rows}) == len(rows)
                values = [r.value for r in rows if r.value is not None]
                assert values == sorted(values)
        for pk, (val, day) in approved_before.items():
            s = Submission.objects.get(pk=pk)
            assert (s.value, s.as_of) == (val, day)
        transaction.set_rollback(True)
