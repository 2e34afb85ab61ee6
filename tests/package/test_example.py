"""The bundled chaoyang-2021 example holds the seed report's figures as written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.core import growth
from planwatch.core.intervals import round_half_up
from planwatch.core.model import IndicatorKind, Plan, TargetKind
from planwatch.package import example_path, list_examples, load, validate

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_chaoyang_2021h1.txt"
HEADLINE = [
    "gdp",
    "general_budget_revenue",
    "fixed_asset_investment",
    "construction_investment",
    "total_consumption",
    "retail_sales",
    "disposable_income_per_capita",
    "urban_unemployment_rate",
    "energy_per_gdp",
]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load(example_path("chaoyang-2021"))


def test_example_is_listed_and_clean() -> None:
    assert "chaoyang-2021" in list_examples()
    assert [i for i in validate(example_path()) if i.is_error] == []


def test_plan_head(plan: Plan) -> None:
    assert plan.region.code == "chaoyang" and plan.region.name == "朝阳区"
    assert plan.year == 2021 and plan.base_year == 2019
    assert plan.title == "朝阳区2021年国民经济和社会发展计划"
    assert plan.settings["progress_convention"] == "days"
    assert "illustrative" in plan.illustrative_note


def test_headline_indicators_in_report_order(plan: Plan) -> None:
    headline = sorted((i for i in plan.indicators if i.headline), key=lambda i: i.order)
    assert [i.code for i in headline] == HEADLINE


@pytest.mark.parametrize(
    ("code", "value", "yoy", "vs_base", "avg"),
    [
        ("gdp", "3640.7", "13.5", "7.9", None),
        ("general_budget_revenue", "298", "12.7", "-1", None),
        ("fixed_asset_investment", "431.1", "4.2", "-6.7", None),
        ("construction_investment", "159.6", "6.7", "-12", None),
        ("total_consumption", None, "22.8", None, "2.2"),
        ("retail_sales", "1765.7", "25.2", "4.4", None),
        ("disposable_income_per_capita", None, "9.8", "12.1", None),
        ("urban_unemployment_rate", "2.05", None, None, None),
        ("energy_per_gdp", None, "-5.16", None, None),
    ],
)
def test_headline_figures_as_published(plan: Plan, code: str, value, yoy, vs_base, avg) -> None:
    obs = plan.observation(code, "2021H1")
    assert obs is not None
    as_dec = lambda s: None if s is None else Decimal(s)  # noqa: E731
    assert (obs.value, obs.yoy_pct, obs.vs_base_pct, obs.avg_pct) == tuple(map(as_dec, (value, yoy, vs_base, avg)))
    # the written form is kept, not only the value
    if value is not None:
        assert str(obs.value) == value
    assert obs.base_period == ("2019H1" if vs_base else "")


def test_computed_two_year_averages_are_not_in_the_data(plan: Plan) -> None:
    """Only 总消费 has a published average (no vs-2019 figure); the other six are computed by the core."""
    with_avg = [o.indicator for o in plan.observations if o.avg_pct is not None]
    assert with_avg == ["total_consumption"]


def test_every_headline_quote_is_in_the_seed(plan: Plan) -> None:
    seed = SEED.read_text(encoding="utf-8")
    for code in HEADLINE:
        obs = plan.observation(code, "2021H1")
        assert obs is not None and obs.source.quote in seed, code


def test_non_illustrative_quotes_come_from_the_seed(plan: Plan) -> None:
    seed = SEED.read_text(encoding="utf-8").replace(" ", "")
    rows = [*plan.observations, *plan.tasks, *plan.progress, *plan.targets]
    quoted = [r.source.quote for r in rows if r.source.quote and not r.source.illustrative]
    assert len(quoted) > 40
    for quote in quoted:
        # a quote may drop words with "……" or add a note in brackets after the sentence
        for part in quote.split("(")[0].split("……"):
            assert part.replace(" ", "") in seed, quote


def test_other_section_one_figures(plan: Plan) -> None:
    def obs(code: str, period: str = "2021H1"):
        o = plan.observation(code, period)
        assert o is not None, code
        return o

    assert (obs("pm25").value, obs("pm25").yoy_pct) == (Decimal("40"), Decimal("-7"))
    assert (obs("g5_new_stations").value, obs("g5_stations").value) == (Decimal(291), Decimal(4312))
    assert obs("high_tech_enterprises").value == Decimal(4217)
    assert (obs("two_zones_tasks").value, obs("two_zones_tasks_landed").value) == (Decimal(62), Decimal(49))
    assert (obs("new_foreign_enterprises").value, obs("new_foreign_enterprises").yoy_pct) == (Decimal(506), Decimal("32.5"))
    assert (obs("actual_foreign_investment").value, obs("actual_foreign_investment").yoy_pct) == (Decimal("33.6"), Decimal("22.9"))
    assert (obs("top5_industry_share").value, obs("top5_industry_share").yoy_pp) == (Decimal("70.2"), Decimal("1.6"))
    assert obs("hotline_requests").value == Decimal("36.4")
    assert obs("hotline_rank", "2021-06").value == Decimal(11)
    assert obs("pm25_rank").value == Decimal(10)


@pytest.mark.parametrize(("code", "previous", "now"), [("hotline_rank", "2021-05", "2021-06"), ("pm25_rank", "2020H1", "2021H1")])
def test_ranks_have_an_illustrative_previous_rank(plan: Plan, code: str, previous: str, now: str) -> None:
    """The hotline rank is June's (6月份); the PM2.5 rank is year to date, compared with a year earlier."""
    assert plan.indicator(code).kind is IndicatorKind.RANK
    assert plan.indicator(code).higher_is_better is False
    prev, cur = plan.observation(code, previous), plan.observation(code, now)
    assert prev is not None and cur is not None
    assert prev.source.illustrative and not cur.source.illustrative
    assert prev.value is not None and cur.value is not None and cur.value > prev.value  # the rank fell


@pytest.mark.parametrize(
    ("task", "target", "unit", "done"),
    [
        ("demolish_illegal", "210", "万平方米", "91.4"),
        ("vacate_land", "220", "公顷", "109.7"),
        ("greening", "500", "公顷", "27.5"),
        ("elderly_beds", "590", "张", "410"),
        ("parking_spaces", "3000", "个", "2281"),
        ("policy_housing", "6100", "套", "4155"),
    ],
)
def test_task_pairs(plan: Plan, task: str, target: str, unit: str, done: str) -> None:
    t = plan.task(task)
    assert (t.target_kind, t.target_value, t.unit) == (TargetKind.LEVEL_AT_LEAST, Decimal(target), unit)
    p = plan.latest_progress(task, dt.date(2021, 6, 30))
    assert p is not None and p.value == Decimal(done) and not p.source.illustrative
    earlier = [r for r in plan.progress if r.task == task and r.as_of < dt.date(2021, 6, 30)]
    assert earlier and all(r.source.illustrative for r in earlier)


def test_milestone_tasks(plan: Plan) -> None:
    greenway = plan.task("greenway_demo")
    assert greenway.target_kind is TargetKind.MILESTONE and greenway.deadline == dt.date(2021, 9, 30)
    assert plan.task("health_stations").deadline == dt.date(2021, 12, 31)


def test_sizes_and_references(plan: Plan) -> None:
    assert len(plan.indicators) >= 20 and len(plan.tasks) >= 15
    assert len(plan.projects) >= 8 and len(plan.departments) >= 10
    assert {a.code for a in plan.areas} >= {"security", "economy", "opening", "renewal_coord", "ecology_city", "livelihood"}
    depts = {d.code for d in plan.departments}
    assert all(d.source.illustrative for d in plan.departments)
    assert all(t.lead in depts for t in plan.tasks) and all(p.lead in depts for p in plan.projects)
    assert all(p.source.illustrative for p in plan.projects)


def test_targets(plan: Plan) -> None:
    gdp = next(t for t in plan.targets if t.indicator == "gdp")
    assert (gdp.kind, gdp.value, gdp.unit, gdp.text) == (TargetKind.GROWTH_AT_LEAST, Decimal(6), "%", "增长6%以上")
    assert gdp.source.illustrative
    online = next(t for t in plan.targets if t.indicator == "full_online_rate")
    assert (online.kind, online.value) == (TargetKind.RATE_AT_LEAST, Decimal(80)) and not online.source.illustrative


def test_task_measures_are_sentences_of_section_three(plan: Plan) -> None:
    seed = SEED.read_text(encoding="utf-8").replace(" ", "")
    section3 = seed[seed.index("三、完成全年计划的主要措施") :]
    for task in plan.tasks:
        assert task.measure and task.measure.replace(" ", "") in section3, task.code
        assert task.target_text.replace(" ", "") in section3, task.code


@pytest.mark.parametrize(
    ("code", "published_avg"),
    [
        ("gdp", "3.9"),
        ("general_budget_revenue", "-0.5"),
        ("fixed_asset_investment", "-3.4"),
        ("construction_investment", "-6.2"),
        ("retail_sales", "2.2"),
        ("disposable_income_per_capita", "5.9"),
    ],
)
def test_the_core_computes_the_seed_averages_from_the_example(plan: Plan, code: str, published_avg: str) -> None:
    """The two-year averages the seed prints follow from the example's vs-2019 figures (they are not stored)."""
    obs = plan.observation(code, "2021H1")
    assert obs is not None and obs.vs_base_pct is not None and obs.avg_pct is None
    assert round_half_up(growth.avg_annual(obs.vs_base_pct, 2), 1) == Decimal(published_avg)


def test_two_zones_landing_rate_is_computable(plan: Plan) -> None:
    landed, total = plan.observation("two_zones_tasks_landed", "2021H1"), plan.observation("two_zones_tasks", "2021H1")
    assert landed is not None and total is not None and landed.value is not None and total.value is not None
    assert round_half_up(growth.share(landed.value, total.value), 0) == Decimal(79)
