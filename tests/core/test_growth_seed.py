"""The growth arithmetic against the seed report's own figures (Chaoyang 2021 H1, section 一)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.core import growth
from planwatch.core.intervals import Interval, consistent, round_half_up

D = Decimal

# vs 2019 H1 as published → two-year average as published, all six pairs of the seed's first paragraph
SIX = [
    ("gdp", "7.9", "3.9"),
    ("general_budget_revenue", "-1", "-0.5"),
    ("fixed_asset_investment", "-6.7", "-3.4"),
    ("construction_investment", "-12", "-6.2"),
    ("retail_sales", "4.4", "2.2"),
    ("disposable_income_per_capita", "12.1", "5.9"),
]


@pytest.mark.parametrize(("code", "vs_base", "avg"), SIX)
def test_two_year_average_matches_the_seed(code: str, vs_base: str, avg: str) -> None:
    computed = growth.avg_annual(D(vs_base), 2)
    assert round_half_up(computed, 1) == D(avg), code


@pytest.mark.parametrize(("code", "vs_base", "avg"), SIX)
def test_published_average_is_consistent_with_the_interval_of_vs_base(code: str, vs_base: str, avg: str) -> None:
    iv = growth.avg_annual_iv(Interval.published(vs_base), 2)
    assert consistent(avg, iv), code
    # a figure beyond the interval is not: the check can fail
    assert not consistent(round_half_up(iv.hi, 1) + D("0.2"), iv), code
    assert not consistent(round_half_up(iv.lo, 1) - D("0.2"), iv), code


def test_average_round_trips_to_total() -> None:
    avg = growth.avg_annual(D("7.9"), 2)
    assert abs(growth.total_from_avg(avg, 2) - D("7.9")) < D("1e-20")


def test_landing_rate_49_of_62_is_79_percent() -> None:
    # 市级251项任务中，朝阳组团62项任务已落地49项，落地率达79%
    rate = growth.share(D(49), D(62))
    assert round_half_up(rate, 0) == D(79)
    assert consistent("79", growth.share_iv(Interval.exact(D(49)), Interval.exact(D(62))))
    assert not consistent("80", growth.share_iv(Interval.exact(D(49)), Interval.exact(D(62))))


def test_implied_2020_growth_of_gdp() -> None:
    # 2021 H1 GDP +13.5% yoy and +7.9% on 2019 H1 imply 2020 H1 fell 4.9% on 2019 H1
    implied = growth.implied_between(D("7.9"), D("13.5"))
    assert round_half_up(implied, 1) == D("-4.9")
    # chaining 2020 and 2021 gives back the growth on 2019
    assert abs(growth.chain(implied, D("13.5")) - D("7.9")) < D("1e-20")
    iv = growth.implied_between_iv(Interval.published("7.9"), Interval.published("13.5"))
    assert iv.contains(implied)
    assert iv.lo < D("-4.9") < iv.hi


def test_implied_2020_growth_of_retail_sales() -> None:
    # 社零额 +25.2% yoy, +4.4% on 2019: 2020 H1 was 16.6% below 2019 H1
    assert round_half_up(growth.implied_between(D("4.4"), D("25.2")), 1) == D("-16.6")


def test_yoy_and_pp_and_share_basics() -> None:
    assert growth.yoy(D(110), D(100)) == D(10)
    assert growth.pp_change(D("70.2"), D("68.6")) == D("1.6")  # GDP前五大行业占比较去年同期提升1.6个百分点
    assert growth.level_from_growth(D(100), D("-5")) == D(95)


def test_growth_errors() -> None:
    with pytest.raises(growth.GrowthError):
        growth.yoy(D(1), D(0))
    with pytest.raises(growth.GrowthError):
        growth.avg_annual(D(-100), 2)
    with pytest.raises(growth.GrowthError):
        growth.avg_annual(D(5), 0)
    with pytest.raises(growth.GrowthError):
        growth.share(D(1), D(0))
