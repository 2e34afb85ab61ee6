"""The pages' rows and the API show a task's progress the same way (both read the plan's assessment),
and a bad curve is shown on its row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.core.intervals import round_half_up
from planwatch.web.pages import progress
from planwatch.web.plans.figures import progress_of
from planwatch.web.plans.models import Submission, Task

from .test_query_counts import grow

pytestmark = pytest.mark.django_db
ON = dt.date(2021, 6, 30)


def test_pages_and_api_agree_task_by_task(world) -> None:
    grow(world, 40)
    t2 = world.tasks["T02"]
    t2.curve = "milestones:2021-03-31=10;2021-06-30=80"
    t2.save()
    Submission.objects.create(task=t2, value=Decimal("150.5"), unit="公顷", as_of=ON, status="approved",
                              round=world.round)
    t3 = world.tasks["T03"]
    t3.curve = "zigzag"
    t3.save()
    tasks = Task.objects.filter(plan=world.plan).select_related("lead", "area").order_by("seq", "id")
    api = progress_of(list(tasks), world.plan, ON)
    rows = progress.task_rows(tasks, world.plan, ON)
    assert len(rows) == len(api) == tasks.count()
    for row in rows:
        expected = api[row.task.pk]
        assert row.status == expected["status"], row.task.code
        if row.status == "error":
            assert row.error == expected["error"] and "zigzag" in row.error
            continue
        assert str(row.time_pct) == expected["expected_share"]
        assert row.gap_pp == (None if expected["gap_pp"] is None else Decimal(expected["gap_pp"]))
        share = expected["done_share"]
        assert row.done_pct == (None if share is None else round_half_up(Decimal(share), 1)) or row.status == "done"
    assert {r.status for r in rows} >= {"error", "not_started", "lagging"}
