"""An assessment of a plan that holds the same indicator rows as an earlier one takes its columns."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from planwatch.core.assess import assess
from planwatch.core.model import ProgressRow

from .factories import seed_plan


def test_columns_are_reused_only_for_the_same_rows() -> None:
    plan = seed_plan()
    first = assess(plan, "2021H1")
    more = dataclasses.replace(plan, progress=[*plan.progress, ProgressRow(task="greening", as_of=dt.date(2021, 6, 30),
                                                                             value=Decimal("300"), unit="公顷")])
    again = assess(more, "2021H1", reuse=first)
    assert again.indicators is first.indicators
    assert again.state("greening").done == Decimal("300")
    other = dataclasses.replace(plan, observations=list(plan.observations))  # equal rows, another list
    assert assess(other, "2021H1", reuse=first).indicators is not first.indicators
    rebased = dataclasses.replace(plan, base_year=2018)
    assert assess(rebased, "2021H1", reuse=first).indicators is not first.indicators
