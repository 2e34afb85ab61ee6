"""The columns of every table of the plan data package (docs/package.md is the user's version)."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.core.model import BOUNDS, SCOPES, Aggregation, IndicatorKind, TargetKind

# column types
STR = "str"
INT = "int"
BOOL = "bool"
DECIMAL = "decimal"
DATE = "date"
PERIOD = "period"
CODES = "codes"  # ";"-separated list of codes
CURVE = "curve"

DEPARTMENT_KINDS = ("department", "subdistrict")
PROJECT_CATEGORIES = ("infrastructure", "livelihood", "high_tech")
PROJECT_PHASES = ("planned", "preparing", "under_construction", "completed")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str = STR
    required: bool = False  # the column must exist and the cell must not be blank
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # file stem and sheet name
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # columns whose values may appear only once

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _enum(enum: type) -> tuple[str, ...]:
    return tuple(e.value for e in enum)  # type: ignore[attr-defined]


C = Column
SOURCE = (C("illustrative", BOOL), C("source"))

AREAS = Table(
    "areas",
    (C("code", required=True), C("name", required=True), C("name_en"), C("order", INT)),
    ("code",),
)
DEPARTMENTS = Table(
    "departments",
    (
        C("code", required=True),
        C("name", required=True),
        C("name_en"),
        C("kind", choices=DEPARTMENT_KINDS),
        *SOURCE,
    ),
    ("code",),
)
INDICATORS = Table(
    "indicators",
    (
        C("code", required=True),
        C("name", required=True),
        C("name_en"),
        C("unit"),  # required column; blank only for an index with no published level
        C("kind", choices=_enum(IndicatorKind)),
        C("aggregation", choices=_enum(Aggregation)),
        C("higher_is_better", BOOL),
        C("comparable", BOOL),
        C("headline", BOOL),
        C("area"),
        C("department"),
        C("order", INT),
        *SOURCE,
    ),
    ("code",),
)
OBSERVATIONS = Table(
    "observations",
    (
        C("indicator", required=True),
        C("period", PERIOD, required=True),
        C("value", DECIMAL),
        C("unit"),
        C("yoy_pct", DECIMAL),
        C("vs_base_pct", DECIMAL),
        C("base_period", PERIOD),
        C("avg_pct", DECIMAL),
        C("yoy_pp", DECIMAL),
        C("bound", choices=tuple(BOUNDS)),
        C("account"),
        *SOURCE,
    ),
    ("indicator", "period"),
)
TARGETS = Table(
    "targets",
    (
        C("indicator", required=True),
        C("period", PERIOD, required=True),
        C("kind", required=True, choices=_enum(TargetKind)),
        C("value", DECIMAL),
        C("unit"),
        C("text"),
        C("due", DATE),
        *SOURCE,
    ),
    ("indicator", "period", "kind"),
)
TASKS = Table(
    "tasks",
    (
        C("code", required=True),
        C("name", required=True),
        C("name_en"),
        C("parent"),
        C("area", required=True),
        C("lead", required=True),
        C("co", CODES),
        C("target_kind", choices=_enum(TargetKind)),
        C("target_value", DECIMAL),
        C("unit"),
        C("deadline", DATE),
        C("curve", CURVE),
        C("target_text"),
        C("measure"),
        *SOURCE,
    ),
    ("code",),
)
PROGRESS = Table(
    "progress",
    (
        C("task", required=True),
        C("as_of", DATE, required=True),
        C("value", DECIMAL),
        C("unit"),
        C("note"),
        C("account"),
        C("scope", choices=SCOPES),
        *SOURCE,
    ),
    ("task", "as_of"),
)
PROJECTS = Table(
    "projects",
    (
        C("code", required=True),
        C("name", required=True),
        C("name_en"),
        C("category", required=True, choices=PROJECT_CATEGORIES),
        C("lead", required=True),
        C("planned_start", DATE),
        C("actual_start", DATE),
        C("planned_finish", DATE),
        C("phase", choices=PROJECT_PHASES),
        C("investment_plan", DECIMAL),
        C("investment_done", DECIMAL),
        C("as_of", DATE),
        *SOURCE,
    ),
    ("code",),
)

TABLES: tuple[Table, ...] = (AREAS, DEPARTMENTS, INDICATORS, OBSERVATIONS, TARGETS, TASKS, PROGRESS, PROJECTS)
TABLES_BY_NAME = {t.name: t for t in TABLES}
# columns that must be present in the header even though their cells may be blank
REQUIRED_HEADERS: dict[str, tuple[str, ...]] = {"indicators": ("unit",)}

PLAN_FILE = "plan.yaml"
REPORT_FILE = "report.yaml"
YAML_SHEETS = ("plan", "report")
PLAN_KEYS = ("region", "year", "title", "title_en", "base_year", "settings", "illustrative_note")
PROGRESS_CONVENTIONS = ("days", "months")
