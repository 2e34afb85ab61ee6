"""The dashboard and the ledger make the same number of queries for 8 tasks as for 68 (no N+1), whether
the plan's assessment is made for the request (cold) or kept from an earlier one (warm), and the
assessment is made once per version of the plan's data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.web.plans.assessments import forget as forget_memo
from planwatch.web.plans.models import Submission, Task, WarningRecord

pytestmark = pytest.mark.django_db

MAX_DASHBOARD = 19
MAX_LEDGER = 14


def grow(world, n: int, prefix: str = "X") -> None:
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


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("url", "limit"), [("/", MAX_DASHBOARD), ("/tasks/", MAX_LEDGER),
                                            ("/tasks/?status=lagging", MAX_LEDGER)])
def test_query_count_does_not_grow_with_the_plan(as_user, world, url: str, limit: int,
                                                 django_assert_max_num_queries) -> None:
    c = as_user("planoffice")
    grow(world, 3)
    c.get(url)  # session warm
    forget_memo()
    small_cold, small_warm = count(c, url), count(c, url)
    grow(world, 60, prefix="Y")
    forget_memo()
    big_cold, big_warm = count(c, url), count(c, url)
    assert (big_cold, big_warm) == (small_cold, small_warm), f"{url}: queries grow with the number of tasks"
    with django_assert_max_num_queries(limit):
        c.get(url)


def test_reporter_dashboard_is_bounded_too(as_user, world, django_assert_max_num_queries) -> None:
    grow(world, 30)
    c = as_user("reporter-cgj")
    c.get("/")
    with django_assert_max_num_queries(MAX_DASHBOARD):
        assert c.get("/").status_code == 200


def test_progress_memo_follows_approvals(as_user, world) -> None:
    """GIVEN the ledger computed once WHEN a figure is approved through the services THEN the next view shows it."""
    c = as_user("planoffice")
    row = next(r for r in c.get("/tasks/").context["page"] if r.task.code == "T01")
    assert row.status == "not_started"
    t1 = world.tasks["T01"]
    as_user("reporter-cgj").post("/report/", {f"value-{t1.pk}": "91.4"})
    s = Submission.objects.get(task=t1)
    c = as_user("planoffice")
    c.post("/approvals/", {"approve": s.pk, f"version-{s.pk}": s.version})
    row = next(r for r in c.get("/tasks/").context["page"] if r.task.code == "T01")
    assert (row.status, row.done_pct) == ("on_track", Decimal("43.5"))


def test_assessment_is_made_once_per_data_version(as_user, world, monkeypatch) -> None:
    """GIVEN the pages read twice THEN the plan was assessed once; WHEN a figure is approved THEN the plan's
    data version moved in that transaction, and the plan is assessed again once (by the approval's
    recompute of warnings, or by the next page), however many pages follow."""
    from planwatch.web.plans import assessments

    made: list[int] = []
    build = assessments._build

    def counting(*args, **kwargs):
        made.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(assessments, "_build", counting)
    forget_memo()
    c = as_user("planoffice")
    c.get("/")
    c.get("/tasks/")
    assert len(made) == 1
    version = type(world.plan).objects.get(pk=world.plan.pk).data_version
    t1 = world.tasks["T01"]
    as_user("reporter-cgj").post("/report/", {f"value-{t1.pk}": "91.4"})
    c = as_user("planoffice")
    c.get("/approvals/")
    before = len(made)
    s = Submission.objects.get(task=t1)
    c.post("/approvals/", {"approve": s.pk, f"version-{s.pk}": s.version})
    assert Submission.objects.get(pk=s.pk).status == "approved"
    assert type(world.plan).objects.get(pk=world.plan.pk).data_version > version
    c.get("/tasks/")
    c.get("/")
    c.get("/tasks/")
    assert len(made) == before + 1
