"""Small hand-built Plans for the core tests, from the seed report (Chaoyang District, 2021 H1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from planwatch.core.model import (
    Department,
    Indicator,
    IndicatorKind,
    Observation,
    Plan,
    ProgressRow,
    Region,
    Source,
    Target,
    TargetKind,
    Task,
)

D = Decimal
H1_END = dt.date(2021, 6, 30)

# code, name, unit, value, yoy, vs 2019 H1 (as published in section 一 of the seed)
HEADLINE: list[tuple[str, str, str, str | None, str, str | None]] = [
    ("gdp", "地区生产总值", "亿元", "3640.7", "13.5", "7.9"),
    ("general_budget_revenue", "区级一般公共预算收入", "亿元", "298", "12.7", "-1"),
    ("fixed_asset_investment", "固定资产投资", "亿元", "431.1", "4.2", "-6.7"),
    ("construction_investment", "建安投资", "亿元", "159.6", "6.7", "-12"),
    ("retail_sales", "社会消费品零售额", "亿元", "1765.7", "25.2", "4.4"),
    ("disposable_income_per_capita", "居民人均可支配收入", "元", None, "9.8", "12.1"),
]

SEED_ORDER = ["gdp", "general_budget_revenue", "fixed_asset_investment", "construction_investment",
              "total_consumption", "retail_sales", "disposable_income_per_capita"]

# the section-三 targets set against the first-half progress of section 一
TASKS: list[tuple[str, str, str, str, str]] = [
    ("demolition", "拆除违法建设", "210", "91.4", "万平方米"),
    ("land_cleared", "腾退土地", "220", "109.7", "公顷"),
    ("greening", "新增改造绿化面积", "500", "27.5", "公顷"),
    ("elderly_beds", "新增养老床位", "590", "410", "张"),
]


def seed_plan() -> Plan:
    plan = Plan(Region("chaoyang", "朝阳区", "Chaoyang District"), 2021, "朝阳区2021年国民经济和社会发展计划",
                base_year=2019)
    plan.departments.append(Department(code="fgw", name="区发展改革委"))
    for row, (code, name, unit, value, yoy, vs_base) in enumerate(HEADLINE, 1):
        order = SEED_ORDER.index(code) + 1
        plan.indicators.append(Indicator(code=code, name=name, unit=unit, name_en=code, headline=True, order=order,
                                         comparable=code == "gdp"))
        plan.observations.append(Observation(
            indicator=code, period="2021H1", value=D(value) if value else None, unit=unit, yoy_pct=D(yoy), vs_base_pct=D(vs_base) if vs_base else None, base_period="2019H1",
            source=Source("observations.csv", row + 1)))
    plan.indicators.append(Indicator(code="total_consumption", name="总消费", unit="", kind=IndicatorKind.INDEX, headline=True,
                                     order=SEED_ORDER.index("total_consumption") + 1))
    plan.observations.append(Observation(indicator="total_consumption", period="2021H1", value=None, unit="", yoy_pct=D("22.8"), avg_pct=D("2.2")))
    plan.indicators.append(Indicator(code="urban_unemployment_rate", name="城镇登记失业率", unit="%", kind=IndicatorKind.RATE,
                                     higher_is_better=False, headline=True, order=8))
    plan.observations.append(Observation(indicator="urban_unemployment_rate", period="2021H1", value=D("2.05"), unit="%"))
    plan.indicators.append(Indicator(code="energy_per_gdp", name="万元GDP能耗", unit="", kind=IndicatorKind.INDEX,
                                     higher_is_better=False, headline=True, order=9))
    plan.observations.append(Observation(indicator="energy_per_gdp", period="2021H1", value=None, unit="", yoy_pct=D("-5.16")))
    for i, (code, name, target, done, unit) in enumerate(TASKS, 1):
        plan.tasks.append(Task(code=code, name=name, area="area", lead="fgw", target_kind=TargetKind.LEVEL_AT_LEAST,
                               target_value=D(target), unit=unit, source=Source("tasks.csv", i + 1)))
        plan.progress.append(ProgressRow(task=code, as_of=H1_END, value=D(done), unit=unit, source=Source("progress.csv", i + 1)))
    return plan


def add_target(plan: Plan, indicator: str, kind: TargetKind, value: str, unit: str = "%", text: str = "") -> None:
    plan.targets.append(Target(indicator=indicator, period=str(plan.year), kind=kind, value=D(value), unit=unit, text=text,
                               source=Source("targets.csv", len(plan.targets) + 2, illustrative=True)))
