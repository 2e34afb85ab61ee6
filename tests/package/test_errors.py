"""Each class of bad input is reported with its file, row and column, and nothing is loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planwatch.package import PackageError, PackageIssue, load, validate

from .helpers import append_row, copy_example, drop_column, find_row, set_cell

# A case breaks one thing in a copy of the example and returns the issue expected:
# (file, row, column, code).
Case = Callable[[Path], tuple[str, int, str, str]]


def _set(file: str, key_col: str, key: str, column: str, value: str, code: str) -> Case:
    def case(pkg: Path) -> tuple[str, int, str, str]:
        row = find_row(pkg, file, key_col, key)
        set_cell(pkg, file, row, column, value)
        return file, row, column, code

    return case


def _measure_of_unknown_task(pkg: Path) -> tuple[str, int, str, str]:
    """measures.csv is a documented table: its task codes are checked like any other reference."""
    row = find_row(pkg, "measures.csv", "task", "demolish_illegal")
    set_cell(pkg, "measures.csv", row, "task", "no_such_task")
    return "measures.csv", row, "task", "unknown_reference"


def _missing_file(pkg: Path) -> tuple[str, int, str, str]:
    (pkg / "tasks.csv").unlink()
    return "tasks.csv", 0, "", "missing_file"


def _missing_column(pkg: Path) -> tuple[str, int, str, str]:
    drop_column(pkg, "observations.csv", "period")
    return "observations.csv", 1, "period", "missing_column"


def _missing_unit_column(pkg: Path) -> tuple[str, int, str, str]:
    drop_column(pkg, "indicators.csv", "unit")
    return "indicators.csv", 1, "unit", "missing_column"


def _duplicate_observation(pkg: Path) -> tuple[str, int, str, str]:
    row = append_row(pkg, "observations.csv", {"indicator": "gdp", "period": "2021H1", "value": "3640.7", "unit": "亿元"})
    return "observations.csv", row, "indicator", "duplicate_row"


def _duplicate_indicator(pkg: Path) -> tuple[str, int, str, str]:
    row = append_row(pkg, "indicators.csv", {"code": "pm25", "name": "PM2.5", "unit": "微克/立方米"})
    return "indicators.csv", row, "code", "duplicate_row"


def _duplicate_progress(pkg: Path) -> tuple[str, int, str, str]:
    row = append_row(pkg, "progress.csv", {"task": "greening", "as_of": "2021/6/30", "value": "30"})
    return "progress.csv", row, "task", "duplicate_row"


def _plan_without_title(pkg: Path) -> tuple[str, int, str, str]:
    text = (pkg / "plan.yaml").read_text(encoding="utf-8")
    (pkg / "plan.yaml").write_text(text.replace("title: 朝阳区2021年", "subtitle: 朝阳区2021年"), encoding="utf-8")
    return "plan.yaml", 0, "title", "required"


def _plan_bad_year(pkg: Path) -> tuple[str, int, str, str]:
    text = (pkg / "plan.yaml").read_text(encoding="utf-8")
    (pkg / "plan.yaml").write_text(text.replace("year: 2021", "year: 二〇二一"), encoding="utf-8")
    return "plan.yaml", 0, "year", "bad_year"


def _bad_yaml(pkg: Path) -> tuple[str, int, str, str]:
    text = (pkg / "plan.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("year:"))
    lines[n] = "year: [2021"
    (pkg / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "plan.yaml", n + 2, "", "bad_yaml"


def _yaml_replace(old: str, new: str, column: str, code: str) -> Case:
    def case(pkg: Path) -> tuple[str, int, str, str]:
        text = (pkg / "plan.yaml").read_text(encoding="utf-8")
        assert old in text
        (pkg / "plan.yaml").write_text(text.replace(old, new), encoding="utf-8")
        return "plan.yaml", 0, column, code

    return case


CASES: dict[str, Case] = {
    "missing file": _missing_file,
    "missing column": _missing_column,
    "missing unit column": _missing_unit_column,
    "blank required cell": _set("tasks.csv", "code", "greening", "lead", "", "required"),
    "unknown indicator": _set("observations.csv", "indicator", "pm25", "indicator", "pm2_5", "unknown_reference"),
    "unknown indicator in targets": _set("targets.csv", "indicator", "gdp", "indicator", "GDP", "unknown_reference"),
    "unknown task": _set("progress.csv", "task", "elderly_beds", "task", "elderly_bed", "unknown_reference"),
    "unknown lead department": _set("tasks.csv", "code", "greening", "lead", "区园林绿化局", "unknown_reference"),
    "unknown co-department": _set("tasks.csv", "code", "demolish_illegal", "co", "city_mgmt;nobody", "unknown_reference"),
    "unknown area": _set("tasks.csv", "code", "greening", "area", "ecology", "unknown_reference"),
    "unknown project lead": _set("projects.csv", "code", "dayangfang_road", "lead", "transport_bureau", "unknown_reference"),
    "unknown parent task": _set("tasks.csv", "code", "vacate_land", "parent", "demolish", "unknown_reference"),
    "unit mismatch observation": _set("observations.csv", "indicator", "gdp", "unit", "公顷", "unit_mismatch"),
    "unit mismatch progress": _set("progress.csv", "task", "elderly_beds", "unit", "公顷", "unit_mismatch"),
    "unit mismatch target": _set("targets.csv", "indicator", "gdp", "unit", "亿元", "unit_mismatch"),
    "bad period": _set("observations.csv", "indicator", "gdp", "period", "2021H3", "bad_period"),
    "period in words": _set("observations.csv", "indicator", "gdp", "period", "2021年上半年", "bad_period"),
    "bad base period": _set("observations.csv", "indicator", "gdp", "base_period", "2019Q5", "bad_period"),
    "base period of another span": _set("observations.csv", "indicator", "gdp", "base_period", "2019", "bad_base_period"),
    "bad date": _set("progress.csv", "task", "elderly_beds", "as_of", "2021-06-31", "bad_date"),
    "date in words": _set("tasks.csv", "code", "greenway_demo", "deadline", "9月底前", "bad_date"),
    "bad project date": _set("projects.csv", "code", "boe_c3c4", "planned_start", "2020-13-01", "bad_date"),
    "duplicate observation": _duplicate_observation,
    "duplicate indicator": _duplicate_indicator,
    "duplicate progress (other date form)": _duplicate_progress,
    "hedged number": _set("observations.csv", "indicator", "gdp", "value", "约3640.7", "not_a_number"),
    "text for number": _set("observations.csv", "indicator", "gdp", "yoy_pct", "abc", "not_a_number"),
    "percent sign": _set("observations.csv", "indicator", "gdp", "yoy_pct", "13.5%", "not_a_number"),
    "thousands separator": _set("progress.csv", "task", "policy_housing", "value", "4,155", "not_a_number"),
    "bad order": _set("indicators.csv", "code", "gdp", "order", "first", "not_an_integer"),
    "target without unit": _set("targets.csv", "indicator", "gdp", "unit", "", "target_without_unit"),
    "task target without unit": _set("tasks.csv", "code", "greening", "unit", "", "target_without_unit"),
    "bad indicator kind": _set("indicators.csv", "code", "gdp", "kind", "flow", "bad_enum"),
    "bad target kind": _set("targets.csv", "indicator", "gdp", "kind", "at_least", "bad_enum"),
    "bad project phase": _set("projects.csv", "code", "boe_c3c4", "phase", "在建", "bad_enum"),
    "bad bool": _set("indicators.csv", "code", "gdp", "headline", "maybe", "bad_bool"),
    "bad curve": _set("tasks.csv", "code", "greenway_demo", "curve", "milestones:2021-09-30=100;2021-06-30=50", "bad_curve"),
    "vs_base without base_period": _set("observations.csv", "indicator", "gdp", "base_period", "", "base_pair"),
    "base_period without vs_base": _set("observations.csv", "indicator", "gdp", "vs_base_pct", "", "base_pair"),
    "computed average typed in": _set("observations.csv", "indicator", "gdp", "avg_pct", "3.9", "computed_figure"),
    "value for an index": _set("observations.csv", "indicator", "total_consumption", "value", "100", "value_without_unit"),
    "progress of another year": _set("progress.csv", "task", "elderly_beds", "as_of", "2020-06-30", "outside_plan_year"),
    "milestone progress over 100%": _set("progress.csv", "task", "health_stations", "value", "120", "bad_percent"),
    "negative progress": _set("progress.csv", "task", "elderly_beds", "value", "-5", "negative"),
    "task that is its own parent": _set("tasks.csv", "code", "vacate_land", "parent", "vacate_land", "parent_cycle"),
    "co-department twice": _set("tasks.csv", "code", "demolish_illegal", "co", "planning;city_mgmt;planning",
                                "duplicate_code"),
    "measure of an unknown task": _measure_of_unknown_task,
    "milestone without deadline": _set("tasks.csv", "code", "greenway_demo", "deadline", "", "required"),
    "plan without title": _plan_without_title,
    "plan with bad year": _plan_bad_year,
    "plan.yaml does not parse": _bad_yaml,
    "bad progress convention": _yaml_replace("progress_convention: days", "progress_convention: weeks",
                                             "settings.progress_convention", "bad_enum"),
    "thresholds out of order": _yaml_replace("serious: 30", "serious: 5", "settings.thresholds", "bad_setting"),
    "base year after plan year": _yaml_replace("base_year: 2019", "base_year: 2022", "base_year", "bad_year"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_reported_and_nothing_is_loaded(tmp_path: Path, name: str) -> None:
    pkg = copy_example(tmp_path)
    file, row, column, code = CASES[name](pkg)
    errors = [i for i in validate(pkg) if i.is_error]
    assert [(i.file, i.row, i.column, i.code) for i in errors] == [(file, row, column, code)]
    issue = errors[0]
    assert issue.message_zh and issue.message_en and issue.message_zh != issue.message_en
    with pytest.raises(PackageError) as info:
        load(pkg)
    assert info.value.errors == errors
    assert f"{file}:{row}:{column}: " in str(info.value)


def test_all_issues_are_collected_before_raising(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path)
    broken = [CASES[n](pkg) for n in ("unknown indicator", "bad date", "percent sign", "bad project phase")]
    with pytest.raises(PackageError) as info:
        load(pkg)
    found = {(i.file, i.row, i.column, i.code) for i in info.value.errors}
    assert found == set(broken)
    lines = str(info.value).splitlines()
    assert len(lines) == 4
    assert all(line.count(":") >= 3 for line in lines)


def test_messages_name_the_value_and_the_fix(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path)
    CASES["hedged number"](pkg)
    (issue,) = validate(pkg)
    assert "约3640.7" in issue.message_zh and "约3640.7" in issue.message_en
    assert "note" in issue.message_en


def test_unknown_columns_warn_but_load(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path)
    set_cell(pkg, "tasks.csv", 1, "name_en", "name_english")
    issues = validate(pkg)
    assert [(i.file, i.row, i.column, i.severity) for i in issues] == [("tasks.csv", 1, "name_english", "warning")]
    plan = load(pkg)
    assert all(t.name_en == "" for t in plan.tasks)


def test_issue_format() -> None:
    issue = PackageIssue("observations.csv", 3, "yoy_pct", "“abc”不是数字", "'abc' is not a number", "not_a_number")
    assert issue.format() == "observations.csv:3:yoy_pct: “abc”不是数字"
    assert issue.format("en") == "observations.csv:3:yoy_pct: 'abc' is not a number"


def test_compatible_units_are_accepted(tmp_path: Path) -> None:
    """亿元 and 万元 measure the same thing: an observation may be given in either (planwatch.core.units)."""
    pkg = copy_example(tmp_path)
    row = find_row(pkg, "observations.csv", "indicator", "gdp")
    set_cell(pkg, "observations.csv", row, "unit", "万元")
    set_cell(pkg, "observations.csv", row, "value", "36407000")
    assert validate(pkg) == []
    obs = load(pkg).observation("gdp", "2021H1")
    assert obs is not None and (obs.value, obs.unit) == (36407000, "万元")


def test_an_empty_folder_lists_every_missing_file(tmp_path: Path) -> None:
    issues = validate(tmp_path)
    assert {(i.file, i.code) for i in issues} >= {("plan.yaml", "missing_file"), ("observations.csv", "missing_file")}
    assert len(issues) == 9


def test_target_of_another_year_is_a_warning(tmp_path: Path) -> None:
    pkg = copy_example(tmp_path)
    row = find_row(pkg, "targets.csv", "indicator", "gdp")
    set_cell(pkg, "targets.csv", row, "period", "2022")
    issues = validate(pkg)
    assert [(i.file, i.row, i.column, i.code, i.severity) for i in issues] == [
        ("targets.csv", row, "period", "outside_plan_year", "warning")
    ]
    assert load(pkg).targets[row - 2].period == "2022"
