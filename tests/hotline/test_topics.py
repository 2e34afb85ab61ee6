"""High-frequency topics and surges, by their stated rules; the generator's planted surges are found."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.hotline.analysis import Analysis
from planwatch.hotline.complaints import overdue_by, overdue_list, repeats_by
from planwatch.hotline.generate.categories import TREE
from planwatch.hotline.generate.geography import BY_CODE
from planwatch.hotline.generate.tickets import injected_surges
from planwatch.hotline.source import TicketSource
from planwatch.hotline.span import parse_span
from planwatch.hotline.topics import surges, topics

from .factories import table, ticket


def tickets_of(category: str, n: int, when: dt.datetime, **extra) -> list[dict]:
    return [ticket(category3_code=category, category3=f"类{category}", accepted_at=when, **extra) for _ in range(n)]


def test_topics_need_volume_and_share_to_rise() -> None:
    may, june = dt.datetime(2021, 5, 10), dt.datetime(2021, 6, 10)
    rows = (tickets_of("X", 20, may) + tickets_of("Y", 40, may) + tickets_of("Z", 40, may)
            + tickets_of("X", 30, june) + tickets_of("Y", 45, june) + tickets_of("Z", 45, june)
            + tickets_of("S", 19, may) * 0 + tickets_of("S", 19, june))  # S: new but under 20 tickets
    with Analysis(TicketSource("t", table=table(rows))) as a:
        found = topics(a, 2021, 6)
    assert [(t.category, t.tickets, t.previous) for t in found] == [("X", 30, 20)]
    assert found[0].share == Decimal(30) * 100 / 139 and found[0].previous_share == 20


def test_surge_rule_boundaries() -> None:
    week = dt.date(2021, 6, 21)
    rows = []
    for i in range(1, 9):  # eight baseline weeks
        day = dt.datetime.combine(week - dt.timedelta(weeks=i), dt.time(10))
        rows += tickets_of("X", 2, day) + tickets_of("Y", 5, day) + tickets_of("Z", 5, day)
    now = dt.datetime.combine(week, dt.time(10)) + dt.timedelta(days=3)
    rows += tickets_of("X", 10, now) + tickets_of("Y", 14, now) + tickets_of("Z", 15, now) + tickets_of("W", 9, now)
    with Analysis(TicketSource("t", table=table(rows))) as a:
        found = surges(a, week + dt.timedelta(days=2))  # any day of the week
    # X: 10 ≥ 3 × 2; Z: 15 ≥ 3 × 5 (the boundary is in); Y: 14 < 15; W: 9 under the 10-ticket floor
    assert sorted((s.category, s.tickets, s.baseline_mean) for s in found) == [("X", 10, 2), ("Z", 15, 5)]
    assert all(s.week == week for s in found)


def test_weeks_before_the_first_ticket_are_not_in_the_mean() -> None:
    week = dt.date(2021, 6, 21)
    rows = tickets_of("X", 3, dt.datetime(2021, 6, 15)) + tickets_of("X", 10, dt.datetime(2021, 6, 22))
    with Analysis(TicketSource("t", table=table(rows))) as a:
        [s] = surges(a, week)
    assert s.weeks == 1 and s.baseline_mean == 3


@pytest.mark.slow
def test_the_generators_planted_surges_are_found(city_h1: Path) -> None:
    chaoyang = BY_CODE["chaoyang"]
    planted = injected_surges(chaoyang, 2021, 6)
    assert planted
    with Analysis(str(city_h1)) as a:
        for street, category, day, _count in planted:
            week = dt.date(2021, 6, day + 1)
            found = {(s.group, s.category) for s in surges(a, week, filters={"district_code": "chaoyang"})}
            assert (chaoyang.streets[street].code, TREE.codes[2][category]) in found


def test_overdue_and_repeats() -> None:
    t0 = dt.datetime(2021, 6, 1, 9)
    rows = [
        ticket(accepted_at=t0, due_at=t0 + dt.timedelta(days=15), closed_at=t0 + dt.timedelta(days=16)),  # late
        ticket(accepted_at=t0, due_at=t0 + dt.timedelta(days=15), closed_at=t0 + dt.timedelta(days=2)),   # on time
        ticket(accepted_at=t0, due_at=t0 + dt.timedelta(days=3), closed_at=None),  # open past due at end of June
        ticket(accepted_at=dt.datetime(2021, 5, 20), caller_id="c1", address="A1", appeal_type="complaint"),
        ticket(accepted_at=dt.datetime(2021, 6, 18), caller_id="c1", address="A1", appeal_type="complaint"),  # 29 days
        ticket(accepted_at=dt.datetime(2021, 6, 19), caller_id="c2", address="A2", appeal_type="complaint"),
        ticket(accepted_at=dt.datetime(2021, 5, 1), caller_id="c2", address="A2", appeal_type="complaint"),  # 49 days
        ticket(accepted_at=dt.datetime(2021, 6, 20), caller_id="c1", address="B", appeal_type="complaint"),  # other address
    ]
    span = parse_span("2021-06")
    with Analysis(TicketSource("t", table=table(rows))) as a:
        late = overdue_list(a, span)
        [by] = overdue_by(a, span, "street")
        [rep] = repeats_by(a, span, "street")
    assert len(late) == 2 and sorted(x["days_over"] for x in late) == [1, 26]
    assert (by.total, by.count) == (6, 2)
    assert (rep.total, rep.count) == (3, 1)
