"""Property tests of the rounding-aware interval logic (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from planwatch.core import growth
from planwatch.core.intervals import Interval, consistent, decimals_of, expected_figure, round_half_up

D = Decimal

decimals = st.integers(min_value=0, max_value=3)


@st.composite
def published_figure(draw: st.DrawFn, lo: int = -5000, hi: int = 50000) -> tuple[Decimal, int]:
    n = draw(decimals)
    units = draw(st.integers(min_value=lo * 10**n, max_value=hi * 10**n))
    return D(units).scaleb(-n), n


@st.composite
def value_in(draw: st.DrawFn, iv: Interval) -> Decimal:
    t = draw(st.integers(min_value=0, max_value=10**6))
    return iv.lo + (iv.hi - iv.lo) * D(t) / D(10**6)


growth_pct = st.decimals(min_value=D("-60"), max_value=D("200"), places=2, allow_nan=False, allow_infinity=False)


@given(published_figure(), st.data())
def test_a_value_inside_the_published_interval_is_judged_consistent(fig: tuple[Decimal, int], data: st.DataObject) -> None:
    value, n = fig
    iv = Interval.published(value, n)
    x = data.draw(value_in(iv))
    assert consistent(value, Interval.exact(x), n)


@given(published_figure(), st.data())
def test_values_in_the_interval_round_back_to_the_figure(fig: tuple[Decimal, int], data: st.DataObject) -> None:
    value, n = fig
    iv = Interval.published(value, n)
    x = data.draw(value_in(iv))
    # the ends are the halves: half up (away from zero) sends one of them to the neighbour
    assume(iv.lo < x < iv.hi)
    assert round_half_up(x, n) == value
    assert round_half_up(iv.hi if value >= 0 else iv.lo, n) != value or value == 0


@given(published_figure())
def test_published_interval_round_trip(fig: tuple[Decimal, int]) -> None:
    value, n = fig
    iv = Interval.published(value, n)
    assert expected_figure(iv, n) == value
    back = iv.rounds_to(n)
    step = D(1).scaleb(-n)
    assert back.contains(value)
    # only the halves at the ends can round to a neighbour (both ends only around zero)
    assert back.hi - back.lo <= (2 * step if value == 0 else step)
    assert decimals_of(D(str(value))) == n


@given(published_figure(), published_figure())
def test_a_figure_one_step_outside_is_inconsistent(fig: tuple[Decimal, int], other: tuple[Decimal, int]) -> None:
    value, n = fig
    step = D(1).scaleb(-n)
    assert not consistent(value + 2 * step, Interval.published(value, n), n)


@given(published_figure(), published_figure(), st.data())
def test_arithmetic_contains_the_point_results(a: tuple[Decimal, int], b: tuple[Decimal, int], data: st.DataObject) -> None:
    A, B = Interval.published(*a), Interval.published(*b)
    x, y = data.draw(value_in(A)), data.draw(value_in(B))
    assert (A + B).contains(x + y)
    assert (A - B).contains(x - y)
    assert (A * B).contains(x * y)
    if not B.lo <= 0 <= B.hi:
        assert (A / B).contains(x / y)


@given(growth_pct, st.integers(min_value=1, max_value=5), st.data())
def test_avg_annual_interval_contains_the_point(g: Decimal, years: int, data: st.DataObject) -> None:
    G = Interval.published(g, 1)
    x = data.draw(value_in(G))
    assert growth.avg_annual_iv(G, years).contains(growth.avg_annual(x, years))


@given(growth_pct, growth_pct, st.data())
def test_implied_between_interval_contains_the_point(v: Decimal, y: Decimal, data: st.DataObject) -> None:
    V, Y = Interval.published(v, 1), Interval.published(y, 1)
    xv, xy = data.draw(value_in(V)), data.draw(value_in(Y))
    assert growth.implied_between_iv(V, Y).contains(growth.implied_between(xv, xy))


@given(published_figure(lo=1), published_figure(lo=1), st.data())
def test_yoy_and_share_intervals_contain_the_point(a: tuple[Decimal, int], b: tuple[Decimal, int], data: st.DataObject) -> None:
    A, B = Interval.published(*a), Interval.published(*b)
    assume(B.lo > 0 and A.lo >= 0)
    x, y = data.draw(value_in(A)), data.draw(value_in(B))
    assert growth.yoy_iv(A, B).contains(growth.yoy(x, y))
    assert growth.share_iv(A, B).contains(growth.share(x, y))


@given(growth_pct, growth_pct)
def test_chain_interval_contains_the_point(a: Decimal, b: Decimal) -> None:
    A, B = Interval.published(a, 1), Interval.published(b, 1)
    assert growth.chain_iv(A, B).contains(growth.chain(a, b))
