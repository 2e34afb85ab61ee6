"""What a draft holds: the statistical indicators with their codes, what happened, next year's targets,
the measures' tasks, notes on targets met, and for every row its sentence."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from planwatch.checker.extract import Draft, draft
from planwatch.core.model import TargetKind
from planwatch.package import example_path
from planwatch.package import load as load_package

from .conftest import DEV, dev_text

HEADLINE = ("gdp", "general_budget_revenue", "fixed_asset_investment", "construction_investment", "total_consumption",
            "retail_sales", "disposable_income_per_capita", "urban_unemployment_rate", "energy_per_gdp")

# the city report, in our own words: fragments, durations, counts of months, a total that is an actual
CITY = """关于临江市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告

一、2023年计划执行情况

2023年，全市经济一季度平稳开局，二季度承压，三、四季度加快恢复。全市地区生产总值总量达到2.5万亿元，增长5.1%。规模以上工业增加值自4月份起连续9个月单月正增长，全年增长4.6%。基础设施投资8个月单月正增长，全年增长6.3%。进出口总值9876.5亿元，增长2.2%，自5月起月单月正增。固定资产投资增长3.1%。年初确定的主要预期指标中，8个预期性指标未达到预期。

二、2024年主要预期目标

地区生产总值增长5%以上；规上工业增加值增长6%左右；进出口总值保持稳定；城镇调查失业率控制在5.5%以内；居民消费价格涨幅控制在3%左右。

三、2024年重点工作

（一）城市更新。完成470户棚改签约，新增养老床位590张，9月底前完成主干道改造12公里，年底前建成市图书馆新馆。
"""


@pytest.fixture(scope="module")
def city() -> Draft:
    return draft(CITY)


def test_the_seeds_headline_indicators_have_their_codes_and_figures(seed_draft: Draft) -> None:
    """The draft of the seed holds every headline indicator with the figures of the hand-made example package."""
    example = load_package(example_path())
    plan = seed_draft.plan
    assert (plan.year, plan.region.name) == (2021, "朝阳区")
    for code in HEADLINE:
        got, want = plan.observation(code, "2021H1"), example.observation(code, "2021H1")
        assert got is not None and want is not None, code
        assert (got.value, got.yoy_pct, got.vs_base_pct, got.base_period, got.avg_pct) == (
            want.value, want.yoy_pct, want.vs_base_pct, want.base_period, want.avg_pct), code
        assert plan.indicator(code).unit == example.indicator(code).unit
    # named as the statistics bureau names it (the example keeps the report's 社会消费品零售额)
    assert plan.indicator("retail_sales").name == "社会消费品零售总额"
    assert plan.indicator("general_budget_revenue").name == "区级一般公共预算收入"


def test_the_seeds_measures_become_tasks_with_full_year_targets(seed_draft: Draft) -> None:
    tasks = {(t.target_value, t.unit): t for t in seed_draft.plan.tasks}
    for value, unit, words in [
        ("210", "万平方米", "拆违面积不少于210万平方米"), ("220", "公顷", "腾退土地不少于220公顷"),
        ("500", "公顷", "新增改造绿化面积500公顷"), ("590", "张", "新增养老床位590张"),
        ("6100", "套", "政策性住房6100套"), ("470", "户", "470户棚改签约"), ("1000", "名", "养老护理员1000名"),
        ("7000", "个", "不少于7000个电动自行车智能充电桩"), ("3000", "个", "新增各类停车位3000个"),
    ]:
        task = tasks[(Decimal(value), unit)]
        assert task.target_kind == TargetKind.LEVEL_AT_LEAST
        assert words in task.source.quote, (words, task.source.quote)
        assert task.lead == "tbd"
    greenway = tasks[(Decimal("9.5"), "公里")]
    assert greenway.deadline == dt.date(2021, 9, 30)
    assert next(d for d in seed_draft.plan.departments if d.code == "tbd").name.startswith("待定")


def test_no_fragment_duration_or_count_of_months_becomes_an_indicator(city: Draft) -> None:
    plan = city.plan
    names = {i.name for i in plan.indicators}
    assert not any(w in n for n in names for w in ("季度", "单月", "连续", "个月", "月"))
    assert {i.code for i in plan.indicators} >= {"gdp", "industry_value_added", "infrastructure_investment", "foreign_trade",
                                                 "fixed_asset_investment"}
    assert not any(re.fullmatch(r"ind\d+", i.code) for i in plan.indicators)
    values = {o.value for o in plan.observations} | {o.yoy_pct for o in plan.observations}
    assert Decimal(9) not in values and Decimal(8) not in values


def test_an_actual_total_is_an_observation_and_next_years_targets_are_targets(city: Draft) -> None:
    plan = city.plan
    assert plan.year == 2024
    gdp = plan.observation("gdp", "2023")
    assert gdp is not None and (gdp.value, gdp.unit, gdp.yoy_pct) == (Decimal("2.5"), "万亿元", Decimal("5.1"))
    assert not any("2.5" in t.target_text for t in plan.tasks)
    targets = {t.indicator: t for t in plan.targets}
    assert all(t.period == "2024" for t in plan.targets)
    assert (targets["gdp"].kind, targets["gdp"].value) == (TargetKind.GROWTH_AT_LEAST, Decimal(5))
    assert (targets["industry_value_added"].kind, targets["industry_value_added"].value) == (TargetKind.GROWTH_AT_LEAST, Decimal(6))
    assert targets["foreign_trade"].kind == TargetKind.QUALITATIVE and targets["foreign_trade"].text == "进出口总值保持稳定"
    assert (targets["surveyed_unemployment_rate"].kind, targets["surveyed_unemployment_rate"].value) == (
        TargetKind.RATE_AT_MOST, Decimal("5.5"))
    assert (targets["cpi"].kind, targets["cpi"].value) == (TargetKind.GROWTH_AT_MOST, Decimal(3))


def test_tasks_carry_form_unit_deadline_area_and_sentence(city: Draft) -> None:
    plan = city.plan
    by_unit = {t.unit: t for t in plan.tasks}
    assert (by_unit["户"].target_value, by_unit["户"].name) == (Decimal(470), "完成棚改签约")
    road = by_unit["公里"]
    assert (road.target_value, road.deadline) == (Decimal(12), dt.date(2024, 9, 30))
    library = next(t for t in plan.tasks if t.target_kind == TargetKind.MILESTONE)
    assert library.deadline == dt.date(2024, 12, 31) and "图书馆" in library.name
    assert {a.name for a in plan.areas} == {"城市更新"}
    assert all(t.source.quote in CITY for t in plan.tasks)


def test_statements_of_targets_missed_are_notes(city: Draft) -> None:
    assert [(n.indicator, n.status) for n in city.notes] == [("*", "not_met")]
    assert city.plan.extra["notes"][0]["text"] == "8个预期性指标未达到预期"


def test_named_indicators_missed_are_notes_on_them() -> None:
    d = draft(dev_text("d07"))
    assert {(n.indicator, n.status) for n in d.notes} == {
        ("gdp", "not_met"), ("fixed_asset_investment", "not_met"), ("retail_sales", "not_met")}


def test_two_statements_of_one_figure_are_a_conflict_to_review() -> None:
    d = draft(dev_text("d15"))
    conflicts = {(c.key, c.field, c.kept, c.other) for c in d.conflicts}
    assert ("gdp", "value", "642.3亿元", "643.2亿元") in conflicts
    assert d.plan.observation("gdp", "2022H1").value == Decimal("642.3")  # type: ignore[union-attr]
    first = d.to_review()[0]
    assert first.conflict and first.key == "gdp 2022H1" and "643.2亿元" in first.reasons[0].text("zh")
    target = next(t for t in d.plan.targets if t.indicator == "gdp")
    assert target.value == Decimal("6.5")  # the plan's own target; 力争…5%左右 is shown as a conflict
    assert any(r.conflict and r.sheet == "targets" for r in d.to_review())


def test_every_row_carries_its_sentence_and_a_confidence() -> None:
    for path in sorted(DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        d = draft(text)
        plan = d.plan
        rows = [*plan.indicators, *plan.observations, *plan.targets, *plan.tasks]
        assert all(r.source.quote and r.source.quote in text for r in rows), path.name
        reviewed = {(r["sheet"], r["key"]) for r in plan.extra["review"]}
        assert len(reviewed) == len(plan.indicators) + len(plan.observations) + len(plan.targets) + len(plan.tasks)
        assert all(0 < float(r["confidence"]) <= 1 for r in plan.extra["review"])


def test_an_indicator_the_catalogue_does_not_know_is_named_and_marked_for_review() -> None:
    d = draft(dev_text("d05").replace("战略性新兴产业增加值增长9.8%", "快递业务量增长9.8%"))
    ind = next(i for i in d.plan.indicators if i.name == "快递业务量")
    assert re.fullmatch(r"ind\d+", ind.code)
    row = next(r for r in d.reviews if r.sheet == "indicators" and r.key == ind.code)
    assert row.confidence < 0.75 and row.reasons[0].code == "not_in_catalogue"
    assert row in d.to_review()


def test_a_plan_draft_speech_drafts_its_own_year() -> None:
    plan = draft(dev_text("d07")).plan
    assert plan.year == 2023 and {o.period for o in plan.observations} == {"2022"}
    energy = next(t for t in plan.targets if t.indicator == "energy_per_gdp")
    assert (energy.kind, energy.value) == (TargetKind.REDUCTION_AT_LEAST, Decimal(2))


def test_a_three_quarter_report_is_written_as_year_to_september() -> None:
    plan = draft(dev_text("d06")).plan
    gdp = plan.observation("gdp", "2023-09")
    assert gdp is not None and gdp.value == Decimal("3215.6") and plan.year == 2023


def test_a_growth_written_after_its_figure_is_a_growth_target() -> None:
    text = ("关于东山区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n一、2023年计划执行情况\n\n"
            "全区地区生产总值增长5.2%，一般公共预算收入增长4%。\n\n二、2024年主要预期目标\n\n"
            "地区生产总值实现6%左右的增长；一般公共预算收入保持4%以上的增速；城镇新增就业2万人以上。\n")
    targets = {t.indicator: (t.kind, t.value, t.unit) for t in draft(text).plan.targets}
    assert targets == {
        "gdp": (TargetKind.GROWTH_AT_LEAST, Decimal(6), "%"),
        "general_budget_revenue": (TargetKind.GROWTH_AT_LEAST, Decimal(4), "%"),
        "new_urban_jobs": (TargetKind.LEVEL_AT_LEAST, Decimal(2), "万人"),
    }


GENERAL = """关于北山区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告

一、2023年计划执行情况

全区地区生产总值512.4亿元，增长5.6%。工业用电量增长8.1%，全社会用电量增长6.3%。机电产品出口增长12.5%，出口总额86.2亿元，增长3.4%。城区空气质量优良天数比例为84.1%。农贸市场抽检合格比例达到98.6%。国家高新技术企业总数达到356家。

（一）经济运行。全年地区生产总值达到514.2亿元。

二、2024年主要预期目标和重点工作

地区生产总值增长6%。全年新增国家高新技术企业40家以上，年内实现15分钟健身圈全覆盖，9月底前建成区档案馆新馆。
"""


def test_a_noun_before_a_catalogue_name_makes_another_indicator() -> None:
    plan = draft(GENERAL).plan
    by_name = {i.name: i for i in plan.indicators}
    assert plan.observation("power_consumption", "2023").yoy_pct == Decimal("6.3")  # type: ignore[union-attr]
    assert "工业用电量" in by_name and re.fullmatch(r"ind\d+", by_name["工业用电量"].code)
    exports = plan.observation("exports", "2023")
    assert exports is not None and (exports.value, exports.yoy_pct) == (Decimal("86.2"), Decimal("3.4"))
    assert "机电产品出口" in by_name
    assert plan.observation("good_air_days_rate", "2023").value == Decimal("84.1")  # type: ignore[union-attr]
    assert by_name["农贸市场抽检合格比例"].unit == "%"  # …比例 is a rate


def test_the_years_figure_restated_in_the_body_is_an_actual_and_a_conflict() -> None:
    d = draft(GENERAL)
    assert d.plan.observation("gdp", "2023").value == Decimal("512.4")  # type: ignore[union-attr]
    assert [(c.key, c.field, c.other) for c in d.conflicts] == [("gdp", "value", "514.2亿元")]


def test_new_things_of_a_stock_are_a_task_and_a_name_with_minutes_is_no_quantity() -> None:
    plan = draft(GENERAL).plan
    assert [t.indicator for t in plan.targets] == ["gdp"]
    tasks = {(t.target_kind, t.target_value, t.unit, t.deadline) for t in plan.tasks}
    assert tasks == {
        (TargetKind.LEVEL_AT_LEAST, Decimal(40), "家", None),
        (TargetKind.MILESTONE, None, "", dt.date(2024, 12, 31)),
        (TargetKind.MILESTONE, None, "", dt.date(2024, 9, 30)),
    }
    assert plan.observation("high_tech_enterprises", "2023").value == Decimal(356)  # type: ignore[union-attr]
