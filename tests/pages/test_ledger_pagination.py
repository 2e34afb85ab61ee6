"""The ledger shows 100 tasks a page, keeps its filters in the page links, and makes as many queries on the
last page of a big plan as on the first page of a small one; the dashboard still counts every task."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.web.pages.views.tasks import PAGE_SIZE
from planwatch.web.plans.models import Task

from .test_query_counts import MAX_LEDGER, grow

pytestmark = pytest.mark.django_db


def _codes(resp) -> list[str]:
    return re.findall(r'<tr data-task="([^"]+)"', resp.content.decode())


def test_ledger_pages_through_every_task_once(as_user, world) -> None:
    grow(world, PAGE_SIZE + 30)
    total = Task.objects.filter(plan=world.plan).count()
    c = as_user("planoffice")
    first, second = c.get("/tasks/"), c.get("/tasks/?page=2")
    assert len(_codes(first)) == PAGE_SIZE
    assert len(_codes(second)) == total - PAGE_SIZE
    assert sorted(_codes(first) + _codes(second)) == sorted(Task.objects.filter(plan=world.plan)
                                                            .values_list("code", flat=True))
    assert 'href="?page=2"' in first.content.decode()
    assert 'href="?page=1"' in second.content.decode() and "page=3" not in second.content.decode()
    assert c.get("/tasks/?page=99").context["page"].number == 2  # past the end: the last page


def test_page_links_keep_the_filters(as_user, world) -> None:
    grow(world, 2 * PAGE_SIZE + 10)
    c = as_user("planoffice")
    area = world.tasks["T01"].area.code
    resp = c.get(f"/tasks/?area={area}&overdue=&page=2")
    html = resp.content.decode()
    assert f'href="?area={area}&amp;overdue=&amp;page=1"' in html
    assert f'href="?area={area}&amp;overdue=&amp;page=3"' in html
    assert all(r.task.area.code == area for r in resp.context["page"])


def test_dashboard_counts_every_task_not_one_page(as_user, world) -> None:
    grow(world, PAGE_SIZE + 30)
    total = Task.objects.filter(plan=world.plan).count()
    resp = as_user("planoffice").get("/")
    assert resp.context["n_tasks"] == total > PAGE_SIZE
    assert sum(n for _, n in resp.context["status_cards"]) == total
    assert sum(c.total for c in resp.context["by_area"]) == total


def test_a_later_page_makes_no_more_queries(as_user, world) -> None:
    c = as_user("planoffice")
    grow(world, 10)
    c.get("/tasks/")  # the plan's assessment made: later requests read it
    with CaptureQueriesContext(connection) as small:
        c.get("/tasks/")
    grow(world, 2 * PAGE_SIZE + 10, prefix="Y")
    for url in ("/tasks/?page=3", "/tasks/?status=lagging&page=2"):
        c.get(url)
        with CaptureQueriesContext(connection) as big:
            assert c.get(url).status_code == 200
        assert len(big.captured_queries) == len(small.captured_queries) <= MAX_LEDGER, url
