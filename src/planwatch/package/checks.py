"""Checks across files: references, units, and the columns that only make sense together."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

from planwatch.core.model import TargetKind
from planwatch.core.periods import Period

from .rows import Issues, Row

GROWTH_KINDS = {TargetKind.GROWTH_AT_LEAST, TargetKind.GROWTH_AT_MOST, TargetKind.REDUCTION_AT_LEAST}


@cache
def _units_checker() -> Callable[[str, str], bool]:
    """``planwatch.core.units`` decides compatibility when it offers it; otherwise units must be equal."""
    try:
        from planwatch.core import units  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return lambda a, b: a == b
    fn = getattr(units, "compatible", None)
    if not callable(fn):
        return lambda a, b: a == b

    @cache
    def check(a: str, b: str) -> bool:
        if a == b:
            return True
        try:
            return bool(fn(a, b))
        except Exception:  # an unknown unit is simply not compatible
            return False

    return check


def compatible(a: str, b: str) -> bool:
    return _units_checker()(a, b)


def check_ref(rows: list[Row], column: str, known: set[str], what: tuple[str, str, str], issues: Issues) -> None:
    """Every code in ``column`` must be one of ``known``; ``what`` is (Chinese noun, English noun, file)."""
    what_zh, what_en, file = what
    for row in rows:
        value = row.get(column)
        codes = value if isinstance(value, tuple) else ((value,) if value else ())
        for code in codes:
            if code not in known:
                issues.error(
                    row.label, row.n, column,
                    f"未知的{what_zh}“{code}”(未在 {file} 中定义)",
                    f"unknown {what_en} {code!r} (not defined in {file})",
                    "unknown_reference",
                )


@cache
def _span(period: str) -> tuple[int, int, int]:
    """(year, first month, last month) of a canonical period, parsed once per distinct text."""
    p = Period.parse(period)
    return p.year, p.first, p.last


def check_observations(rows: list[Row], indicators: dict[str, Row], issues: Issues) -> None:
    figures = ("value", "yoy_pct", "vs_base_pct", "avg_pct", "yoy_pp")
    for row in rows:
        v = row.v
        ind = indicators.get(v["indicator"] or "")
        if ind is not None:
            ind_unit = ind.v["unit"] or ""
            unit = v["unit"] or ""
            if not unit:
                v["unit"] = unit = ind_unit
            elif unit != ind_unit and not compatible(unit, ind_unit):
                issues.error(
                    row.label, row.n, "unit",
                    f"单位“{unit}”与指标 {ind.v['code']} 的单位“{ind_unit}”不一致",
                    f"unit {unit!r} does not match the unit {ind_unit!r} of indicator {ind.v['code']}",
                    "unit_mismatch",
                )
            if v["value"] is not None and not unit:
                issues.error(
                    row.label, row.n, "value",
                    f"指标 {ind.v['code']} 没有单位(只公布增速),value 应留空",
                    f"indicator {ind.v['code']} has no unit (only growth is published): leave value blank",
                    "value_without_unit",
                )
        if v["yoy_pp"] is not None and (v["unit"] or "") != "%":
            issues.error(row.label, row.n, "yoy_pp", "yoy_pp(百分点变化)只用于单位为 % 的指标",
                         "yoy_pp (change in percentage points) is only for indicators in %", "unit_mismatch")
        vs_base, base = v["vs_base_pct"], v["base_period"]
        if vs_base is not None and not base and not _was_bad(row, "base_period"):
            issues.error(row.label, row.n, "base_period", "给出了 vs_base_pct 但缺少 base_period(比哪个时期)",
                         "vs_base_pct is given without base_period (growth versus which period?)", "base_pair")
        if base and vs_base is None and not _was_bad(row, "vs_base_pct"):
            issues.error(row.label, row.n, "vs_base_pct", "给出了 base_period 但缺少 vs_base_pct",
                         "base_period is given without vs_base_pct", "base_pair")
        if vs_base is not None and v["avg_pct"] is not None:
            issues.error(row.label, row.n, "avg_pct",
                         "已有 vs_base_pct 时不要填 avg_pct:两年平均增速由系统计算",
                         "avg_pct must be blank when vs_base_pct is given: the average is computed", "computed_figure")
        period = v["period"]
        if base and period:
            (py, pf, pl), (by, bf, bl) = _span(period), _span(base)
            if (pf, pl) != (bf, bl) or by >= py:
                p = Period.parse(period)
                issues.error(row.label, row.n, "base_period",
                             f"基期 {base} 应为 {period} 之前年份的同一时段(如 {p.shift_years(-2)})",
                             f"base_period {base} must be the same span of an earlier year than {period} (such as {p.shift_years(-2)})",
                             "bad_base_period")
        if all(v[k] is None for k in figures) and not any(_was_bad(row, k) for k in figures):
            issues.error(row.label, row.n, "value", "该行没有任何数值(value、yoy_pct、vs_base_pct、avg_pct 均为空)",
                         "the row has no figure (value, yoy_pct, vs_base_pct and avg_pct are all blank)", "empty_observation")


def _need_unit(row: Row, column: str, issues: Issues, what_zh: str, what_en: str) -> None:
    issues.error(row.label, row.n, column, f"{what_zh}没有单位:请填写 {column}", f"{what_en} without unit: fill in {column}",
                 "target_without_unit")


def check_targets(rows: list[Row], indicators: dict[str, Row], issues: Issues) -> None:
    for row in rows:
        kind = row.get("kind")
        value, unit = row.get("value"), row.get("unit") or ""
        if not kind:
            continue
        kind = TargetKind(kind)
        if kind is TargetKind.QUALITATIVE:
            continue  # a target in words (与经济增长同步): its text is the target, no value or unit
        if kind is TargetKind.MILESTONE:
            if row.get("due") is None and "due" in row.v and not _was_bad(row, "due"):
                issues.error(row.label, row.n, "due", "里程碑目标需要 due(完成日期)", "a milestone target needs a due date", "required")
            continue
        if value is None:
            if not _was_bad(row, "value"):
                issues.error(row.label, row.n, "value", "目标值不能为空", "the target value must not be blank", "required")
            continue
        if not unit:
            _need_unit(row, "unit", issues, "目标", "target")
            continue
        if kind in GROWTH_KINDS:
            if unit != "%":
                issues.error(row.label, row.n, "unit", f"增速目标的单位应为 %,而不是“{unit}”",
                             f"a growth target is in %, not {unit!r}", "unit_mismatch")
            continue
        ind = indicators.get(row.get("indicator") or "")
        if ind is not None and not compatible(unit, ind.get("unit") or ""):
            issues.error(row.label, row.n, "unit",
                         f"单位“{unit}”与指标 {ind.get('code')} 的单位“{ind.get('unit') or ''}”不一致",
                         f"unit {unit!r} does not match the unit {ind.get('unit') or ''!r} of indicator {ind.get('code')}",
                         "unit_mismatch")


def _was_bad(row: Row, column: str) -> bool:
    return bool(row.v.get(f"_bad_{column}"))


def check_tasks(rows: list[Row], issues: Issues) -> None:
    codes = {r.get("code") for r in rows}
    parents = {r.get("code"): r.get("parent") for r in rows}
    for row in rows:
        kind, value, unit = row.get("target_kind"), row.get("target_value"), row.get("unit") or ""
        co = row.get("co") or ()
        twice = sorted({c for c in co if co.count(c) > 1})
        if twice:
            issues.error(row.label, row.n, "co", f"配合单位“{twice[0]}”重复填写", f"co-department {twice[0]!r} is listed twice",
                         "duplicate_code")
        if value is not None and not unit:
            _need_unit(row, "unit", issues, "任务目标", "task target")
        if value is not None and not kind:
            issues.error(row.label, row.n, "target_kind", "有 target_value 时需要填写 target_kind",
                         "target_kind is needed when target_value is given", "required")
        if kind and kind != TargetKind.MILESTONE and value is None and not _was_bad(row, "target_value"):
            issues.error(row.label, row.n, "target_value", "量化任务需要 target_value", "a quantified task needs target_value",
                         "required")
        if kind == TargetKind.MILESTONE and row.get("deadline") is None and not _was_bad(row, "deadline"):
            issues.error(row.label, row.n, "deadline", "里程碑任务需要 deadline(完成日期)", "a milestone task needs a deadline",
                         "required")
        parent = row.get("parent")
        if parent:
            if parent not in codes:
                issues.error(row.label, row.n, "parent", f"未知的上级任务“{parent}”", f"unknown parent task {parent!r}",
                             "unknown_reference")
                continue
            seen = {row.get("code")}
            p = parent
            while p:
                if p in seen:
                    issues.error(row.label, row.n, "parent", "上级任务形成循环", "the parent tasks form a cycle", "parent_cycle")
                    break
                seen.add(p)
                p = parents.get(p)


def check_progress(rows: list[Row], tasks: dict[str, Row], issues: Issues) -> None:
    for row in rows:
        task = tasks.get(row.get("task") or "")
        if task is None:
            continue
        task_unit = task.get("unit") or ("%" if task.get("target_kind") == TargetKind.MILESTONE else "")
        unit = row.get("unit") or ""
        if not unit:
            row.v["unit"] = task_unit
        elif task_unit and not compatible(unit, task_unit):
            issues.error(row.label, row.n, "unit", f"单位“{unit}”与任务 {task.get('code')} 的单位“{task_unit}”不一致",
                         f"unit {unit!r} does not match the unit {task_unit!r} of task {task.get('code')}", "unit_mismatch")
        value = row.get("value")
        if task.get("target_kind") == TargetKind.MILESTONE and isinstance(value, Decimal) and value > 100:
            issues.error(row.label, row.n, "value", f"里程碑任务的进度是完成百分比(0–100),不能是 {value}",
                         f"progress of a milestone task is a percent complete (0–100), not {value}", "bad_percent")
        if isinstance(value, Decimal) and value < 0:
            issues.error(row.label, row.n, "value", "累计进度不能为负数", "cumulative progress cannot be negative", "negative")
        if task.get("target_value") is None and not (row.get("account") or "").strip():
            issues.warn(row.label, row.n, "account", "没有数量目标的任务应填写进展情况(account)",
                        "a task without a quantity needs an account of the work done (account)", "account_missing")


def check_years(tables: dict[str, list[Row]], year: int, issues: Issues) -> None:
    """Progress is counted from 1 January of the plan year; targets are the plan year's."""
    if not year:
        return
    for row in tables["progress"]:
        as_of = row.get("as_of")
        if as_of is not None and as_of.year != year:
            issues.error(row.label, row.n, "as_of", f"进度日期 {as_of} 不在计划年度 {year} 内(进度为当年1月1日起的累计数)",
                         f"progress date {as_of} is outside the plan year {year} (progress counts from 1 January)",
                         "outside_plan_year")
    for row in tables["targets"]:
        period = row.get("period")
        if period and Period.parse(period).year != year:
            issues.warn(row.label, row.n, "period", f"目标期间 {period} 不在计划年度 {year} 内",
                        f"target period {period} is outside the plan year {year}", "outside_plan_year")
