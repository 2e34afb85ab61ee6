"""Query-count baselines: a list costs the same number of queries for 2 rows as for 50 (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.core import model as core
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import import_package

from .factories import small_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(plan, users):
    """40 more tasks and 20 more projects for department A."""
    more = small_plan(year=2022, region="bigger")
    more.tasks += [core.Task(code=f"x{i}", name=f"任务{i}", area="city", lead="dept_a", parent="demolish" if i % 2 else "",
                             co=("dept_b",), target_kind=core.TargetKind.LEVEL_AT_LEAST, target_value=i + 1,
                             unit="个") for i in range(40)]
    more.projects += [core.Project(code=f"q{i}", name=f"项目{i}", category="livelihood", lead="dept_a") for i in range(20)]
    return import_package(more, actor=Actor.cli())


@pytest.mark.parametrize("path", ["/api/tasks/", "/api/submissions/", "/api/projects/", "/api/indicators/",
                                  "/api/warnings/", "/api/rounds/", "/api/changes/"])
def test_lists_do_not_grow_with_their_length(api, big, path) -> None:
    from planwatch.web.plans.models import Membership

    user = Membership.objects.get(user__username="planoffice").user
    Membership.objects.create(user=user, plan=big, role="planoffice")
    client = api("planoffice")
    client.get(path)  # memberships are read once per user object; force_authenticate reuses one
    counts = []
    for size in (2, 50):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{path}?plan={big.pk}&page_size={size}")
        assert response.status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 14
