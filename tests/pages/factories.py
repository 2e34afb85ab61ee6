"""A small plan in the database for page tests: two areas, three departments, tasks, GDP, a round.

Figures from the Chaoyang 2021 H1 report (tests/data/seed_chaoyang_2021h1.txt): GDP 3640.7 亿元, +13.5%
yoy, +7.9% on 2019 H1 (two-year average 3.9%); 拆违 target 210 万平方米.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from planwatch.web.plans.models import (
    Area,
    Department,
    Indicator,
    Membership,
    Observation,
    Plan,
    Project,
    Region,
    ReportingRound,
    Target,
    Task,
)

PASSWORD = "pw-test-2021"


@dataclass
class World:
    plan: Plan
    round: ReportingRound
    departments: dict[str, Department]
    tasks: dict[str, Task]
    users: dict[str, Any]
    indicators: dict[str, Indicator] = field(default_factory=dict)


def user(username: str, plan: Plan, role: str, department: Department | None = None) -> Any:
    u = get_user_model().objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=u, plan=plan, role=role, department=department)
    return u


def build_world(*, head_step: bool = False) -> World:
    region = Region.objects.create(code="110105", name="朝阳区", name_en="Chaoyang District")
    plan = Plan.objects.create(region=region, year=2021, title="朝阳区2021年国民经济和社会发展计划",
                               title_en="Chaoyang 2021 plan", base_year=2019, require_head_approval=head_step,
                               settings={"progress_convention": "months"})
    econ = Area.objects.create(plan=plan, code="A2", name="经济结构转型升级", seq=1)
    city = Area.objects.create(plan=plan, code="A4", name="疏整促与城乡协同", seq=2)
    depts = {code: Department.objects.create(plan=plan, code=code, name=name, seq=i)
             for i, (code, name) in enumerate([("cgj", "区城管委"), ("fgw", "区发展改革委"), ("jw", "区教委")])}
    tasks = {}
    for i, (code, name, area, lead, value, unit) in enumerate([
        ("T01", "拆除违法建设", city, "cgj", "210", "万平方米"),
        ("T02", "腾退土地", city, "cgj", "220", "公顷"),
        ("T03", "新增停车位", city, "cgj", "3000", "个"),
        ("T04", "新增学位", econ, "jw", "5080", "个"),
        ("T05", "重点项目开工", econ, "fgw", "19", "个"),
    ]):
        tasks[code] = Task.objects.create(
            plan=plan, code=code, name=name, area=area, lead=depts[lead], target_kind="level_at_least",
            target_value=Decimal(value), unit=unit, target_text=f"全年{name}不少于{value}{unit}", seq=i,
            deadline=dt.date(2021, 12, 31))
    gdp = Indicator.objects.create(plan=plan, code="gdp", name="地区生产总值", unit="亿元", headline=True,
                                   comparable=True, area=econ, department=depts["fgw"], seq=1)
    Observation.objects.create(indicator=gdp, period="2020H1", value=Decimal("3208.5"), unit="亿元", seq=1)
    Observation.objects.create(indicator=gdp, period="2021H1", value=Decimal("3640.7"), unit="亿元",
                               yoy_pct=Decimal("13.5"), vs_base_pct=Decimal("7.9"), base_period="2019H1", seq=2)
    Target.objects.create(indicator=gdp, period="2021", kind="growth_at_least", value=Decimal("6"), unit="%",
                          text="增长6%以上")
    Project.objects.create(plan=plan, code="P01", name="建国路16号立体停车设施", category="infrastructure",
                           lead=depts["cgj"], phase="under_construction", investment_plan=Decimal(7500),
                           investment_done=Decimal(5000), as_of=dt.date(2021, 5, 31))
    rnd = ReportingRound.objects.create(plan=plan, label="2021年6月", period="2021-06",
                                        opens=dt.date(2021, 6, 1), deadline=dt.date(2021, 7, 10))
    users = {
        "planoffice": user("planoffice", plan, "planoffice"),
        "viewer": user("viewer", plan, "viewer"),
        "reporter-cgj": user("reporter-cgj", plan, "reporter", depts["cgj"]),
        "reporter-jw": user("reporter-jw", plan, "reporter", depts["jw"]),
        "head-cgj": user("head-cgj", plan, "head", depts["cgj"]),
    }
    return World(plan, rnd, depts, tasks, users, {"gdp": gdp})
