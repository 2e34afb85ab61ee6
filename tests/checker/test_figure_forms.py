"""The figure forms of issue 12: ranges, 倍, measure words, 万 with no measure word, ranks, durations, 以内/内,
names with numerals, Chinese numerals in all forms, structure ratios, and the warnings for unreadable digits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.checker import check_report
from planwatch.checker.facts import find_facts

HEAD = "关于某区2021年国民经济和社会发展计划上半年执行情况的报告\n一、上半年计划执行情况\n"


def facts(sentence: str):
    return find_facts(HEAD + sentence)


def one(sentence: str):
    found = facts(sentence)
    assert len(found) == 1, [(f.text, f.unit) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high", "unit", "kind"),
    [
        ("力争增长5%-5.5%。", "5%-5.5%", "5", "5.5", "%", "growth"),
        ("年均增长6～7%。", "6～7%", "6", "7", "%", "growth"),
        ("计划投资3-5亿元。", "3-5亿元", "300000000", "500000000", "元", "amount"),
        ("预计完成8至10个。", "8至10个", "8", "10", "个", "amount"),
    ],
)
def test_ranges_are_two_sided(sentence: str, text: str, low: str, high: str, unit: str, kind: str) -> None:
    f = one(sentence)
    assert (f.text, f.bound, f.low, f.high, f.unit, f.kind) == (text, "range", Decimal(low), Decimal(high), unit, kind)
    data = f.as_json()
    assert data["bound"] == "range" and data["low"] == Decimal(low) and data["high"] == Decimal(high)
    iv = f.interval()  # every value the range allows, with the rounding of its ends
    assert iv.lo <= Decimal(low) and iv.hi >= Decimal(high)


def test_dates_and_month_spans_are_no_ranges() -> None:
    assert facts("1-5月，2023-2025年，4-6月逐月提升。") == []


@pytest.mark.parametrize(
    ("sentence", "value", "kind"),
    [
        ("进出口额增长2.3倍。", "230", "growth"),
        ("进出口额是去年的2.3倍。", "230", "share"),
        ("营业收入为上年同期的1.5倍。", "150", "share"),
        ("研发投入翻了一番。", "100", "growth"),
        ("经济总量翻两番。", "300", "growth"),
    ],
)
def test_times(sentence: str, value: str, kind: str) -> None:
    f = one(sentence)
    assert (f.value, f.unit, f.kind) == (Decimal(value), "%", kind)


def test_times_of_last_year_is_this_period() -> None:
    assert one("进出口额是去年的2.3倍。").period == "2021H1"


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("召开15次会议。", "15", "次"),
        ("举办3场招聘会。", "3", "场"),
        ("参观人数突破36.5万。", "365000", "人"),
        ("接待游客达到120万人次。", "1200000", "人次"),
        ("连续6个月保持增长。", "6", "月"),
        ("连续四年获评先进。", "4", "年"),
        ("审批时限压缩到3个工作日。", "3", "工作日"),
    ],
)
def test_measure_words_and_durations(sentence: str, value: str, unit: str) -> None:
    f = one(sentence)
    assert (f.value, f.unit) == (Decimal(value), unit)


def test_wan_with_no_measure_word_and_no_telling_subject_is_no_fact() -> None:
    assert facts("规模突破36.5万，位居前列。") == []


@pytest.mark.parametrize(
    ("sentence", "value", "bound"),
    [
        ("增速居全市第三。", 3, "eq"),
        ("营商环境评价排名前五。", 5, "le"),
        ("税收总量位居全市首位。", 1, "eq"),
        ("综合考核名列全省第2位。", 2, "eq"),
    ],
)
def test_chinese_ranks(sentence: str, value: int, bound: str) -> None:
    f = one(sentence)
    assert (f.kind, f.value, f.unit, f.bound, f.scope) == ("rank", Decimal(value), "名", bound, "")


@pytest.mark.parametrize(("sentence", "bound"), [("诉求48小时内办结。", "le"), ("审批控制在5个工作日以内。", "le")])
def test_upper_bounds_in_nei(sentence: str, bound: str) -> None:
    assert one(sentence).bound == bound


@pytest.mark.parametrize(
    "sentence",
    ["汽车零部件产业加快集聚。", "推进二次供水设施改造。", "三次产业协调发展。", "区十六届人大七次会议召开。",
     "前五大行业占比提高。", "围绕“四个中心”建设。", "江苏、浙江等15个省份。"],
)
def test_names_with_numerals_are_no_facts(sentence: str) -> None:
    assert [f.text for f in facts(sentence) if f.kind != "amount" or f.unit != "个"] == []
    assert all(f.text != "零部" for f in facts(sentence))


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "bound"),
    [
        ("梳理惠企政策百余项。", "100", "项", "ge"),
        ("培训技能人才千余名。", "1000", "名", "ge"),
        ("帮助企业融资超百亿元。", "10000000000", "元", "gt"),
        ("新增停车位三千六百个。", "3600", "个", "eq"),
        ("服务企业近千家。", "1000", "家", "lt"),
        ("惠及居民两千三百余户。", "2300", "户", "ge"),
        ("占比百分之三十八点一。", "38.1", "%", "eq"),
    ],
)
def test_chinese_numerals_in_all_forms(sentence: str, value: str, unit: str, bound: str) -> None:
    f = one(sentence)
    assert (f.value, f.unit, f.bound) == (Decimal(value), unit, bound)


def test_structure_ratios_are_three_shares_of_one_group() -> None:
    found = facts("三次产业结构调整为0.3∶12.5∶87.2。")
    assert [(f.value, f.kind, f.role) for f in found] == [
        (Decimal("0.3"), "share", "structure"), (Decimal("12.5"), "share", "structure"),
        (Decimal("87.2"), "share", "structure"),
    ]
    assert len({f.group for f in found}) == 1
    assert [f.value for f in facts("三次产业比例为4.5:38.2:57.3，会议时间10:30。")] == [
        Decimal("4.5"), Decimal("38.2"), Decimal("57.3")]


@pytest.mark.parametrize(
    ("sentence", "run", "reason"),
    [("完成投资12,34亿元。", "12,34", "grouping"), ("增长1.2.3%。", "1.2.3", "points"),
     ("收入1,2345万元。", "1,2345", "grouping")],
)
def test_an_unreadable_digit_run_warns_and_gives_no_partial_value(sentence: str, run: str, reason: str) -> None:
    result = check_report(HEAD + sentence)
    assert result.facts == []
    assert [(w.text, w.reason) for w in result.warnings] == [(run, reason)]


def test_versions_and_dates_are_not_unreadable() -> None:
    result = check_report(HEAD + "上线V2.1.3版本，4.0.1版发布，2021.6.30召开会议，营商环境4.0版改革。")
    assert result.warnings == []


def test_lists_of_numerals_share_the_unit_after_the_last() -> None:
    found = facts("固定资产投资增长34.5%，比全省和全国分别高17.2、23.1个百分点。")
    assert [(f.text, f.unit, f.kind) for f in found][1:] == [("17.2", "pp", "pp_change"), ("23.1个百分点", "pp", "pp_change")]
