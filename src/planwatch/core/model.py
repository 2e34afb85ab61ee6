"""Plain data objects of a plan: what the package reader produces and everything else consumes.

No Django, no I/O. Values are kept in the unit written in the package (``亿元``, ``万平方米``); the
``units`` module converts between scales when a comparison needs it. Published growth rates are kept
exactly as published (``Decimal`` from the text, with the number of decimals it was written with).

**One field list.** These dataclasses are the single definition of a plan's fields. Each field made with
``col(...)`` is a column of the plan data package of the same name (its cell type from the field's type,
or ``kind``: period, curve, codes; ``ref`` names the table whose codes it holds); ``source`` is the row's
origin (the columns ``illustrative`` and ``source``). The package's tables (``package.schema``), its
reader and writer, and the conversion to and from the Django models (``web/plans/adapters.py``) are
derived from them: a new column is one new field here (and, for the database, one model field).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any

COLUMN = "planwatch.column"  # the dataclass field metadata key of a package column


@dataclass(frozen=True, slots=True)
class Column:
    """How a field is a column of the plan data package (docs/package.md)."""

    kind: str = ""  # "" from the field's type; "period", "curve" or "codes" where text needs reading
    required: bool = False  # the column must exist and no cell may be blank
    ref: str = ""  # the table whose codes the column holds: areas, departments, indicators, tasks
    choices: tuple[str, ...] = ()  # allowed values of a text column (enums give their own)
    header: bool = False  # the column must exist though its cells may be blank


def col(default: Any = MISSING, *, kind: str = "", required: bool = False, ref: str = "",
        choices: tuple[str, ...] = (), header: bool = False) -> Any:
    """A dataclass field that is a package column (see ``Column``)."""
    meta = {COLUMN: Column(kind, required, ref, choices, header)}
    if default is MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def columns(cls: type) -> list[tuple[str, Column]]:
    """The package columns of a plan's data class, in order: (field name, column)."""
    return [(f.name, f.metadata[COLUMN]) for f in fields(cls) if COLUMN in f.metadata]


class IndicatorKind(StrEnum):
    LEVEL = "level"  # an amount: GDP, revenue, investment (亿元)
    RATE = "rate"  # a ratio that is a level: unemployment rate, landing rate (%)
    INDEX = "index"  # only growth is published (总消费, 万元GDP能耗)
    RANK = "rank"  # a position in a ranking (第11名); lower is better


class Aggregation(StrEnum):
    CUMULATIVE = "cumulative"  # published year to date (累计值): GDP, investment, retail sales
    POINT = "point"  # a level at a moment: unemployment rate, 5G stations in service


# How a figure was published (Observation.bound) and the word a Chinese report puts before it.
BOUNDS = {"approx": "约", "nearly": "近", "over": "超", "passed": "突破", "odd": "余"}
# Whether a progress figure counts toward its task's target (ProgressRow.scope): "" it does.
SCOPES = ("same", "differs", "unclear")
DEPARTMENT_KINDS = ("department", "subdistrict")
PROJECT_CATEGORIES = ("infrastructure", "livelihood", "high_tech")
PROJECT_PHASES = ("planned", "preparing", "under_construction", "completed")


class TargetKind(StrEnum):
    GROWTH_AT_LEAST = "growth_at_least"  # 增长6%以上
    GROWTH_AT_MOST = "growth_at_most"  # 增长控制在3%以内
    LEVEL_AT_LEAST = "level_at_least"  # 不少于210万平方米
    LEVEL_AT_MOST = "level_at_most"  # 控制在…以内
    REDUCTION_AT_LEAST = "reduction_at_least"  # 下降3%以上 (value is the positive size of the fall)
    RATE_AT_LEAST = "rate_at_least"  # 达到90%
    RATE_AT_MOST = "rate_at_most"  # 控制在4.5%以内 (unemployment)
    MILESTONE = "milestone"  # 9月底前基本达到通行条件
    QUALITATIVE = "qualitative"  # 与经济增长基本同步, 稳中有升: a target in words only, never judged by a figure


@dataclass(frozen=True, slots=True)
class Source:
    """Where a row came from: a file and row of the package, and the sentence of a report if any."""

    file: str = ""
    row: int = 0
    quote: str = ""  # the sentence of the source report the figure was read from
    illustrative: bool = False  # added by us, not in the source report


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    name_en: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Department:
    code: str = col(required=True)
    name: str = col(required=True)
    name_en: str = col("")
    kind: str = col("department", choices=DEPARTMENT_KINDS)  # department (委办局) | subdistrict (街乡)
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Area:
    """A plan area: one subsection (（一）…) of the execution report."""

    code: str = col(required=True)
    name: str = col(required=True)
    name_en: str = col("")
    order: int = col(0)
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    code: str = col(required=True)
    name: str = col(required=True)
    name_en: str = col("")
    unit: str = col("", header=True)  # unit of the level ("亿元", "%", "名"); "" for an index with no level
    kind: IndicatorKind = col(IndicatorKind.LEVEL)
    aggregation: Aggregation = col(Aggregation.CUMULATIVE)
    higher_is_better: bool = col(True)  # blank: true, except for a rank (lower is better)
    comparable: bool = col(False)  # official growth is at comparable prices: never recompute it from levels
    headline: bool = col(False)  # appears in the headline paragraph of the report
    area: str = col("", ref="areas")  # Area.code
    department: str = col("", ref="departments")  # Department.code that reports it
    order: int = col(0)
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Observation:
    """A published figure of an indicator for a period, with the growth rates published beside it."""

    indicator: str = col(required=True, ref="indicators")
    period: str = col(required=True, kind="period")  # canonical: "2021H1", "2021-06", "2021Q2", "2021"
    value: Decimal | None = col(None)  # the level, in ``unit``; None where only growth is published
    unit: str = col("")
    yoy_pct: Decimal | None = col(None)  # 同比增长, as published
    vs_base_pct: Decimal | None = col(None)  # 比 base_period 增长, as published
    base_period: str = col("", kind="period")  # "2019H1"
    avg_pct: Decimal | None = col(None)  # a published average annual growth, kept only where no vs_base is given
    yoy_pp: Decimal | None = col(None)  # change from a year earlier in percentage points, as published (rates)
    # how the value was published: "" exact; approx 约, nearly 近 (just under), over 超 (more than),
    # passed 突破 (passed the figure), odd 余 (the figure and some more: 7300余延长米). See BOUNDS.
    bound: str = col("", choices=tuple(BOUNDS))
    account: str = col("")  # 进展情况: the department's words on the work behind the figure (1–3 sentences)
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """An annual target of an indicator."""

    indicator: str = col(required=True, ref="indicators")
    period: str = col(required=True, kind="period")  # "2021"
    kind: TargetKind = col(required=True)
    value: Decimal | None = col(None)
    unit: str = col("")
    text: str = col("")  # the plan's own wording: 增长6%以上
    due: dt.date | None = col(None)
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    """A unit of plan work (重点任务); sub-tasks name their parent."""

    code: str = col(required=True)
    name: str = col(required=True)
    name_en: str = col("")
    parent: str = col("", ref="tasks")
    area: str = col(required=True, ref="areas")  # Area.code
    lead: str = col(required=True, ref="departments")  # Department.code
    co: tuple[str, ...] = col((), kind="codes", ref="departments")  # co-departments
    target_kind: TargetKind | None = col(None)
    target_value: Decimal | None = col(None)
    unit: str = col("")
    deadline: dt.date | None = col(None)  # default: end of the plan year
    # "linear" | "milestones:2021-06-30=40;2021-09-30=80" | "seasonal:0,0,5,…" (12 cumulative %)
    curve: str = col("linear", kind="curve")
    target_text: str = col("")  # the plan's wording: 全年拆违面积不少于210万平方米
    measure: str = col("")  # the plan office's wording for the measures section (三), figures filled from data
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressRow:
    """Cumulative progress of a task as of a date (approved figures only)."""

    task: str = col(required=True, ref="tasks")
    as_of: dt.date = col(required=True)
    value: Decimal | None = col(None)  # cumulative amount done since the start of the year, in the task's unit
    unit: str = col("")
    note: str = col("")
    account: str = col("")  # 进展情况: the department's own words on the work done (1–3 sentences)
    # 口径: "" the figure counts toward the task's target; "differs" / "unclear" it may not (the report then
    # states it without setting it against the target). See SCOPES.
    scope: str = col("", choices=SCOPES)
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """A key investment project (重点项目)."""

    code: str = col(required=True)
    name: str = col(required=True)
    name_en: str = col("")
    category: str = col(required=True, choices=PROJECT_CATEGORIES)  # infrastructure | livelihood | high_tech
    lead: str = col(required=True, ref="departments")  # Department.code
    planned_start: dt.date | None = col(None)
    actual_start: dt.date | None = col(None)
    planned_finish: dt.date | None = col(None)
    phase: str = col("planned", choices=PROJECT_PHASES)  # planned | preparing | under_construction | completed
    investment_plan: Decimal | None = col(None)  # annual planned investment, 万元
    investment_done: Decimal | None = col(None)  # completed this year to as_of, 万元
    as_of: dt.date | None = col(None)
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    """The plan office's wording of a task for section 三 of the report (measures.csv), in both languages;
    {target}, {done}, {remaining} and {share} are filled from the data."""

    task: str = col(required=True, ref="tasks")
    text_zh: str = col("")
    text_en: str = col("")
    source: Source = field(default_factory=Source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Narrative:
    """The plan office's wording of an area in the report (narrative.csv): headings and a lead sentence."""

    area: str = col(required=True, ref="areas")
    heading_zh: str = col("")
    heading_en: str = col("")
    measures_heading_zh: str = col("")
    measures_heading_en: str = col("")
    lead_zh: str = col("")
    lead_en: str = col("")
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class Plan:
    """A whole plan data package in memory."""

    region: Region
    year: int
    title: str
    title_en: str = ""
    base_year: int | None = None  # the pre-pandemic base year for vs-base comparisons (2019)
    settings: dict[str, object] = field(default_factory=dict)  # progress convention, thresholds …
    report: dict[str, object] = field(default_factory=dict)  # occasion block, speaker … (report.yaml)
    areas: list[Area] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    progress: list[ProgressRow] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    extra: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # other sheets, kept verbatim
    illustrative_note: str = ""  # plan.yaml: which rows of the package are illustrative, in words
    measures: list[Measure] = field(default_factory=list)  # measures.csv: section 三's wording per task
    narrative: list[Narrative] = field(default_factory=list)  # narrative.csv: headings and leads per area

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def task(self, code: str) -> Task:
        for task in self.tasks:
            if task.code == code:
                return task
        raise KeyError(code)

    def observation(self, indicator: str, period: str) -> Observation | None:
        for obs in self.observations:
            if obs.indicator == indicator and obs.period == period:
                return obs
        return None

    def latest_progress(self, task: str, on_or_before: dt.date | None = None) -> ProgressRow | None:
        best: ProgressRow | None = None
        for row in self.progress:
            if row.task != task or (on_or_before is not None and row.as_of > on_or_before):
                continue
            if best is None or row.as_of > best.as_of:
                best = row
        return best
