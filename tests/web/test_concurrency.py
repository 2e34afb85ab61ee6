"""Two people approve the same submission at the same moment: one wins, the other is told, nothing lost."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework.test import APIClient

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.models import Membership, ObjectChange, Submission


def _race(users: list, sub_id: int, version: int, verb: str, body: dict) -> list[int]:
    barrier = threading.Barrier(len(users))
    codes: list[int] = []
    lock = threading.Lock()

    def act(user) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait(timeout=10)
            response = client.post(f"/api/submissions/{sub_id}/{verb}/", {**body, "version": version},
                                   format="json")
            with lock:
                codes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return sorted(codes)


@pytest.mark.django_db(transaction=True)
def test_concurrent_approval_one_wins_one_conflicts(plan, users, task) -> None:
    second = get_user_model().objects.create_user("planoffice2", password="x")
    Membership.objects.create(user=second, plan=plan, role="planoffice")
    sub = services.report(Actor.for_user(users["reporter_a"]), task, value="100", as_of="2021-07-31")
    codes = _race([users["planoffice"], second], sub.pk, sub.version, "approve", {})
    assert codes == [200, 409]
    sub.refresh_from_db()
    assert (sub.status, sub.version) == ("approved", sub.version)
    approvals = ObjectChange.objects.filter(object_type="plans.submission", object_id=str(sub.pk), action="approve")
    assert approvals.count() == 1
    assert sub.decided_by.username == approvals.get().user_name


@pytest.mark.django_db(transaction=True)
def test_concurrent_approve_and_return_one_wins(plan, users, task) -> None:
    sub = services.report(Actor.for_user(users["reporter_a"]), task, value="100", as_of="2021-07-31")
    barrier = threading.Barrier(2)
    results: dict[str, int] = {}

    def act(name: str, verb: str, body: dict) -> None:
        client = APIClient()
        client.force_authenticate(users["planoffice"])
        try:
            barrier.wait(timeout=10)
            results[verb] = client.post(f"/api/submissions/{sub.pk}/{verb}/", {**body, "version": sub.version},
                                        format="json").status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=("a", "approve", {})),
               threading.Thread(target=act, args=("b", "return", {"comment": "请核实"}))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results.values()) == [200, 409]
    winner = next(verb for verb, code in results.items() if code == 200)
    sub = Submission.objects.get(pk=sub.pk)
    assert sub.status == {"approve": "approved", "return": "returned"}[winner]
    decisions = ObjectChange.objects.filter(object_id=str(sub.pk), action__in=["approve", "return"])
    assert [c.action for c in decisions] == [winner]
