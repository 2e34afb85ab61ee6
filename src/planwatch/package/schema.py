"""The columns of every table of the plan data package (docs/package.md is the user's version), derived
from the plan's data classes (``planwatch.core.model``): one field there is one column here."""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from planwatch.core import model
from planwatch.core.model import DEPARTMENT_KINDS, PROJECT_CATEGORIES, PROJECT_PHASES, columns

# column types
STR = "str"
INT = "int"
BOOL = "bool"
DECIMAL = "decimal"
DATE = "date"
PERIOD = "period"
CODES = "codes"  # ";"-separated list of codes
CURVE = "curve"

__all__ = ["DEPARTMENT_KINDS", "PROJECT_CATEGORIES", "PROJECT_PHASES"]  # kept importable from here too


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str = STR
    required: bool = False  # the column must exist and the cell must not be blank
    choices: tuple[str, ...] = ()
    ref: str = ""  # the table whose codes this column holds
    header: bool = False  # the column must exist though its cells may be blank


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # file stem and sheet name
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # columns whose values may appear only once
    optional: bool = False  # the file may be absent (then the table has no rows)

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


C = Column
SOURCE = (C("illustrative", BOOL), C("source"))


def _cell_type(hint: Any, kind: str) -> tuple[str, tuple[str, ...]]:
    """The cell type (and an enum's values) of a field of type ``hint``, or of the ``kind`` it names."""
    if kind:
        return kind, ()
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    base = args[0]
    if isinstance(base, type) and issubclass(base, Enum):
        return STR, tuple(e.value for e in base)
    for py, cell in ((bool, BOOL), (int, INT), (Decimal, DECIMAL), (dt.date, DATE)):
        if base is py:
            return cell, ()
    return STR, ()


def derive(name: str, cls: type, key: tuple[str, ...], *, optional: bool = False) -> Table:
    """The table ``name`` of the package from a plan data class: its ``col`` fields, then the source columns."""
    hints = typing.get_type_hints(cls)
    cols = []
    for fname, meta in columns(cls):
        ctype, choices = _cell_type(hints[fname], meta.kind)
        cols.append(Column(fname, ctype, meta.required, meta.choices or choices, meta.ref, meta.header))
    return Table(name, (*cols, *SOURCE), key, optional)


AREAS = derive("areas", model.Area, ("code",))
DEPARTMENTS = derive("departments", model.Department, ("code",))
INDICATORS = derive("indicators", model.Indicator, ("code",))
OBSERVATIONS = derive("observations", model.Observation, ("indicator", "period"))
TARGETS = derive("targets", model.Target, ("indicator", "period", "kind"))
TASKS = derive("tasks", model.Task, ("code",))
PROGRESS = derive("progress", model.ProgressRow, ("task", "as_of"))
PROJECTS = derive("projects", model.Project, ("code",))
MEASURES = derive("measures", model.Measure, ("task",), optional=True)
NARRATIVE = derive("narrative", model.Narrative, ("area",), optional=True)

TABLES: tuple[Table, ...] = (AREAS, DEPARTMENTS, INDICATORS, OBSERVATIONS, TARGETS, TASKS, PROGRESS, PROJECTS,
                             MEASURES, NARRATIVE)
TABLES_BY_NAME = {t.name: t for t in TABLES}
# the plan data class of each table (the reader builds them, the writer reads them)
CLASSES: dict[str, type] = {"areas": model.Area, "departments": model.Department, "indicators": model.Indicator,
                            "observations": model.Observation, "targets": model.Target, "tasks": model.Task,
                            "progress": model.ProgressRow, "projects": model.Project, "measures": model.Measure,
                            "narrative": model.Narrative}
# the Plan attribute holding each table's rows
ATTRIBUTES = {"areas": "areas", "departments": "departments", "indicators": "indicators",
              "observations": "observations", "targets": "targets", "tasks": "tasks", "progress": "progress",
              "projects": "projects", "measures": "measures", "narrative": "narrative"}
# columns that must be present in the header even though their cells may be blank
REQUIRED_HEADERS: dict[str, tuple[str, ...]] = {
    t.name: tuple(c.name for c in t.columns if c.header) for t in TABLES if any(c.header for c in t.columns)}

PLAN_FILE = "plan.yaml"
REPORT_FILE = "report.yaml"
YAML_SHEETS = ("plan", "report")
PLAN_KEYS = ("region", "year", "title", "title_en", "base_year", "settings", "illustrative_note")
PROGRESS_CONVENTIONS = ("days", "months")
