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
        areas=[core.Area(code="econ", name="经济发展", name_en="Economy", order=1, source=src("areas.csv", 2)),
               core.Area(code="city", name="城市治理", name_en="City", order=2, source=src("areas.csv", 3))],
        departments=[core.Department(code="dept_a", name="区甲局", name_en="Bureau A", source=src("departments.csv", 2)),
                     core.Department(code="dept_b", name="区乙局", name_en="Bureau B", source=src("departments.csv", 3)),
                     core.Department(code="street_c", name="丙街道", name_en="Street C", kind="subdistrict",
                                     source=src("departments.csv", 4, illustrative=True))],
        indicators=[
            core.Indicator(code="gdp", name="地区生产总值", unit="亿元", name_en="GDP", comparable=True, headline=True, area="econ",
                           department="dept_a", order=1, source=src("indicators.csv", 2)),
            core.Indicator(code="revenue", name="一般公共预算收入", unit="亿元", name_en="Revenue", area="econ", department="dept_b",
                           order=2, source=src("indicators.csv", 3)),
        ],
        observations=[
            core.Observation(indicator="gdp", period=f"{year}H1", value=D("3640.7"), unit="亿元", yoy_pct=D("13.5"), vs_base_pct=D("7.9"),
                             base_period=f"{year - 2}H1", source=src("observations.csv", 2, "GDP 3640.7亿元")),
            core.Observation(indicator="revenue", period=f"{year}H1", value=D("298"), unit="亿元", yoy_pct=D("12.7"), vs_base_pct=D("-1"),
                             base_period=f"{year - 2}H1", source=src("observations.csv", 3)),
        ],
        targets=[core.Target(indicator="gdp", period=str(year), kind=core.TargetKind.GROWTH_AT_LEAST, value=D("6"), unit="%", text="增长6%以上",
                             source=src("targets.csv", 2, illustrative=True))],
        tasks=[
            core.Task(code="demolish", name="拆除违法建设", area="city", lead="dept_a", name_en="Demolish", co=("dept_b", "street_c"),
                      target_kind=core.TargetKind.LEVEL_AT_LEAST, target_value=D("210"), unit="万平方米",
                      target_text="不少于210万平方米", source=src("tasks.csv", 2)),
            core.Task(code="demolish_east", name="东部拆违", area="city", lead="dept_a", parent="demolish",
                      target_kind=core.TargetKind.LEVEL_AT_LEAST, target_value=D("50.0"), unit="万平方米",
                      source=src("tasks.csv", 3)),
            core.Task(code="greening", name="新增绿化", area="city", lead="dept_b", target_kind=core.TargetKind.LEVEL_AT_LEAST,
                      target_value=D("500"), unit="公顷", curve="milestones:2021-06-30=20;2021-12-31=100",
                      source=src("tasks.csv", 4)),
            core.Task(code="plan_done", name="规划编制", area="econ", lead="dept_b", target_kind=core.TargetKind.MILESTONE,
                      deadline=dt.date(year, 9, 30), source=src("tasks.csv", 5)),
        ],
        progress=[core.ProgressRow(task="demolish", as_of=dt.date(year, 3, 31), value=D("40.10"), unit="万平方米",
                                   source=src("progress.csv", 2, illustrative=True)),
                  core.ProgressRow(task="demolish", as_of=dt.date(year, 6, 30), value=D("91.4"), unit="万平方米", note="上半年",
                                   source=src("progress.csv", 3, "拆除91.4万平方米"))],
        projects=[core.Project(code="p_a", name="甲项目", category="infrastructure", lead="dept_a", planned_start=dt.date(year, 3, 1),
                               phase="under_construction", investment_plan=D("12000"), investment_done=D("5000"),
                               as_of=dt.date(year, 6, 30), source=src("projects.csv", 2)),
                  core.Project(code="p_b", name="乙项目", category="livelihood", lead="dept_b", phase="planned",
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


def generated_plan(seed: int = 7, indicators: int = 30, tasks: int = 60, year: int = 2021) -> core.Plan:
    """A plan made up at random (seeded): monthly observations of levels, growth and growth against the
    base year, growth and level targets, tasks of every target kind with monthly progress."""
    import random

    rnd = random.Random(seed)
    src = core.Source
    plan = core.Plan(core.Region(f"gen{seed}", f"生成区{seed}", f"Generated {seed}"), year, f"生成区{year}年计划",
                     title_en="Generated plan", base_year=year - 2, settings={"progress_convention": "days"})
    plan.areas = [core.Area(code=f"a{i}", name=f"领域{i}", name_en=f"Area {i}", order=i, source=src("areas.csv", i + 2)) for i in range(3)]
    plan.departments = [core.Department(code=f"d{i}", name=f"部门{i}", name_en=f"Department {i}", source=src("departments.csv", i + 2))
                        for i in range(5)]
    for i in range(indicators):
        code = f"i{i:02d}"
        kind = rnd.choice([core.IndicatorKind.LEVEL] * 4 + [core.IndicatorKind.RATE])
        unit = "%" if kind is core.IndicatorKind.RATE else rnd.choice(["亿元", "万元", "万人"])
        plan.indicators.append(core.Indicator(code=code, name=f"指标{i}", unit=unit, name_en=f"Indicator {i}", kind=kind,
                                              headline=i < 8, area=f"a{i % 3}", department=f"d{i % 5}", order=i,
                                              source=src("indicators.csv", i + 2)))
        level = D(rnd.randint(100, 9000))
        for m in range(1, 7):
            value = (level * D(m) / 6).quantize(D("0.1"))
            plan.observations.append(core.Observation(
                indicator=code, period=f"{year}-{m:02d}", value=value, unit=unit, yoy_pct=D(rnd.randint(-200, 300)).scaleb(-1),
                vs_base_pct=D(rnd.randint(-400, 600)).scaleb(-1) if rnd.random() < 0.7 else None,
                base_period=f"{year - 2}-{m:02d}", source=src("observations.csv", len(plan.observations) + 2)))
        if rnd.random() < 0.5:
            tk = rnd.choice([core.TargetKind.GROWTH_AT_LEAST, core.TargetKind.LEVEL_AT_LEAST])
            value = D(rnd.randint(3, 9)) if tk is core.TargetKind.GROWTH_AT_LEAST else level
            plan.targets.append(core.Target(indicator=code, period=str(year), kind=tk, value=value,
                                            unit="%" if tk is core.TargetKind.GROWTH_AT_LEAST else unit,
                                            source=src("targets.csv", len(plan.targets) + 2)))
    curves = ["linear", "linear", "milestones:2021-06-30=40;2021-09-30=80",
              "seasonal:2,5,10,18,26,35,44,54,65,76,88,100"]
    for t in range(tasks):
        tk = rnd.choice([core.TargetKind.LEVEL_AT_LEAST] * 5 + [core.TargetKind.LEVEL_AT_MOST,
                                                                core.TargetKind.MILESTONE, None])
        target = None if tk in (core.TargetKind.MILESTONE, None) else D(rnd.randint(10, 900))
        code = f"t{t:03d}"
        plan.tasks.append(core.Task(code=code, name=f"任务{t}", area=f"a{t % 3}", lead=f"d{t % 5}", name_en=f"Task {t}", target_kind=tk,
                                    target_value=target, unit="%" if tk is core.TargetKind.MILESTONE else "公顷",
                                    deadline=dt.date(year, 9, 30) if t % 7 == 0 else None,
                                    curve=rnd.choice(curves), source=src("tasks.csv", t + 2)))
        done = D(0)
        for m in range(1, 7):
            if rnd.random() < 0.3:
                continue
            scale = D(100) if tk is core.TargetKind.MILESTONE else (target or D(100))
            done += (scale * D(rnd.randint(0, 18)) / 100).quantize(D("0.1"))
            plan.progress.append(core.ProgressRow(task=code, as_of=dt.date(year, m, 28), value=done, unit="%" if tk is core.TargetKind.MILESTONE else "公顷",
                                                  source=src("progress.csv", len(plan.progress) + 2)))
    return plan
