"""Property: any loadable Plan survives writing and reading back, as a folder and as a workbook."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.core.model import (
    Area,
    Department,
    Indicator,
    IndicatorKind,
    Measure,
    Narrative,
    Observation,
    Plan,
    ProgressRow,
    Project,
    Region,
    Source,
    Target,
    TargetKind,
    Task,
)
from planwatch.package import load, write_folder, write_xlsx

CODE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=8)
# cell text as a loaded package holds it: no surrounding space, no control characters
TEXT = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        st.sampled_from([",", '"', "'", "\n", ";", "%", ":", "-", "#", "  ", "true", "1e5", "2021-06", "约"]),
    ),
    max_size=12,
).map(lambda parts: "".join(parts).strip())


@st.composite
def decimals(draw: st.DrawFn, signed: bool = True, digits: int = 18) -> Decimal:
    places = draw(st.integers(min_value=0, max_value=4))
    units = draw(st.integers(min_value=-(10**digits) + 1 if signed else 0, max_value=10**digits - 1))
    return Decimal(units).scaleb(-places)


maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731


def source(draw: st.DrawFn, file: str, row: int) -> Source:
    return Source(file, row, draw(TEXT), draw(st.booleans()))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    area_codes = draw(st.lists(CODE, min_size=1, max_size=3, unique=True))
    dept_codes = draw(st.lists(CODE, min_size=1, max_size=3, unique=True))
    areas = [Area(code=c, name=draw(TEXT) or "x", name_en=draw(TEXT), order=draw(st.integers(-5, 99)), source=Source("areas.csv", n))
             for n, c in enumerate(area_codes, start=2)]
    departments = [Department(code=c, name=draw(TEXT) or "x", name_en=draw(TEXT), kind=draw(st.sampled_from(["department", "subdistrict"])), source=source(draw, "departments.csv", n)) for n, c in enumerate(dept_codes, start=2)]
    indicators, observations, targets = [], [], []
    for n, code in enumerate(draw(st.lists(CODE, min_size=1, max_size=4, unique=True)), start=2):
        unit = draw(st.sampled_from(["亿元", "%", "", "名", "微克/立方米"]))
        indicators.append(Indicator(code=code, name=draw(TEXT) or "x", unit=unit, name_en=draw(TEXT), kind=draw(st.sampled_from(list(IndicatorKind))),
                                    higher_is_better=draw(st.booleans()), comparable=draw(st.booleans()),
                                    headline=draw(st.booleans()), area=draw(st.sampled_from(["", *area_codes])),
                                    department=draw(st.sampled_from(["", *dept_codes])), order=draw(st.integers(0, 50)),
                                    source=source(draw, "indicators.csv", n)))
        for period in draw(st.lists(st.sampled_from(["2021", "2021H1", "2021Q3", "2021-06", "2020-12"]), min_size=1,
                                    max_size=3, unique=True)):
            vs = draw(maybe(decimals(digits=4)))
            value = draw(maybe(decimals())) if unit else None
            yoy = draw(decimals(digits=4)) if value is None else draw(maybe(decimals(digits=4)))
            observations.append(Observation(
                indicator=code, period=period, value=value, unit=unit, yoy_pct=yoy, vs_base_pct=vs, base_period=period.replace("2021", "2019").replace("2020", "2018") if vs is not None else "", avg_pct=None if vs is not None else draw(maybe(decimals(digits=3))), source=source(draw, "observations.csv", len(observations) + 2),
                yoy_pp=draw(maybe(decimals(digits=3))) if unit == "%" else None,
            ))
        kind = draw(st.sampled_from([TargetKind.GROWTH_AT_LEAST, TargetKind.MILESTONE, TargetKind.LEVEL_AT_LEAST]))
        targets.append(Target(
            indicator=code, period="2021", kind=kind, value=None if kind is TargetKind.MILESTONE else draw(decimals(signed=False, digits=6)), unit="%" if kind is TargetKind.GROWTH_AT_LEAST else (unit if kind is TargetKind.LEVEL_AT_LEAST and unit else ""), text=draw(TEXT), due=draw(st.dates()) if kind is TargetKind.MILESTONE else draw(maybe(st.dates())), source=source(draw, "targets.csv", len(targets) + 2),
        ) if kind is not TargetKind.LEVEL_AT_LEAST or unit else Target(indicator=code, period="2021", kind=TargetKind.GROWTH_AT_MOST, value=Decimal("3.0"), unit="%",
                                                                          source=Source("targets.csv", len(targets) + 2)))
    tasks, progress = [], []
    for n, code in enumerate(draw(st.lists(CODE, min_size=1, max_size=3, unique=True)), start=2):
        milestone = draw(st.booleans())
        unit = "" if milestone else draw(st.sampled_from(["万平方米", "公顷", "个"]))
        tasks.append(Task(code=code, name=draw(TEXT) or "x", area=draw(st.sampled_from(area_codes)), lead=draw(st.sampled_from(dept_codes)), name_en=draw(TEXT), parent="", co=tuple(draw(st.lists(st.sampled_from(dept_codes), max_size=2, unique=True))), target_kind=TargetKind.MILESTONE if milestone else TargetKind.LEVEL_AT_LEAST, target_value=None if milestone else draw(decimals(signed=False, digits=6)), unit=unit, deadline=draw(st.dates()) if milestone else draw(maybe(st.dates())), curve=draw(st.sampled_from(["linear", "milestones:2021-06-30=40;2021-09-30=80"])), target_text=draw(TEXT), measure=draw(TEXT), source=source(draw, "tasks.csv", n)))
        in_year = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2021, 12, 31))
        for as_of in draw(st.lists(in_year, max_size=2, unique=True)):
            progress.append(ProgressRow(task=code, as_of=as_of, value=draw(maybe(decimals(signed=False, digits=2 if milestone else 6))), unit=unit or "%", note=draw(TEXT), source=source(draw, "progress.csv", len(progress) + 2)))
    projects = [Project(code=c, name=draw(TEXT) or "x", category=draw(st.sampled_from(["infrastructure", "livelihood", "high_tech"])), lead=draw(st.sampled_from(dept_codes)), name_en=draw(TEXT), planned_start=draw(maybe(st.dates())), actual_start=draw(maybe(st.dates())), planned_finish=draw(maybe(st.dates())), phase=draw(st.sampled_from(["planned", "completed"])), investment_plan=draw(maybe(decimals(signed=False))), investment_done=draw(maybe(decimals(signed=False))), as_of=draw(maybe(st.dates())), source=source(draw, "projects.csv", n))
                    for n, c in enumerate(draw(st.lists(CODE, max_size=2, unique=True)), start=2)]
    extra_cols = draw(st.lists(CODE, min_size=1, max_size=3, unique=True))
    extra = {"notes": [{c: draw(TEXT) for c in extra_cols} for _ in range(draw(st.integers(1, 3)))]}
    extra["notes"] = [r for r in extra["notes"] if any(v for v in r.values())] or [{extra_cols[0]: "x"}]
    report = draw(st.dictionaries(CODE, st.one_of(TEXT, st.integers(), st.lists(TEXT, max_size=2),
                                                  st.dictionaries(CODE, TEXT, max_size=2)), max_size=3))
    measures = [Measure(task=t.code, text_zh=draw(TEXT), text_en=draw(TEXT), source=source(draw, "measures.csv", n))
                for n, t in enumerate(tasks[:draw(st.integers(0, len(tasks)))], start=2)]
    narrative = [Narrative(area=a.code, heading_zh=draw(TEXT), lead_zh=draw(TEXT), lead_en=draw(TEXT),
                           source=source(draw, "narrative.csv", n))
                 for n, a in enumerate(areas[:draw(st.integers(0, len(areas)))], start=2)]
    return Plan(Region(draw(CODE), draw(TEXT) or "x", draw(TEXT)), 2021, draw(TEXT) or "x", draw(TEXT),
                draw(maybe(st.integers(1990, 2020))), {"progress_convention": draw(st.sampled_from(["days", "months"])),
                                                      "note": draw(TEXT)},
                report, areas, departments, indicators, observations, targets, tasks, progress, projects,
                extra, draw(TEXT), measures, narrative)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans())
def test_any_plan_round_trips_through_folder_and_workbook(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = load(write_folder(plan, Path(tmp) / "f"))
        assert folder == plan
        book = load(write_xlsx(plan, Path(tmp) / "p.xlsx"))
        assert book == plan
