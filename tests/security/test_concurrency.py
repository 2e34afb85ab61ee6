"""Concurrent decisions on one submission, many rounds, on whichever database the suite runs on (the
PostgreSQL pass of scripts/test.sh runs it there): never a server error, exactly one decision wins each
round, and what the database holds is what the change log says (no lost update)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework.test import APIClient

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.models import Membership, ObjectChange, Submission

ROUNDS = 12


def _race(calls: list[tuple[Any, str, dict[str, Any]]]) -> list[tuple[str, int]]:
    """Send the calls at the same moment, each from its own client and database connection."""
    barrier = threading.Barrier(len(calls))
    out: list[tuple[str, int]] = []
    lock = threading.Lock()

    def act(user: Any, url: str, body: dict[str, Any]) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait(timeout=30)
            code = client.post(url, body, format="json").status_code
            with lock:
                out.append((url, code))
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=call) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return out


@pytest.mark.django_db(transaction=True)
def test_approve_and_return_race_without_errors_or_lost_updates(plan, users, task, task_b) -> None:
    second = get_user_model().objects.create_user("planoffice2", password="x")
    Membership.objects.create(user=second, plan=plan, role="planoffice")
    offices = [users["planoffice"], second]
    reporter_a, reporter_b = Actor.for_user(users["reporter_a"]), Actor.for_user(users["reporter_b"])
    codes: list[int] = []
    for i in range(ROUNDS):
        day = f"2021-07-{i + 1:02d}"
        sub = services.report(reporter_a, task, value=str(100 + i), as_of=day)
        same_day = services.report(reporter_a, task, value=str(100 + i), as_of=day)  # supersedes on approval
        other = services.report(reporter_b, task_b, value=str(10 + i), as_of=day)
        results = _race([
            (offices[i % 2], f"/api/submissions/{sub.pk}/approve/", {"version": sub.version}),
            (offices[(i + 1) % 2], f"/api/submissions/{sub.pk}/return/", {"version": sub.version, "comment": "核实"}),
            (offices[i % 2], f"/api/submissions/{same_day.pk}/approve/", {"version": same_day.version}),
            (offices[(i + 1) % 2], f"/api/submissions/{other.pk}/approve/", {"version": other.version}),
        ])
        codes += [code for _url, code in results]
        on_sub = sorted(code for url, code in results if f"/{sub.pk}/" in url)
        assert on_sub == [200, 409], results  # one decision wins, the other is told
        fresh = Submission.objects.get(pk=sub.pk)
        decisions = list(ObjectChange.objects.filter(object_type="plans.submission", object_id=str(sub.pk),
                                                     action__in=["approve", "return", "supersede"])
                         .values_list("action", flat=True))
        expected = {"approved": ["approve"], "returned": ["return"], "superseded": ["approve", "supersede"]}
        assert sorted(decisions) == expected[fresh.status], (fresh.status, decisions)  # the log is the truth
        assert fresh.version == 2 + len(decisions)
    assert not [c for c in codes if c >= 500], codes
    approved = Submission.objects.filter(task=task, status="approved").values_list("as_of", flat=True)
    assert len(approved) == len(set(approved))  # never two approved figures for one task and date
