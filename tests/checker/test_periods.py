"""The report's period and region from its title, each clause's period, bases, and next year's plan."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.checker.document import parse_document
from planwatch.checker.facts import find_facts
from planwatch.checker.periods import base_period, part_period, period_in, previous_period


@pytest.mark.parametrize(
    ("head", "year", "part", "level"),
    [
        ("关于朝阳区2021年国民经济和社会发展计划上半年执行情况的报告", 2021, "H1", "district"),
        ("关于云州市2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案的报告\n"
         "——2023年1月12日在云州市第十六届人民代表大会第二次会议上", 2022, "", "city"),
        ("关于西川省2023年上半年国民经济和社会发展计划执行情况的报告", 2023, "H1", "province"),
        ("关于平山区二〇二三年国民经济和社会发展计划执行情况的报告", 2023, "", "district"),
        ("关于我市国民经济和社会发展计划执行情况的报告\n——2024年1月10日在市人民代表大会上\n一、2023年计划执行情况",
         2023, "", "city"),
        ("该区上半年经济运行情况\n今年以来，该区地区生产总值增长6%，高于全市0.5个百分点。", None, "", "district"),
    ],
)
def test_period_and_level_from_the_title_not_the_meeting_date(head: str, year: int | None, part: str, level: str) -> None:
    doc = parse_document(head + "\n")
    assert (doc.year, doc.part, doc.level) == (year, part, level)


@pytest.mark.parametrize(
    ("written", "period"),
    [("上半年", "2023H1"), ("下半年", "2023H2"), ("一季度", "2023Q1"), ("二季度", "2023Q2"), ("前三季度", "2023Q1-Q3"),
     ("1-5月", "2023M1-M5"), ("1-6月", "2023H1"), ("1-9月", "2023Q1-Q3"), ("6月份", "2023-06"), ("全年", "2023")],
)
def test_part_periods(written: str, period: str) -> None:
    assert part_period(2023, written) == period


def test_a_base_is_not_the_clause_period() -> None:
    assert period_in("比2019年上半年增长", 2021) == ""
    assert period_in("一季度下降", 2023) == "2023Q1"
    assert period_in("降幅较一季度收窄", 2023) == ""
    assert base_period("降幅较一季度收窄", 2023, "2023H1") == "2023Q1"
    assert base_period("增速比1-5月加快", 2023, "2023H1") == "2023M1-M5"
    assert base_period("增速较5月份加快", 2023, "2023-06") == "2023-05"
    assert base_period("环比上涨", 2023, "2023-06") == "2023-05"
    assert previous_period("2023Q1") == "2022Q4" and previous_period("2023-01") == "2022-12"


HEAD = "关于某区2023年国民经济和社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"


def test_clauses_of_a_half_year_report_get_their_periods() -> None:
    text = HEAD + (
        "一季度，全区地区生产总值同比增长4.7%。1-5月，建筑业总产值下降7.5%；6月份增长7.3%，为年内最高。"
        "上半年，全区地区生产总值同比增长5.9%，增速较一季度提高1.2个百分点。6月份，居民消费价格环比下降0.2%。\n"
    )
    got = [(f.text, f.period, f.basis, f.base_period) for f in find_facts(text)]
    assert got == [
        ("4.7%", "2023Q1", "yoy", ""), ("7.5%", "2023M1-M5", "none", ""), ("7.3%", "2023-06", "none", ""),
        ("5.9%", "2023H1", "yoy", ""), ("1.2个百分点", "2023H1", "vs_period", "2023Q1"),
        ("0.2%", "2023-06", "vs_period", "2023-05"),
    ]


def test_a_period_named_mid_sentence_holds_until_a_new_subject() -> None:
    text = HEAD + "从季度看，一季度全区一般公共预算收入完成41.2亿元，同比增长3.8%；其中民间投资增长2.8%。\n"
    assert [(f.text, f.period) for f in find_facts(text)] == [
        ("41.2亿元", "2023Q1"), ("3.8%", "2023Q1"), ("2.8%", "2023H1")]


def test_last_years_level_and_the_base_of_a_ratio() -> None:
    text = HEAD + "新能源汽车产量达到4.6万辆，去年同期为19862辆，增长1.3倍。进出口额是去年同期的2.1倍。\n"
    assert [(f.text, f.period) for f in find_facts(text)] == [
        ("4.6万辆", "2023H1"), ("19862辆", "2022H1"), ("1.3倍", "2023H1"), ("2.1倍", "2023H1")]


def test_fall_narrowing_is_a_rise_in_points() -> None:
    text = HEAD + "固定资产投资同比下降3.2%，降幅比一季度收窄2.5个百分点；增速较一季度回落1.3个百分点；降幅扩大0.4个百分点。\n"
    assert [(f.text, f.value) for f in find_facts(text) if f.kind == "pp_change"] == [
        ("2.5个百分点", Decimal("2.5")), ("1.3个百分点", Decimal("-1.3")), ("0.4个百分点", Decimal("-0.4"))]


def test_an_annual_reports_plan_section_is_next_years_target() -> None:
    text = (
        "关于某区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
        "一、2023年计划执行情况\n区人代会确定的目标是地区生产总值增长6%左右。全年地区生产总值增长6.2%。\n"
        "二、2024年经济社会发展主要预期目标\n地区生产总值增长5.5%左右。\n"
    )
    got = [(f.text, f.modality, f.period) for f in find_facts(text)]
    assert got == [("6%", "target", "2023"), ("6.2%", "actual", "2023"), ("5.5%", "target", "2024")]


def test_gaps_to_other_regions_are_signed_and_name_the_other_side() -> None:
    text = HEAD + "全区规模以上工业增加值增长7.8%，高于全市0.4个百分点；城镇调查失业率4.6%，低于全市平均水平0.3个百分点。\n"
    gaps = [(f.value, f.basis, f.against, f.subject) for f in find_facts(text) if f.kind == "pp_change"]
    assert gaps == [(Decimal("0.4"), "vs_other", "全市", "规模以上工业增加值"),
                    (Decimal("-0.3"), "vs_other", "全市", "城镇调查失业率")]
    scopes = [(f.text, f.scope) for f in find_facts(HEAD + "全区增长7.8%，全市增长7.4%，全省增长6.9%，全国增长5.0%。\n")]
    assert scopes == [("7.8%", ""), ("7.4%", "city"), ("6.9%", "province"), ("5.0%", "nation")]
