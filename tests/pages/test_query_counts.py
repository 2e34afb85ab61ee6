"""The dashboard and the ledger make the same number of queries for 8 tasks as for 68 (no N+1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.web.plans.models import Submission, Task, WarningRecord

pytestmark = pytest.mark.django_db

MAX_DASHBOARD = 15
MAX_LEDGER = 10


def grow(world, n: int, prefix: str = "X") -> None:  # type: ignore[no-untyped-def]
    """Add ``n`` tasks spread over the departments, each with an approved figure and a warning."""
    depts = list(world.departments.values())
    area = world.tasks["T01"].area
    for i in range(n):
        dept = depts[i % len(depts)]
        t = Task.objects.create(plan=world.plan, code=f"{prefix}{i:03d}", name=f"任务{i}", area=area, lead=dept,
                                target_kind="level_at_least", target_value=Decimal(100), unit="个", seq=100 + i)
        Submission.objects.create(task=t, value=Decimal(i % 90), unit="个", as_of=dt.date(2021, 6, 30),
                                  status="approved", round=world.round)
        WarningRecord.objects.create(plan=world.plan, rule="task_lagging", level="yellow", subject_type="task",
                                     subject_code=t.code, department=dept, message=f"任务{i}滞后")


def count(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("url", "limit"), [("/", MAX_DASHBOARD), ("/tasks/", MAX_LEDGER),
                                            ("/tasks/?status=lagging", MAX_LEDGER)])
def test_query_count_does_not_grow_with_the_plan(as_user, world, url: str, limit: int,
                                                 django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    c = as_user("planoffice")
    grow(world, 3)
    c.get(url)  # session and caches warm
    small = count(c, url)
    grow(world, 60, prefix="Y")
    big = count(c, url)
    assert big == small, f"{url}: {small} queries for 8 tasks, {big} for 68"
    with django_assert_max_num_queries(limit):
        c.get(url)


def test_reporter_dashboard_is_bounded_too(as_user, world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    grow(world, 30)
    c = as_user("reporter-cgj")
    c.get("/")
    with django_assert_max_num_queries(MAX_DASHBOARD):
        assert c.get("/").status_code == 200
