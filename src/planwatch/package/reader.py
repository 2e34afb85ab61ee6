"""Reading a package into a ``Plan``: all issues are collected first, and a Plan is built only if none
of them is an error (loading is all or nothing)."""

from __future__ import annotations

import gc
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields
from enum import Enum
from pathlib import Path
from typing import Any

from planwatch.core.model import COLUMN, Indicator, IndicatorKind, Plan, Source

from . import checks, schema
from .issues import PackageError, PackageIssue
from .planfile import PlanHead, parse_plan
from .rows import Issues, Row, convert
from .sources import RawPackage, read


def _src(row: Row) -> Source:
    return Source(row.file, row.n, row.v.get("source") or "", bool(row.v.get("illustrative")))


def inspect(path: str | Path, limits: Any = None) -> tuple[Plan | None, list[PackageIssue]]:
    """Read and check a package: the Plan (None if there is any error) and every issue found. ``limits``
    bound the reading of a workbook (``xlsxread.UPLOAD`` for uploads; beyond them ``xlsxread.TooLarge``).

    Python's cycle collector is paused meanwhile: a city's package makes hundreds of thousands of rows,
    none of them in a cycle, and each of the collector's full passes over them would find nothing (it
    cost a third of the load, docs/benchmarks-package.md)."""
    was = gc.isenabled()
    gc.disable()
    try:
        raw = read(path, limits)
        issues = Issues()
        issues.items.extend(raw.issues)
        head, report, tables, extra = _parse(raw, issues)
        if issues.has_errors:
            return None, issues.items
        return _build(head, report, tables, extra), issues.items
    finally:
        if was:
            gc.enable()


def _parse(
    raw: RawPackage, issues: Issues
) -> tuple[PlanHead, dict[str, Any], dict[str, list[Row]], dict[str, list[dict[str, str]]]]:
    plan_label = raw.label("plan", "yaml")
    if "plan" not in raw.yaml_docs:
        issues.error(plan_label, 0, "", "缺少 plan.yaml(计划名称、年度、地区)", "plan.yaml (region, year, title) is missing",
                     "missing_file")
        head = PlanHead()
    else:
        label, data = raw.yaml_docs["plan"]
        if data is None:
            if not any(i.file == label for i in issues.items):
                issues.error(label, 0, "", "plan.yaml 为空", "plan.yaml is empty", "required")
            head = PlanHead()
        else:
            head = parse_plan(data, label, issues)
    report: dict[str, Any] = {}
    if "report" in raw.yaml_docs:
        label, data = raw.yaml_docs["report"]
        if isinstance(data, dict):
            report = data
        elif data is not None:
            issues.error(label, 0, "", "report.yaml 应为键值映射", "report.yaml must be a mapping", "bad_yaml")

    tables: dict[str, list[Row]] = {}
    complete: set[str] = set()  # tables present with all their required columns: safe to check against
    for table in schema.TABLES:
        rt = raw.tables.get(table.name)
        if rt is None and table.optional:
            tables[table.name] = []
            continue
        if rt is None:
            if raw.form == "xlsx":
                issues.error(raw.label(table.name, "csv"), 0, "", f"缺少工作表 {table.name}",
                             f"the sheet {table.name} is missing", "missing_file")
            else:
                issues.error(raw.label(table.name, "csv"), 0, "", f"缺少文件 {table.filename}",
                             f"the file {table.filename} is missing", "missing_file")
            tables[table.name] = []
            continue
        tables[table.name] = convert(rt, table, issues)
        must = [c.name for c in table.columns if c.required] + list(schema.REQUIRED_HEADERS.get(table.name, ()))
        if all(m in rt.header for m in must):
            complete.add(table.name)
    extra = {name: rt.verbatim for name, rt in raw.tables.items() if name not in schema.TABLES_BY_NAME}

    def codes(name: str) -> set[str]:
        return {r.get("code") for r in tables[name] if r.get("code")}

    for table in schema.TABLES:  # every column naming another table's codes (parents: check_tasks)
        for column in table.columns:
            if column.ref and column.ref != table.name and column.ref in complete:
                ref_table = schema.TABLES_BY_NAME[column.ref]
                what = (_REF_WORDS[column.ref][0], _REF_WORDS[column.ref][1], ref_table.filename)
                checks.check_ref(tables[table.name], column.name, codes(column.ref), what, issues)

    by_code = {r.get("code"): r for r in tables["indicators"] if r.get("code")} if "indicators" in complete else {}
    checks.check_observations(tables["observations"], by_code, issues)
    checks.check_targets(tables["targets"], by_code, issues)
    checks.check_tasks(tables["tasks"], issues)
    tasks = {r.get("code"): r for r in tables["tasks"] if r.get("code")} if "tasks" in complete else {}
    checks.check_progress(tables["progress"], tasks, issues)
    checks.check_years(tables, head.year, issues)
    return head, report, tables, extra


# Defaults that depend on another column of the row, from the row's object as made so far: a rank's
# higher_is_better is false.
_DERIVED: dict[type, dict[str, Callable[[Any], Any]]] = {
    Indicator: {"higher_is_better": lambda made: made.kind is not IndicatorKind.RANK},
}
_REF_WORDS = {"areas": ("领域", "area"), "departments": ("部门", "department"), "indicators": ("指标", "indicator"),
              "tasks": ("任务", "task")}


def _maker(cls: type) -> Callable[[Row], Any]:
    """Build an object of plan data class ``cls`` from a typed row: the field list decides every column.

    The typed row holds every column (blank: None, "" or ()); only fields whose default is not that blank
    (a kind, an order, a curve, a phase) and enum fields need more than copying."""
    hints = typing.get_type_hints(cls)
    names: list[str] = []
    fixups: list[tuple[str, Any]] = []  # (field, default) where a blank cell means the field's default
    enums: list[tuple[str, dict[str, Any]]] = []  # (field, value → member)
    for f in fields(cls):
        if COLUMN not in f.metadata:
            continue
        names.append(f.name)
        args = [a for a in typing.get_args(hints[f.name]) if a is not type(None)] or [hints[f.name]]
        if isinstance(args[0], type) and issubclass(args[0], Enum):
            enums.append((f.name, {str(m.value): m for m in args[0]}))
        default = f.default if f.default is not MISSING else None
        meta = f.metadata[COLUMN]
        blank = () if meta.kind == "codes" else ("" if hints[f.name] is str and not meta.kind else None)
        if default != blank:  # a blank cell reads as the field's default, not as the column type's blank
            fixups.append((f.name, default))
    return _slot_maker(cls, names, dict(enums), dict(fixups), _DERIVED.get(cls, {}))


def _slot_maker(cls: type, columns: list[str], enums: dict[str, dict[str, Any]], fixups: dict[str, Any],
                derived: dict[str, Callable[[Any], Any]]) -> Callable[[Row], Any]:
    """``make(row)``: the object of the frozen slots dataclass ``cls`` made by filling its slots from the
    typed row, which is what its ``__init__`` does, without a dictionary and twenty keyword arguments for
    each of a city's 288,000 rows. An enum field's value becomes its member; a blank cell of a field with a
    default becomes that default; a blank cell of a ``derived`` field is computed from the object once the
    other fields are in; fields that are no column get their defaults."""
    if hasattr(cls, "__post_init__") or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__}: plan data classes are frozen slots dataclasses without __post_init__")
    env: dict[str, Any] = {"new": object.__new__, "cls": cls, "Source": Source}
    lines = ["def make(row):", "    v = row.v", "    o = new(cls)"]
    last: list[str] = []
    for i, f in enumerate(fields(cls)):
        env[f"set{i}"] = cls.__dict__[f.name].__set__
        if f.name in columns:
            value = f"v[{f.name!r}]"
            if f.name in enums:
                env[f"members{i}"] = enums[f.name]
                value = f"(members{i}[x] if (x := {value}) else x)"
            if f.name in fixups:
                env[f"default{i}"] = fixups[f.name]
                value = f"(default{i} if (y := {value}) is None or y == '' else y)"
        elif f.name == "source":
            value = 'Source(row.file, row.n, v["source"] or "", bool(v["illustrative"]))'
        elif f.default is not MISSING:
            env[f"default{i}"], value = f.default, f"default{i}"
        elif f.default_factory is not MISSING:
            env[f"factory{i}"], value = f.default_factory, f"factory{i}()"
        else:
            raise TypeError(f"{cls.__name__}.{f.name} is neither a column nor has a default")
        lines.append(f"    set{i}(o, {value})")
        if f.name in derived:
            env[f"rule{i}"] = derived[f.name]
            last.append(f"    if v[{f.name!r}] is None:\n        set{i}(o, rule{i}(o))")
    lines += [*last, "    return o"]
    exec("\n".join(lines), env)  # the code is made here from the class's own field names
    return env["make"]  # type: ignore[no-any-return]


def _build(
    head: PlanHead, report: dict[str, Any], t: dict[str, list[Row]], extra: dict[str, list[dict[str, str]]]
) -> Plan:
    plan = Plan(region=head.region, year=head.year, title=head.title, title_en=head.title_en,
                base_year=head.base_year, settings=head.settings, report=report,
                illustrative_note=head.illustrative_note, extra=extra)
    for table in schema.TABLES:
        make = _maker(schema.CLASSES[table.name])
        setattr(plan, schema.ATTRIBUTES[table.name], [make(r) for r in t[table.name]])
    return plan


def load(path: str | Path) -> Plan:
    plan, issues = inspect(path)
    if plan is None:
        raise PackageError(issues)
    return plan


def validate(path: str | Path) -> list[PackageIssue]:
    return inspect(path)[1]
