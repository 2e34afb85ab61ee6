"""Tables flattened into text keep each column's meaning; a row's actual is checked against its target."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.checker import check_text
from planwatch.checker.document import parse_document
from planwatch.checker.tables import parse_cell

HEAD = "关于某市2023年国民经济和社会发展计划执行情况的报告\n一、2023年计划执行情况\n"
TABS = (
    "序号\t指标\t单位\t完成值\t增速（%）\t年度目标\t是否完成\n"
    "1\t地区生产总值\t亿元\t3052.8\t5.6\t6左右\t基本完成\n"
    "2\t一般公共预算收入\t亿元\t231.4\t7.2\t6\t完成\n"
    "3\t新增城镇就业\t万人\t3.2\t—\t3\t完成\n"
    "4\t城镇调查失业率\t%\t5.1\t—\t5.5以内\t完成\n"
)


def test_columns_keep_their_meaning() -> None:
    doc = parse_document(HEAD + TABS)
    (table,) = doc.tables
    assert table.columns == ["index", "name", "unit", "actual", "growth", "target", "status"]
    assert [r.name.text for r in table.rows] == ["地区生产总值", "一般公共预算收入", "新增城镇就业", "城镇调查失业率"]
    assert [r.status for r in table.rows] == [None, True, True, True]
    assert [r.target_is_growth for r in table.rows] == [True, True, False, False]
    facts, _ = check_text(HEAD + TABS)
    got = [(f.subject, f.column, f.kind, f.modality, f.value, f.unit, f.bound) for f in facts]
    assert got[:3] == [
        ("地区生产总值", "actual", "amount", "actual", Decimal("305280000000.0"), "元", "eq"),
        ("地区生产总值", "growth", "growth", "actual", Decimal("5.6"), "%", "eq"),
        ("地区生产总值", "target", "growth", "target", Decimal("6"), "%", "approx"),
    ]
    assert ("新增城镇就业", "target", "amount", "target", Decimal("30000"), "人", "eq") in got
    assert ("城镇调查失业率", "target", "rate", "target", Decimal("5.5"), "%", "le") in got


def test_a_rows_status_is_checked_against_its_actual_and_target() -> None:
    _, checks = check_text(HEAD + TABS)
    met = [(c.subject, c.status) for c in checks if c.relation == "target_met"]
    assert met == [("一般公共预算收入", "consistent"), ("新增城镇就业", "consistent"), ("城镇调查失业率", "consistent")]
    bad = TABS.replace("3.2\t—\t3\t完成", "2.8\t—\t3\t完成")
    flagged = [(c.relation, c.subject) for c in check_text(HEAD + bad)[1] if c.status == "inconsistent"]
    assert flagged == [("target_met", "新增城镇就业")]


def test_a_table_in_pdf_text_with_single_spaces_and_a_completion_column() -> None:
    text = ("关于某区2023年国民经济和社会发展计划上半年执行情况的报告\n"
            "指标名称 单位 1-6月 同比增长% 全年目标 完成全年目标%\n一般公共预算收入 亿元 48.6 6.2 92 52.8\n"
            "固定资产投资 亿元 — -3.5 — —\n")
    facts, checks = check_text(text)
    assert [(f.text, f.column) for f in facts] == [("48.6", "actual"), ("6.2", "growth"), ("92", "target"),
                                                   ("52.8", "completion"), ("-3.5", "growth")]
    assert [(c.relation, c.status) for c in checks] == [("task_share", "consistent")]
    assert [c.status for c in check_text(text.replace(" 52.8", " 58.2"))[1]] == ["inconsistent"]


def test_the_report_and_its_table_state_one_figure() -> None:
    body = "全年全市实现地区生产总值3052.8亿元，增长5.6%。主要指标见附表。\n"
    _, checks = check_text(HEAD + body + TABS)
    assert [(c.relation, c.status) for c in checks if c.relation == "repeat"] == [
        ("repeat", "consistent"), ("repeat", "consistent")]
    _, checks = check_text(HEAD + body.replace("增长5.6%", "增长5.8%") + TABS)
    assert [(c.relation, c.status, str(c.stated)) for c in checks if c.status == "inconsistent"] == [
        ("repeat", "inconsistent", "5.6")]


@pytest.mark.parametrize(
    ("cell", "value", "high", "bound", "percent"),
    [("6左右", "6", None, "approx", False), ("5.5以内", "5.5", None, "le", False), ("≥3", "3", None, "ge", False),
     ("5-5.5", "5", "5.5", "range", False), ("-2.3", "-2.3", None, "eq", False), ("12.5%", "12.5", None, "eq", True)],
)
def test_cells(cell: str, value: str, high: str | None, bound: str, percent: bool) -> None:
    number = parse_cell(cell)
    assert number is not None
    assert (number.value, number.high, number.bound, number.percent) == (value, high, bound, percent)


def test_words_and_dashes_are_no_numbers_and_lines_of_prose_no_rows() -> None:
    assert parse_cell("—") is None and parse_cell("完成") is None
    doc = parse_document(HEAD + "指标体系不断完善，主要指标完成情况良好。\n全年完成投资12亿元。\n")
    assert doc.tables == []


def test_a_markdown_table_of_tasks_with_units_in_its_cells() -> None:
    text = ("关于某区2021年国民经济和社会发展计划上半年执行情况的报告\n\n"
            "| 任务 | 牵头单位 | 全年目标 | 完成 | 完成率 | 序时进度 | 状态 |\n"
            "| :--- | :--- | ---: | ---: | ---: | ---: | :---: |\n"
            "| 拆除违法建设 | 区城管执法局 | 210万平方米 | 91.4万平方米 | 43.5% | 49.6% | 基本同步 |\n"
            "| 腾退土地 | 区规划自然资源分局 | 220公顷 | 109.7公顷 | 49.9% | 49.6% | 超序时进度 |\n"
            "| 朝阳绿道示范段 | 区园林绿化局 | 9月底前基本达到通行条件 | — | — | 50.0% | 未报进度 |\n")
    facts, checks = check_text(text)
    assert [(f.subject, f.column, f.value, f.unit) for f in facts][:3] == [
        ("拆除违法建设", "target", Decimal("2100000"), "平方米"), ("拆除违法建设", "actual", Decimal("914000.0"), "平方米"),
        ("拆除违法建设", "completion", Decimal("43.5"), "%")]
    assert [(c.relation, c.subject, c.status) for c in checks] == [
        ("task_share", "拆除违法建设", "consistent"), ("task_share", "腾退土地", "consistent")]
    assert [c.status for c in check_text(text.replace("| 49.9% |", "| 59.9% |"))[1]] == ["consistent", "inconsistent"]
