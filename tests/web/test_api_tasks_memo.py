"""The task list keeps each task's serialized form with the plan's assessment (api/views/tasks.py): what it
answers is never older than the data, and the same as serializing afresh."""

from __future__ import annotations

import pytest

from planwatch.web.plans import assessments, services
from planwatch.web.plans.actor import Actor

pytestmark = pytest.mark.django_db


def _by_code(response) -> dict[str, dict]:
    assert response.status_code == 200
    return {t["code"]: t for t in response.json()["results"]}


def test_the_list_follows_an_approval_and_a_rename(api, users, plan, task) -> None:
    office = api("planoffice")
    before = _by_code(office.get("/api/tasks/"))[task.code]
    assert _by_code(office.get("/api/tasks/"))[task.code] == before  # read from what was kept
    sub = services.report(Actor.for_user(users["reporter_a"]), task, value="95", as_of="2021-06-30")
    services.approve(Actor.for_user(users["planoffice"]), sub, version=sub.version)
    after = _by_code(office.get("/api/tasks/"))[task.code]
    assert after["progress"] != before["progress"] and after["progress"]["done"] is not None
    task.refresh_from_db()
    task.name = task.name + "（调整）"
    task.save()
    assert _by_code(office.get("/api/tasks/"))[task.code]["name"] == task.name


def test_kept_answers_equal_fresh_ones_and_scope_still_filters(api, plan) -> None:
    office = api("planoffice")
    kept = office.get("/api/tasks/").json()
    kept_again = office.get("/api/tasks/").json()
    assessments.forget()
    fresh = office.get("/api/tasks/").json()
    assert kept == kept_again == fresh
    mine = _by_code(api("reporter_b").get("/api/tasks/"))
    assert mine and all(t["department"] == "dept_b" for t in mine.values())
    assert set(mine) < {t["code"] for t in fresh["results"]}
