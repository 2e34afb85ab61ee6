"""The reviewer's context of a reported cumulative figure (core.review): previous, target, share, flags."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from planwatch.core.model import TargetKind
from planwatch.core.review import Flag, cumulative_target, review

START = dt.date(2021, 1, 1)
MAR, MAY, JUN = dt.date(2021, 3, 31), dt.date(2021, 5, 31), dt.date(2021, 6, 30)


def test_first_report_has_no_previous_and_no_jump() -> None:
    r = review(D("40.10"), MAR, [], D("210"), START)
    assert (r.previous, r.previous_as_of, r.change, r.flags) == (None, None, D("40.10"), ())
    assert r.share_pct is not None and round(r.share_pct, 2) == D("19.10")


def test_steady_progress_is_not_flagged() -> None:
    """40.10 by 31 March, 91.4 by 30 June (the seed's 拆违): the pace hardly changed."""
    r = review(D("91.4"), JUN, [(MAR, D("40.10"))], D("210"), START)
    assert (r.previous, r.previous_as_of, r.change) == (D("40.10"), MAR, D("51.30"))
    assert r.flags == ()
    assert r.pace_factor is not None and D("1") < r.pace_factor < D("1.5")


def test_5000_against_a_3000_target_is_flagged_above_target_and_as_a_jump() -> None:
    """The issue's case: 新增停车位 3,000 a year, 1,000 by May, then 5,000 reported for June."""
    r = review(D("5000"), JUN, [(MAY, D("1000"))], D("3000"), START)
    assert set(r.flags) == {Flag.ABOVE_TARGET, Flag.JUMP}
    assert round(r.share_pct or 0, 1) == D("166.7")
    assert r.change == D("4000")


def test_a_fall_is_flagged_going_down() -> None:
    r = review(D("80"), JUN, [(MAR, D("40")), (MAY, D("90"))], D("210"), START)
    assert r.flags == (Flag.GOING_DOWN,)
    assert r.change == D("-10")


def test_only_earlier_figures_count_and_history_order_does_not_matter() -> None:
    later = dt.date(2021, 9, 30)
    a = review(D("91.4"), JUN, [(later, D("150")), (MAR, D("40.10"))], D("210"), START)
    b = review(D("91.4"), JUN, [(MAR, D("40.10"))], D("210"), START)
    assert a == b


def test_jump_factor_is_a_setting() -> None:
    history = [(MAR, D("30")), (MAY, D("50"))]
    assert Flag.JUMP not in review(D("70"), JUN, history, None, START).flags
    assert Flag.JUMP in review(D("70"), JUN, history, None, START, jump_factor=D("1.5")).flags


def test_no_value_no_figures() -> None:
    r = review(None, JUN, [(MAR, D("1"))], D("10"), START)
    assert (r.share_pct, r.change, r.flags) == (None, None, ())


def test_only_level_targets_are_cumulative_targets() -> None:
    assert cumulative_target(TargetKind.LEVEL_AT_LEAST, D("210")) == D("210")
    assert cumulative_target("level_at_most", D("5")) == D("5")
    assert cumulative_target(TargetKind.GROWTH_AT_LEAST, D("6")) is None
    assert cumulative_target("milestone", None) is None
    assert cumulative_target("nonsense", D("1")) is None


values = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(st.integers(1, 170), values), max_size=6), values, values)
def test_flags_follow_their_definitions(points, value, target) -> None:
    history = [(START + dt.timedelta(days=d), v) for d, v in points]
    r = review(value, JUN, history, target or None, START)
    assert (Flag.ABOVE_TARGET in r.flags) == bool(target and value > target)
    assert (Flag.GOING_DOWN in r.flags) == (r.previous is not None and value < r.previous)
    if Flag.JUMP in r.flags:
        assert r.change is not None and r.change > 0 and r.pace_factor is not None and r.pace_factor > 3
