"""One figure everywhere: the dashboard, the ledger, the indicator pages and the task API show, for every
indicator and task, the figure the report prints.

GIVEN a plan package (the bundled example, and a plan made up at random) imported into the database
WHEN the report is written from the package file (the CLI's path: package → core → assessment) and the
pages and the API are read from the database (database → core → the web's kept assessment) THEN every
task's status, share done, time progress and gap, and every headline indicator's yoy growth, growth
against the base period and two-year average are the same strings in all of them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from planwatch.core import model as core
from planwatch.core.assess import assess, monitoring_date, monitoring_period
from planwatch.core.intervals import round_half_up
from planwatch.package import example_path, load
from planwatch.report.context import gather
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import import_package
from planwatch.web.plans.models import Membership

from .factories import generated_plan

pytestmark = pytest.mark.django_db


def _printed(fig: Any) -> str | None:
    return None if fig is None else str(round_half_up(fig.value, fig.decimals))


def _report(cplan: core.Plan) -> Any:
    """What the report of the package says, as the CLI computes it."""
    import datetime as dt

    on = monitoring_date(cplan, dt.date(cplan.year, 12, 31))
    return gather(assess(cplan, monitoring_period(cplan, on), on))


def _walk(cplan: core.Plan) -> int:
    obj = import_package(cplan, actor=Actor.cli())
    user = get_user_model().objects.create_user("office", password="x")
    Membership.objects.create(user=user, plan=obj, role="planoffice")
    pages = Client()
    pages.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    data = _report(cplan)
    compared = 0

    ledger: dict[str, Any] = {}
    page = 1
    while True:
        resp = pages.get(f"/tasks/?page={page}")
        assert resp.status_code == 200
        for row in resp.context["page"]:
            ledger[row.task.code] = row
        if not resp.context["page"].has_next():
            break
        page += 1
    api_rows: dict[str, Any] = {}
    url: str | None = "/api/tasks/?page_size=500"
    while url:
        body = api.get(url).json()
        api_rows.update({t["code"]: t["progress"] for t in body["results"]})
        url = body.get("next")

    for item in data.tasks:
        tp = item.progress
        code = item.task.code
        row, js = ledger[code], api_rows[code]
        status = str(tp.status)
        share, time, gap = _printed(tp.done_share), _printed(tp.expected_share), _printed(tp.gap_pp)
        assert row.status == js["status"] == status, code
        assert js["done_share"] == share and (str(row.state.done_pct) if row.state.done_pct is not None else None) == share, code
        assert str(row.time_pct) == js["expected_share"] == time, code
        assert (str(row.gap_pp) if row.gap_pp is not None else None) == js["gap_pp"] == gap, code
        compared += 4

    dashboard = pages.get("/")
    cards = {c.indicator.code: c for c in dashboard.context["cards"]}
    headline = [i for i in cplan.indicators if i.headline]
    assert headline and set(cards) == {i.code for i in headline}
    for ind in headline:
        card = cards[ind.code]
        assert card.latest is not None, ind.code
        # the report of the card's period, written from the package file
        f = assess(cplan, card.latest.row.period, data.on).indicator(ind.code)
        for shown, fig in ((card.latest.yoy, f.yoy), (card.latest.vs_base, f.vs_base),
                           (card.latest.two_year_avg, f.avg_annual)):
            assert (None if shown is None else str(shown)) == _printed(fig), ind.code
            compared += 1
        detail = pages.get(f"/indicators/{card.indicator.pk}/").content.decode()
        if f.avg_annual is not None:
            text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", detail))
            assert f"两年平均 {_words(_printed(f.avg_annual))}" in text, ind.code
    for h in data.headline:  # and the report's own period is the one the example's cards show
        if cplan.region.code == "chaoyang":
            assert cards[h.indicator.code].latest.row.period == h.figures.period  # type: ignore[union-attr]
    return compared


def _words(number: str | None) -> str:
    assert number is not None
    d = Decimal(number)
    if d == 0:
        return "持平"
    return f"{'下降' if d < 0 else '增长'}{abs(d)}%"


def test_the_example_shows_one_figure_everywhere() -> None:
    assert _walk(load(example_path("chaoyang-2021"))) > 60


def test_a_generated_plan_shows_one_figure_everywhere() -> None:
    assert _walk(generated_plan(seed=11)) > 200
