"""The checker knows through the catalogue that two names are one indicator (单位GDP能耗 = 万元地区生产总值能耗)."""

from __future__ import annotations

from planwatch.checker import check_text
from planwatch.checker.scopes import canonical

TEXT = """关于东山区2023年国民经济和社会发展计划执行情况的报告

一、2023年计划执行情况

全区社消零总额完成312.6亿元，单位GDP能耗下降3.1%。

（一）消费与能源。社会消费品零售总额312.6亿元，增长6.2%。万元地区生产总值能耗下降{energy}%。
"""


def test_variants_of_one_indicator_share_a_canonical_name() -> None:
    assert canonical("单位GDP能耗") == canonical("万元地区生产总值能耗") == "单位地区生产总值能耗"
    assert canonical("社消零总额") == canonical("社零额") == "社会消费品零售总额"
    assert canonical("全市地区生产总值") == canonical("GDP") == "GDP"
    assert canonical("区级一般公共预算收入") != canonical("一般公共预算收入")  # 区级 and 全区 budgets differ


def test_a_figure_stated_under_two_names_is_checked_once_against_the_other() -> None:
    _facts, checks = check_text(TEXT.format(energy="3.1"))
    repeats = {c.subject for c in checks if c.relation == "repeat" and c.status == "consistent"}
    assert {"万元地区生产总值能耗", "社会消费品零售总额"} <= repeats
    _facts, checks = check_text(TEXT.format(energy="3.6"))
    (wrong,) = [c for c in checks if c.status == "inconsistent"]
    assert wrong.relation == "repeat" and str(wrong.stated) == "-3.6"
