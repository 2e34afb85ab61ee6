"""A small plan built in code: two departments, tasks with and without targets, indicators, projects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from planwatch.core import model as core

D = Decimal


def small_plan(year: int = 2021, region: str = "testdistrict") -> core.Plan:
    src = core.Source
    return core.Plan(
        region=core.Region(region, "测试区", "Test District"),
        year=year,
        title=f"测试区{year}年国民经济和社会发展计划",
        title_en="Test plan",
        base_year=year - 2,
        settings={"progress_convention": "days", "as_of": f"{year}-06-30"},
        report={"speaker": "主任"},
        illustrative_note="built in tests",
        areas=[core.Area("econ", "经济发展", "Economy", 1, src("areas.csv", 2)),
               core.Area("city", "城市治理", "City", 2, src("areas.csv", 3))],
        departments=[core.Department("dept_a", "区甲局", "Bureau A", source=src("departments.csv", 2)),
                     core.Department("dept_b", "区乙局", "Bureau B", source=src("departments.csv", 3)),
                     core.Department("street_c", "丙街道", "Street C", kind="subdistrict",
                                     source=src("departments.csv", 4, illustrative=True))],
        indicators=[
            core.Indicator("gdp", "地区生产总值", "亿元", "GDP", comparable=True, headline=True, area="econ",
                           department="dept_a", order=1, source=src("indicators.csv", 2)),
            core.Indicator("revenue", "一般公共预算收入", "亿元", "Revenue", area="econ", department="dept_b",
                           order=2, source=src("indicators.csv", 3)),
        ],
        observations=[
            core.Observation("gdp", f"{year}H1", D("3640.7"), "亿元", yoy_pct=D("13.5"), vs_base_pct=D("7.9"),
                             base_period=f"{year - 2}H1", source=src("observations.csv", 2, "GDP 3640.7亿元")),
            core.Observation("revenue", f"{year}H1", D("298"), "亿元", yoy_pct=D("12.7"), vs_base_pct=D("-1"),
                             base_period=f"{year - 2}H1", source=src("observations.csv", 3)),
        ],
        targets=[core.Target("gdp", str(year), core.TargetKind.GROWTH_AT_LEAST, D("6"), "%", "增长6%以上",
                             source=src("targets.csv", 2, illustrative=True))],
        tasks=[
            core.Task("demolish", "拆除违法建设", "city", "dept_a", "Demolish", co=("dept_b", "street_c"),
                      target_kind=core.TargetKind.LEVEL_AT_LEAST, target_value=D("210"), unit="万平方米",
                      target_text="不少于210万平方米", source=src("tasks.csv", 2)),
            core.Task("demolish_east", "东部拆违", "city", "dept_a", parent="demolish",
                      target_kind=core.TargetKind.LEVEL_AT_LEAST, target_value=D("50.0"), unit="万平方米",
                      source=src("tasks.csv", 3)),
            core.Task("greening", "新增绿化", "city", "dept_b", target_kind=core.TargetKind.LEVEL_AT_LEAST,
                      target_value=D("500"), unit="公顷", curve="milestones:2021-06-30=20;2021-12-31=100",
                      source=src("tasks.csv", 4)),
            core.Task("plan_done", "规划编制", "econ", "dept_b", target_kind=core.TargetKind.MILESTONE,
                      deadline=dt.date(year, 9, 30), source=src("tasks.csv", 5)),
        ],
        progress=[core.ProgressRow("demolish", dt.date(year, 3, 31), D("40.10"), "万平方米",
                                   source=src("progress.csv", 2, illustrative=True)),
                  core.ProgressRow("demolish", dt.date(year, 6, 30), D("91.4"), "万平方米", "上半年",
                                   source=src("progress.csv", 3, "拆除91.4万平方米"))],
        projects=[core.Project("p_a", "甲项目", "infrastructure", "dept_a", planned_start=dt.date(year, 3, 1),
                               phase="under_construction", investment_plan=D("12000"), investment_done=D("5000"),
                               as_of=dt.date(year, 6, 30), source=src("projects.csv", 2)),
                  core.Project("p_b", "乙项目", "livelihood", "dept_b", phase="planned",
                               investment_plan=D("800.5"), source=src("projects.csv", 3))],
        extra={"notes": [{"k": "v"}]},
    )


def current(fn):
    """``current(services.approve)(actor, sub, …)``: call a service with the version the row has now (the test
    reads and acts at once), unless the test passes its own ``version``."""

    def call(actor, obj, *args, **kwargs):
        if "version" not in kwargs:
            kwargs["version"] = type(obj).objects.filter(pk=obj.pk).values_list("version", flat=True).first()
        return fn(actor, obj, *args, **kwargs)

    return call


def with_versions(objs):
    """``bulk_approve``'s (submission, version) pairs with the versions the rows have now."""
    return [(o, type(o).objects.filter(pk=o.pk).values_list("version", flat=True).first()) for o in objs]
