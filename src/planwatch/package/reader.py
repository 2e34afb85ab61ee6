"""Reading a package into a ``Plan``: all issues are collected first, and a Plan is built only if none
of them is an error (loading is all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planwatch.core.model import (
    Aggregation,
    Area,
    Department,
    Indicator,
    IndicatorKind,
    Observation,
    Plan,
    ProgressRow,
    Project,
    Source,
    Target,
    TargetKind,
    Task,
)

from . import checks, schema
from .issues import PackageError, PackageIssue
from .planfile import PlanHead, parse_plan
from .rows import Issues, Row, convert
from .sources import RawPackage, read


def _src(row: Row) -> Source:
    return Source(row.file, row.n, row.get("source") or "", bool(row.get("illustrative")))


def _opt_bool(row: Row, name: str, default: bool) -> bool:
    v = row.get(name)
    return default if v is None else bool(v)


def inspect(path: str | Path) -> tuple[Plan | None, list[PackageIssue]]:
    """Read and check a package: the Plan (None if there is any error) and every issue found."""
    raw = read(path)
    issues = Issues()
    issues.items.extend(raw.issues)
    head, report, tables, extra = _parse(raw, issues)
    if issues.has_errors:
        return None, issues.items
    return _build(head, report, tables, extra), issues.items


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

    def ref(table: str, column: str, target: str, what: tuple[str, str, str]) -> None:
        if target in complete:
            checks.check_ref(tables[table], column, codes(target), what, issues)

    area = ("领域", "area", "areas.csv")
    dept = ("部门", "department", "departments.csv")
    ind = ("指标", "indicator", "indicators.csv")
    ref("indicators", "area", "areas", area)
    ref("indicators", "department", "departments", dept)
    ref("observations", "indicator", "indicators", ind)
    ref("targets", "indicator", "indicators", ind)
    ref("tasks", "area", "areas", area)
    ref("tasks", "lead", "departments", dept)
    ref("tasks", "co", "departments", dept)
    ref("progress", "task", "tasks", ("任务", "task", "tasks.csv"))
    ref("projects", "lead", "departments", dept)

    by_code = {r.get("code"): r for r in tables["indicators"] if r.get("code")} if "indicators" in complete else {}
    checks.check_observations(tables["observations"], by_code, issues)
    checks.check_targets(tables["targets"], by_code, issues)
    checks.check_tasks(tables["tasks"], issues)
    tasks = {r.get("code"): r for r in tables["tasks"] if r.get("code")} if "tasks" in complete else {}
    checks.check_progress(tables["progress"], tasks, issues)
    checks.check_years(tables, head.year, issues)
    return head, report, tables, extra


def _build(
    head: PlanHead, report: dict[str, Any], t: dict[str, list[Row]], extra: dict[str, list[dict[str, str]]]
) -> Plan:
    return Plan(
        region=head.region,
        year=head.year,
        title=head.title,
        title_en=head.title_en,
        base_year=head.base_year,
        settings=head.settings,
        report=report,
        illustrative_note=head.illustrative_note,
        extra=extra,
        areas=[Area(r.get("code"), r.get("name"), r.get("name_en"), r.get("order") or 0, _src(r)) for r in t["areas"]],
        departments=[
            Department(r.get("code"), r.get("name"), r.get("name_en"), r.get("kind") or "department", _src(r))
            for r in t["departments"]
        ],
        indicators=[
            Indicator(
                code=r.get("code"),
                name=r.get("name"),
                unit=r.get("unit"),
                name_en=r.get("name_en"),
                kind=IndicatorKind(r.get("kind") or IndicatorKind.LEVEL),
                aggregation=Aggregation(r.get("aggregation") or Aggregation.CUMULATIVE),
                higher_is_better=_opt_bool(r, "higher_is_better", r.get("kind") != IndicatorKind.RANK),
                comparable=_opt_bool(r, "comparable", False),
                headline=_opt_bool(r, "headline", False),
                area=r.get("area"),
                department=r.get("department"),
                order=r.get("order") or 0,
                source=_src(r),
            )
            for r in t["indicators"]
        ],
        observations=[
            Observation(
                indicator=r.get("indicator"),
                period=r.get("period"),
                value=r.get("value"),
                unit=r.get("unit"),
                yoy_pct=r.get("yoy_pct"),
                vs_base_pct=r.get("vs_base_pct"),
                base_period=r.get("base_period") or "",
                avg_pct=r.get("avg_pct"),
                source=_src(r),
                yoy_pp=r.get("yoy_pp"),
                bound=r.get("bound") or "",
                account=r.get("account") or "",
            )
            for r in t["observations"]
        ],
        targets=[
            Target(
                indicator=r.get("indicator"),
                period=r.get("period"),
                kind=TargetKind(r.get("kind")),
                value=r.get("value"),
                unit=r.get("unit"),
                text=r.get("text"),
                due=r.get("due"),
                source=_src(r),
            )
            for r in t["targets"]
        ],
        tasks=[
            Task(
                code=r.get("code"),
                name=r.get("name"),
                area=r.get("area"),
                lead=r.get("lead"),
                name_en=r.get("name_en"),
                parent=r.get("parent"),
                co=r.get("co"),
                target_kind=TargetKind(r.get("target_kind")) if r.get("target_kind") else None,
                target_value=r.get("target_value"),
                unit=r.get("unit"),
                deadline=r.get("deadline"),
                curve=r.get("curve") or "linear",
                target_text=r.get("target_text"),
                measure=r.get("measure"),
                source=_src(r),
            )
            for r in t["tasks"]
        ],
        progress=[
            ProgressRow(r.get("task"), r.get("as_of"), r.get("value"), r.get("unit"), r.get("note"), _src(r),
                        account=r.get("account") or "", scope=r.get("scope") or "")
            for r in t["progress"]
        ],
        projects=[
            Project(
                code=r.get("code"),
                name=r.get("name"),
                category=r.get("category"),
                lead=r.get("lead"),
                name_en=r.get("name_en"),
                planned_start=r.get("planned_start"),
                actual_start=r.get("actual_start"),
                planned_finish=r.get("planned_finish"),
                phase=r.get("phase") or "planned",
                investment_plan=r.get("investment_plan"),
                investment_done=r.get("investment_done"),
                as_of=r.get("as_of"),
                source=_src(r),
            )
            for r in t["projects"]
        ],
    )


def load(path: str | Path) -> Plan:
    plan, issues = inspect(path)
    if plan is None:
        raise PackageError(issues)
    return plan


def validate(path: str | Path) -> list[PackageIssue]:
    return inspect(path)[1]
