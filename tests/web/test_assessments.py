"""The web app's kept assessment: made again when the plan's data change, and, when only tasks changed,
without reading or computing its indicators' figures again."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.web.plans import assessments, services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.models import Observation, Plan

from .factories import current

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh() -> None:
    assessments.forget()


@pytest.fixture
def actors(users):
    return {name: Actor.for_user(u) for name, u in users.items()}


def test_an_approval_keeps_the_indicators_figures(actors, plan, task) -> None:
    """GIVEN the plan assessed WHEN a task's figure is approved THEN the next assessment shows it, and holds
    the very same observation rows and columns as before (they were neither read nor computed again)."""
    before = assessments.current(plan)
    sub = services.report(actors["reporter_a"], task, value="100", as_of="2021-06-30")
    current(services.approve)(actors["planoffice"], sub)
    after = assessments.current(plan)
    assert after is not before
    assert after.state(task.code).done == Decimal("100")
    assert after.plan.observations is before.plan.observations
    assert after.indicators is before.indicators


def test_an_edited_observation_is_read_again(plan) -> None:
    """GIVEN the plan assessed WHEN an observation is changed (say, in the Django admin) THEN its figures
    version moved in that save, and the next assessment reads and computes the figures afresh."""
    before = assessments.current(plan)
    version = Plan.objects.get(pk=plan.pk).figures_version
    obs = Observation.objects.get(indicator__plan=plan, indicator__code="gdp", period="2021H1")
    obs.vs_base_pct = Decimal("8.2")
    obs.save()
    assert Plan.objects.get(pk=plan.pk).figures_version > version
    after = assessments.current(plan)
    assert after.plan.observations is not before.plan.observations
    row = after.row("gdp", "2021H1")
    assert row is not None and row.vs_base == Decimal("8.2") and row.avg_annual == Decimal("4.0")
