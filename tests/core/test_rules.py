"""Warning rules as data: loading (with clear errors) and evaluation over small hand-built Plans."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.core import rules, wording
from planwatch.core.model import Indicator, IndicatorKind, Observation, ProgressRow, Project, TargetKind, Task
from planwatch.core.rules import RuleError, RuleType, load_rules, parse_rules

from .factories import add_target, seed_plan

D = Decimal


def _by_rule(warnings: list[rules.Warning], rule: str) -> dict[str, rules.Warning]:
    return {w.subject: w for w in warnings if w.rule == rule}


def test_default_rules_load_and_cover_every_type() -> None:
    loaded = load_rules()
    assert {r.type for r in loaded} == set(RuleType)
    assert all(r.enabled for r in loaded)


def test_task_behind_time_message_and_levels() -> None:
    warnings = rules.evaluate(seed_plan(), "2021H1")
    behind = _by_rule(warnings, "task_behind_time")
    assert set(behind) == {"greening", "demolition"}  # land_cleared is ahead by days, elderly_beds ahead
    green = behind["greening"]
    assert green.level == "red"
    assert green.message_zh == "新增改造绿化面积完成27.5公顷，占全年任务500公顷的5.5%，低于序时进度44.1个百分点。"
    assert "44.1 points behind" in green.message_en
    assert green.figures["gap_pp"].rounded == D("-44.1")
    assert behind["demolition"].level == "notice"  # on track (6.1 points below), still behind
    assert warnings[0] is green  # red first


def test_english_messages_scale_chinese_units() -> None:
    """GIVEN a task of 210 万平方米 with 91.4 done WHEN it is behind THEN the English message multiplies
    the 万 out as the report does ("914 thousand square metres", "2.1 million square metres", one wording
    module for both), and the Chinese message keeps the plan's own units."""
    behind = _by_rule(rules.evaluate(seed_plan(), "2021H1"), "task_behind_time")["demolition"]
    assert behind.message_zh.startswith("拆除违法建设完成91.4万平方米，占全年任务210万平方米的43.5%")
    assert "914 thousand square metres done" in behind.message_en
    assert "of the annual 2.1 million square metres," in behind.message_en
    assert "10,000" not in behind.message_en


def test_task_behind_time_by_months_catches_land_clearance() -> None:
    plan = seed_plan()
    plan.settings["progress_convention"] = "months"
    behind = _by_rule(rules.evaluate(plan, "2021H1"), "task_behind_time")
    assert behind["land_cleared"].level == "notice"
    assert "低于序时进度0.1个百分点" in behind["land_cleared"].message_zh


def test_thresholds_come_from_settings() -> None:
    plan = seed_plan()
    plan.settings["thresholds"] = {"mode": "pp", "lagging": 5, "serious": 50}
    behind = _by_rule(rules.evaluate(plan, "2021H1"), "task_behind_time")
    assert behind["demolition"].level == "yellow"  # 6.1 below is now lagging
    assert behind["greening"].level == "yellow"  # 44.1 below is no longer serious


def test_below_base_fires_for_the_seeds_three() -> None:
    below = _by_rule(rules.evaluate(seed_plan(), "2021H1"), "below_base")
    assert set(below) == {"general_budget_revenue", "fixed_asset_investment", "construction_investment"}
    w = below["fixed_asset_investment"]
    assert w.message_zh == "固定资产投资2021年上半年比2019年上半年下降6.7%，尚未恢复到2019年上半年水平。"
    assert w.figures["avg_annual"].rounded == D("-3.4")
    assert w.subject_type == "indicator"


def test_growth_below_target() -> None:
    plan = seed_plan()
    add_target(plan, "gdp", TargetKind.GROWTH_AT_LEAST, "6", text="增长6%以上")
    add_target(plan, "fixed_asset_investment", TargetKind.GROWTH_AT_LEAST, "6", text="增长6%以上")
    add_target(plan, "energy_per_gdp", TargetKind.REDUCTION_AT_LEAST, "6")
    add_target(plan, "urban_unemployment_rate", TargetKind.RATE_AT_MOST, "2")  # missed, but not a growth target
    low = _by_rule(rules.evaluate(plan, "2021H1"), "growth_below_target")
    assert set(low) == {"fixed_asset_investment", "energy_per_gdp"}
    assert low["fixed_asset_investment"].message_zh == (
        "固定资产投资2021年上半年同比增长4.2%，未达到全年增长6%以上的预期目标，相差1.8个百分点。")
    assert low["energy_per_gdp"].message_zh == (
        "万元GDP能耗2021年上半年同比下降5.16%，未达到全年下降6%以上的预期目标，相差0.84个百分点。")
    assert " fell 5.16% year on year" in low["energy_per_gdp"].message_en


def test_milestone_overdue_and_no_recent_progress() -> None:
    plan = seed_plan()
    plan.tasks.append(Task(code="greenway", name="朝阳绿道示范段", area="area", lead="fgw", target_kind=TargetKind.MILESTONE,
                           unit="%", deadline=dt.date(2021, 9, 30), target_text="9月底前基本达到通行条件"))
    plan.progress.append(ProgressRow(task="greenway", as_of=dt.date(2021, 5, 10), value=D(60), unit="%"))
    oct15 = dt.date(2021, 10, 15)
    warnings = rules.evaluate(plan, "2021Q3", on=oct15)
    overdue = _by_rule(warnings, "milestone_overdue")
    assert overdue["greenway"].message_zh == "朝阳绿道示范段应于2021年9月30日前完成，截至2021年10月15日尚未完成，已逾期15天。"
    stale = _by_rule(warnings, "no_recent_progress")
    assert "greenway" in stale and "158天" in stale["greenway"].message_zh
    assert "elderly_beds" in stale  # last report 30 June: 107 days before 15 October
    # on 30 June nothing is overdue or stale
    june = rules.evaluate(plan, "2021H1")
    assert not _by_rule(june, "milestone_overdue")
    assert set(_by_rule(june, "no_recent_progress")) == {"greenway"}  # 51 days since 10 May


def test_project_not_started() -> None:
    plan = seed_plan()
    plan.projects += [
        Project(code="dayangfang", name="大羊坊路", category="infrastructure", lead="fgw", planned_start=dt.date(2021, 4, 1)),
        Project(code="started", name="已开工项目", category="livelihood", lead="fgw", planned_start=dt.date(2021, 4, 1),
                actual_start=dt.date(2021, 4, 20), phase="under_construction"),
        Project(code="later", name="下半年项目", category="high_tech", lead="fgw", planned_start=dt.date(2021, 9, 1)),
    ]
    late = _by_rule(rules.evaluate(plan, "2021H1"), "project_not_started")
    assert set(late) == {"dayangfang"}
    assert late["dayangfang"].message_zh == "大羊坊路计划于2021年4月1日开工，截至2021年6月30日尚未开工，已推迟90天。"
    assert "start construction on April 1, 2021 and has not started as of June 30, 2021" in late["dayangfang"].message_en


def test_rank_fell_needs_a_previous_rank() -> None:
    plan = seed_plan()
    plan.indicators.append(Indicator(code="hotline_rank", name="接诉即办综合考核排名", unit="名", kind=IndicatorKind.RANK))
    plan.observations.append(Observation(indicator="hotline_rank", period="2021-06", value=D(11), unit="名"))
    assert not _by_rule(rules.evaluate(plan, "2021-06"), "rank_fell")
    plan.observations.append(Observation(indicator="hotline_rank", period="2021-04", value=D(12), unit="名"))
    assert not _by_rule(rules.evaluate(plan, "2021-06"), "rank_fell")  # 12th → 11th is a rise
    plan.observations.append(Observation(indicator="hotline_rank", period="2021-05", value=D(8), unit="名"))
    fell = _by_rule(rules.evaluate(plan, "2021-06"), "rank_fell")
    assert fell["hotline_rank"].message_zh == "接诉即办综合考核排名2021年6月排名第11名，较2021年5月的第8名下降3位。"
    assert "ranked 11th in June 2021, down 3 places from 8th in May 2021" in fell["hotline_rank"].message_en


@pytest.mark.parametrize(("n", "words"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                         (13, "13th"), (21, "21st"), (22, "22nd"), (111, "111th")])
def test_ranks_in_english_are_ordinals(n: int, words: str) -> None:
    assert wording.ordinal_en(D(n)) == words


def test_plan_rules_override_by_id_and_switch_off(tmp_path: Path) -> None:
    plan = seed_plan()
    plan.settings["rules"] = [
        {"id": "below_base", "type": "below_base", "enabled": False, "level": "yellow",
         "message_zh": "{name}", "message_en": "{name_en}"},
        {"id": "behind_5", "type": "task_behind_time", "level": {"on_track": "yellow"},
         "params": {"min_gap_pp": 5}, "message_zh": "{name}落后{gap}个百分点。", "message_en": "{name_en} {gap}"},
    ]
    warnings = rules.evaluate(plan, "2021H1")
    assert not _by_rule(warnings, "below_base")
    assert set(_by_rule(warnings, "behind_5")) == {"demolition"}  # 6.1 > 5; greening is not on_track
    custom = tmp_path / "rules.yaml"
    custom.write_text("rules:\n  - id: below_base\n    type: below_base\n    level: red\n"
                      "    message_zh: '{name}低于基期'\n    message_en: '{name_en} below base'\n", encoding="utf-8")
    plan.settings["rules"] = str(custom)
    below = _by_rule(rules.evaluate(plan, "2021H1"), "below_base")
    assert {w.level for w in below.values()} == {"red"}
    assert below["construction_investment"].message_zh == "建安投资低于基期"


def test_explicit_rules_argument_wins() -> None:
    only = [r for r in load_rules() if r.type is RuleType.BELOW_BASE]
    assert {w.rule for w in rules.evaluate(seed_plan(), "2021H1", rules=only)} == {"below_base"}


GOOD = {"id": "r1", "type": "below_base", "level": "yellow", "message_zh": "{name}", "message_en": "{name_en}"}


@pytest.mark.parametrize(
    ("change", "field", "why"),
    [
        ({"id": ""}, "id", "needs an id"),
        ({"type": "gdp_low"}, "type", "not one of"),
        ({"level": "orange"}, "level", "not one of"),
        ({"level": {"lagging": "red"}}, "level", "mapping"),  # only task rules map statuses
        ({"params": {"days": 3}}, "params.days", "unknown parameter"),
        ({"params": {"threshold_pct": "abc"}}, "params.threshold_pct", "not a number"),
        ({"params": {"threshold_pct": -1}}, "params.threshold_pct", "negative"),
        ({"message_zh": "{name}{gdp}"}, "message_zh", "unknown placeholder {gdp}"),
        ({"message_en": ""}, "message_en", "required"),
        ({"message_zh": "{name"}, "message_zh", "does not parse"),
        ({"enabled": "yes"}, "enabled", "true or false"),
    ],
)
def test_bad_rules_name_file_rule_and_field(change: dict[str, object], field: str, why: str) -> None:
    with pytest.raises(RuleError) as err:
        parse_rules([GOOD | change], "my_rules.yaml")
    text = str(err.value)
    assert text.startswith("my_rules.yaml: rule ")
    assert f": {field}: " in text and why in text


def test_bad_rule_files(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="cannot read"):
        load_rules(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(RuleError, match="not valid YAML"):
        load_rules(broken)
    with pytest.raises(RuleError, match="duplicate rule id"):
        parse_rules([GOOD, GOOD], "dup.yaml")
    with pytest.raises(RuleError, match="expected a list"):
        parse_rules({"rules": "none"}, "x.yaml")
    with pytest.raises(RuleError, match="task status"):
        parse_rules([GOOD | {"type": "task_behind_time", "level": {"late": "red"}}], "x.yaml")


def test_period_must_parse() -> None:
    from planwatch.core.errors import PlanwatchError

    with pytest.raises(PlanwatchError, match="2021上半年"):
        rules.evaluate(seed_plan(), "2021上半年")


def test_changing_progress_changes_the_warning() -> None:
    plan = seed_plan()
    plan.progress = [dataclasses.replace(r, value=D(300)) if r.task == "greening" else r for r in plan.progress]
    assert "greening" not in _by_rule(rules.evaluate(plan, "2021H1"), "task_behind_time")


def test_a_task_not_begun_is_told_so_not_as_zero_percent() -> None:
    """GIVEN greening's progress of 0 公顷 WHEN it is behind THEN the message says the year's task is not yet
    done (the rule's nothing-done wording), never "完成0公顷，占…的0.0%"; a plan's rule without that
    wording keeps its one message."""
    plan = seed_plan()
    plan.progress = [dataclasses.replace(r, value=D(0)) if r.task == "greening" else r for r in plan.progress]
    green = _by_rule(rules.evaluate(plan, "2021H1"), "task_behind_time")["greening"]
    assert green.message_zh == "新增改造绿化面积全年任务500公顷，尚未完成，低于序时进度49.6个百分点。"
    assert "none of the annual 500 hectares done yet, 49.6 points behind" in green.message_en
    assert "0.0%" not in green.message_zh + green.message_en
    own = parse_rules([{"id": "behind", "type": "task_behind_time", "level": "yellow",
                        "message_zh": "{name}完成{done_share}%。", "message_en": "{name_en} {done_share}%."}])
    assert _by_rule(rules.evaluate(plan, "2021H1", rules=own), "behind")["greening"].message_zh == "新增改造绿化面积完成0.0%。"
