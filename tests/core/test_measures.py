"""Derived figures of indicators: the seed's two-year averages with provenance, notes, targets."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from planwatch.core.measures import MeasureError, PlanIndex, headline, indicator_figures
from planwatch.core.model import Indicator, IndicatorKind, Observation, TargetKind

from .factories import add_target, seed_plan

D = Decimal

AVERAGES = {"gdp": "3.9", "general_budget_revenue": "-0.5", "fixed_asset_investment": "-3.4",
            "construction_investment": "-6.2", "retail_sales": "2.2", "disposable_income_per_capita": "5.9"}


@pytest.mark.parametrize(("code", "avg"), AVERAGES.items())
def test_two_year_averages_are_computed_from_vs_base(code: str, avg: str) -> None:
    f = indicator_figures(seed_plan(), code, "2021H1")
    assert f.avg_annual is not None
    assert f.avg_annual.rounded == D(avg)
    assert f.avg_annual.origin == "computation" and f.avg_annual.decimals == 1
    assert f.avg_annual.inputs == (f.vs_base,)
    assert f.base_period == "2019H1"


def test_changing_vs_base_changes_the_average() -> None:
    plan = seed_plan()
    plan.observations = [dataclasses.replace(o, vs_base_pct=D("21")) if o.indicator == "gdp" else o
                         for o in plan.observations]
    f = indicator_figures(plan, "gdp", "2021H1")
    assert f.avg_annual is not None and f.avg_annual.rounded == D("10.0")


def test_published_average_only_without_vs_base() -> None:
    f = indicator_figures(seed_plan(), "total_consumption", "2021H1")
    assert f.vs_base is None
    assert f.avg_annual is not None and f.avg_annual.origin == "observation" and f.avg_annual.value == D("2.2")
    assert f.yoy is not None and f.yoy.value == D("22.8")


def test_published_figures_keep_their_provenance() -> None:
    f = indicator_figures(seed_plan(), "gdp", "2021H1")
    assert f.value is not None and f.value.value == D("3640.7") and f.value.unit == "亿元"
    assert f.yoy is not None and f.yoy.origin == "observation"
    assert f.yoy.ref["column"] == "yoy_pct" and f.yoy.ref["file"] == "observations.csv" and f.yoy.ref["row"] == "2"
    assert f.implied_between is not None and f.implied_between.rounded == D("-4.9")
    assert "2020年比2019年" in f.implied_between.label


def test_base_period_defaults_to_the_plan_base_year() -> None:
    plan = seed_plan()
    plan.observations = [dataclasses.replace(o, base_period="") for o in plan.observations]
    f = indicator_figures(plan, "retail_sales", "2021H1")
    assert f.base_period == "2019H1" and f.avg_annual is not None and f.avg_annual.rounded == D("2.2")


def test_bad_base_period_is_a_clear_error() -> None:
    plan = seed_plan()
    plan.observations = [dataclasses.replace(o, base_period="2019上半年") if o.indicator == "gdp" else o
                         for o in plan.observations]
    with pytest.raises(MeasureError, match=r"observations\.csv row 2"):
        indicator_figures(plan, "gdp", "2021H1")


def test_unknown_indicator_and_missing_observation() -> None:
    with pytest.raises(KeyError):
        indicator_figures(seed_plan(), "nope", "2021H1")
    f = indicator_figures(seed_plan(), "gdp", "2020H1")
    assert f.value is None and f.notes and f.notes[0].kind == "no_observation"
    with pytest.raises(MeasureError):
        indicator_figures(seed_plan(), "gdp", "2021上半年")


def _with_previous_year(comparable: bool, prev_value: str) -> list[str]:
    plan = seed_plan()
    plan.indicators = [dataclasses.replace(i, comparable=comparable) if i.code == "general_budget_revenue" else i
                       for i in plan.indicators]
    plan.observations.append(Observation(indicator="general_budget_revenue", period="2020H1", value=D(prev_value), unit="亿元"))
    f = indicator_figures(plan, "general_budget_revenue", "2021H1")
    assert f.yoy is not None and f.yoy.value == D("12.7")  # the published yoy is never replaced
    return [n.kind for n in f.notes]


def test_yoy_from_levels_is_only_a_soft_note() -> None:
    assert _with_previous_year(False, "264.4") == []  # 298 / 264.4 = +12.7%: consistent, no note
    assert _with_previous_year(False, "250") == ["yoy_from_levels"]  # 298 / 250 = +19.2%: noted
    assert _with_previous_year(True, "250") == []  # comparable basis: not recomputed at all


def test_yoy_from_levels_fills_a_blank_for_nominal_indicators() -> None:
    plan = seed_plan()
    plan.indicators.append(Indicator(code="tax", name="税收", unit="亿元"))
    plan.observations += [Observation(indicator="tax", period="2021H1", value=D("110"), unit="亿元"), Observation(indicator="tax", period="2020H1", value=D("100"), unit="亿元")]
    f = indicator_figures(plan, "tax", "2021H1")
    assert f.yoy is not None and f.yoy.origin == "computation" and f.yoy.rounded == D("10.0")


def test_targets_are_evaluated() -> None:
    plan = seed_plan()
    add_target(plan, "gdp", TargetKind.GROWTH_AT_LEAST, "6", text="增长6%以上")
    add_target(plan, "urban_unemployment_rate", TargetKind.RATE_AT_MOST, "4.5")
    add_target(plan, "energy_per_gdp", TargetKind.REDUCTION_AT_LEAST, "3")
    add_target(plan, "fixed_asset_investment", TargetKind.GROWTH_AT_LEAST, "6")
    idx = PlanIndex(plan)
    met = {c: indicator_figures(plan, c, "2021H1", index=idx).target_result for c in
           ("gdp", "urban_unemployment_rate", "energy_per_gdp", "fixed_asset_investment")}
    assert {c: r.met for c, r in met.items() if r} == {"gdp": True, "urban_unemployment_rate": True,
                                                       "energy_per_gdp": True, "fixed_asset_investment": False}
    f = indicator_figures(plan, "gdp", "2021H1", index=idx)
    assert f.target is not None and f.target.origin == "target" and f.target_kind is TargetKind.GROWTH_AT_LEAST


def test_level_targets_convert_units() -> None:
    plan = seed_plan()
    add_target(plan, "gdp", TargetKind.LEVEL_AT_LEAST, "36000000", unit="万元")  # 3600亿元
    r = indicator_figures(plan, "gdp", "2021H1").target_result
    assert r is not None and r.met is True and r.gap == D("407000")  # 40.7亿元 = 407000万元
    plan.targets.clear()
    add_target(plan, "gdp", TargetKind.LEVEL_AT_LEAST, "5", unit="公顷")
    f = indicator_figures(plan, "gdp", "2021H1")
    assert f.target_result is None and [n.kind for n in f.notes] == ["unit_mismatch"]


def test_headline_in_order() -> None:
    codes = [f.indicator.code for f in headline(seed_plan(), "2021H1")]
    assert codes[:7] == ["gdp", "general_budget_revenue", "fixed_asset_investment", "construction_investment",
                         "total_consumption", "retail_sales", "disposable_income_per_capita"]
    assert set(codes[7:]) == {"urban_unemployment_rate", "energy_per_gdp"}


def test_ranks_and_rates_get_no_growth_from_levels() -> None:
    plan = seed_plan()
    plan.indicators.append(Indicator(code="pm25_rank", name="PM2.5排名", unit="名", kind=IndicatorKind.RANK))
    plan.observations += [Observation(indicator="pm25_rank", period="2021H1", value=D(10), unit="名"), Observation(indicator="pm25_rank", period="2020H1", value=D(8), unit="名")]
    f = indicator_figures(plan, "pm25_rank", "2021H1")
    assert f.yoy is None and not f.notes


def test_one_year_back_has_no_average() -> None:
    plan = seed_plan()
    plan.observations = [dataclasses.replace(o, base_period="2020H1") if o.indicator == "gdp" else o
                         for o in plan.observations]
    f = indicator_figures(plan, "gdp", "2021H1")
    assert f.avg_annual is None and f.implied_between is None and f.vs_base is not None
