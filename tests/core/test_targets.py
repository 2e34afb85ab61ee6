"""Targets: whether a figure meets one, and reading the plan's wordings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.core.model import TargetKind
from planwatch.core.targets import evaluate, parse_due, parse_target_text

D = Decimal
K = TargetKind


def test_growth_at_least() -> None:
    r = evaluate(K.GROWTH_AT_LEAST, D(6), growth_pct=D("13.5"))
    assert r.met is True and r.gap == D("7.5")
    assert "13.5%" in r.text_zh and "7.5个百分点" in r.text_zh
    r = evaluate(K.GROWTH_AT_LEAST, D(6), growth_pct=D("4.2"))
    assert r.met is False and r.gap == D("-1.8")
    assert "未达到" in r.text_zh and "misses" in r.text_en
    assert evaluate(K.GROWTH_AT_LEAST, D(6), growth_pct=D("6.0")).met is True


def test_published_figures_compare_as_written() -> None:
    # 5.95 is published with two decimals: it is below 6, whatever rounding to one decimal would give
    r = evaluate(K.GROWTH_AT_LEAST, D(6), growth_pct=D("5.95"))
    assert r.met is False and not r.marginal
    # a published 6.0 against a target of 6.04: as written it misses, but the truth may be either side
    r = evaluate(K.GROWTH_AT_LEAST, D("6.04"), growth_pct=D("6.0"))
    assert r.met is False and r.marginal


def test_computed_figures_are_rounded_to_their_published_decimals_first() -> None:
    assert evaluate(K.GROWTH_AT_LEAST, D(6), growth_pct=D("5.96"), decimals=1).met is True
    assert evaluate(K.GROWTH_AT_LEAST, D(6), growth_pct=D("5.94"), decimals=1).met is False


def test_growth_at_most() -> None:
    assert evaluate(K.GROWTH_AT_MOST, D(3), growth_pct=D("2.5")).met is True
    r = evaluate(K.GROWTH_AT_MOST, D(3), growth_pct=D("3.4"))
    assert r.met is False and r.gap == D("-0.4")


def test_reduction_at_least_reads_a_fall() -> None:
    # 万元GDP能耗下降5.16% meets "下降3%"
    r = evaluate(K.REDUCTION_AT_LEAST, D(3), growth_pct=D("-5.16"))
    assert r.met is True and r.gap == D("2.16")
    assert "下降5.16%" in r.text_zh
    assert evaluate(K.REDUCTION_AT_LEAST, D(3), growth_pct=D("-2.9")).met is False
    assert evaluate(K.REDUCTION_AT_LEAST, D(3), growth_pct=D("1.0")).met is False


def test_levels_and_rates() -> None:
    assert evaluate(K.LEVEL_AT_LEAST, D(210), level=D("211"), unit="万平方米").met is True
    r = evaluate(K.LEVEL_AT_LEAST, D(210), level=D("91.4"), unit="万平方米")
    assert r.met is False and r.gap == D("-118.6") and "118.6万平方米" in r.text_zh
    assert evaluate(K.LEVEL_AT_MOST, D(100), level=D(100)).met is True
    assert evaluate(K.LEVEL_AT_MOST, D(100), level=D(101)).met is False
    assert evaluate(K.RATE_AT_LEAST, D(90), level=D("98"), unit="%").met is True
    assert evaluate(K.RATE_AT_LEAST, D(90), level=D("89.9"), unit="%").met is False
    r = evaluate(K.RATE_AT_MOST, D("4.5"), level=D("2.05"), unit="%")
    assert r.met is True and r.gap == D("2.45")


def test_missing_figure_or_target_is_undecided() -> None:
    assert evaluate(K.GROWTH_AT_LEAST, None, growth_pct=D(5)).met is None
    assert evaluate(K.GROWTH_AT_LEAST, D(6)).met is None
    assert evaluate(K.LEVEL_AT_LEAST, D(6), growth_pct=D(7)).met is None  # a level target reads the level


def test_milestones() -> None:
    due = dt.date(2021, 9, 30)
    assert evaluate(K.MILESTONE, None, done_by=dt.date(2021, 9, 1), due=due).met is True
    assert evaluate(K.MILESTONE, None, done_by=due, due=due).met is True
    late = evaluate(K.MILESTONE, None, done_by=dt.date(2021, 10, 5), due=due)
    assert late.met is False and late.gap == D(-5)
    overdue = evaluate(K.MILESTONE, None, due=due, on=dt.date(2021, 10, 1))
    assert overdue.met is False and "逾期1天" in overdue.text_zh
    assert evaluate(K.MILESTONE, None, due=due, on=dt.date(2021, 6, 30)).met is None
    assert evaluate(K.MILESTONE, None, due=due, on=due).met is None


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "due"),
    [
        ("增长6%以上", K.GROWTH_AT_LEAST, "6", "%", None),
        ("地区生产总值增长6%左右", K.GROWTH_AT_LEAST, "6", "%", None),
        ("增长控制在3%以内", K.GROWTH_AT_MOST, "3", "%", None),
        ("能源消费总量增长2%以内", K.GROWTH_AT_MOST, "2", "%", None),
        ("PM2.5年均浓度控制在35微克/立方米以内", K.LEVEL_AT_MOST, "35", "微克/立方米", None),
        ("全年拆违面积不少于210万平方米", K.LEVEL_AT_LEAST, "210", "万平方米", None),
        ("腾退土地不少于220公顷", K.LEVEL_AT_LEAST, "220", "公顷", None),
        ("城镇登记失业率控制在4.5%以内", K.RATE_AT_MOST, "4.5", "%", None),
        ("万元GDP能耗下降3%", K.REDUCTION_AT_LEAST, "3", "%", None),
        ("综合达标率达到90%", K.RATE_AT_LEAST, "90", "%", None),
        ("力争5家企业上市", K.LEVEL_AT_LEAST, "5", "家", None),
        ("新增养老床位590张", K.LEVEL_AT_LEAST, "590", "张", None),
        ("全年新增改造绿化面积500公顷", K.LEVEL_AT_LEAST, "500", "公顷", None),
        ("全年安装不少于7000个电动自行车智能充电桩", K.LEVEL_AT_LEAST, "7000", "个", None),
        ("9月底前朝阳绿道 9.5 公里示范段基本达到通行条件", K.MILESTONE, None, "", dt.date(2021, 9, 30)),
        ("力争年底前实现运营", K.MILESTONE, None, "", dt.date(2021, 12, 31)),
        ("力争在第三季度基本完成专项行动年度任务", K.MILESTONE, None, "", dt.date(2021, 9, 30)),
        ("十月底前完成", K.MILESTONE, None, "", dt.date(2021, 10, 31)),
    ],
)
def test_parse_target_text(text: str, kind: TargetKind, value: str | None, unit: str, due: dt.date | None) -> None:
    parsed = parse_target_text(text, year=2021)
    assert parsed is not None
    assert parsed == (kind, D(value) if value else None, unit, due)


def test_parse_target_text_without_a_target() -> None:
    assert parse_target_text("加强宣传力度") is None
    assert parse_target_text("") is None


def test_due_needs_a_year() -> None:
    assert parse_due("9月底前", None) is None
    assert parse_due("2022年3月底前", None) == dt.date(2022, 3, 31)
    assert parse_due("2月底前", 2020) == dt.date(2020, 2, 29)
    assert parse_due("全年拆违", 2021) is None
