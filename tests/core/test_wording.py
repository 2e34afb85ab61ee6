"""Number formatting: scales, decimals as published, growth words by sign, percentage points."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.core import wording
from planwatch.core.figures import Figure, published


def fig(text: str, unit: str = "%") -> Figure:
    return published(Decimal(text), unit, "observation")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("13.5", "增长13.5%"), ("-1", "下降1%"), ("-0.5", "下降0.5%"), ("0", "持平"), ("-5.16", "下降5.16%")],
)
def test_growth_word_follows_sign(value: str, expected: str) -> None:
    assert wording.growth_zh(fig(value)) == expected


def test_never_grows_by_a_negative() -> None:
    for v in ("-1", "-0.04", "-12"):
        assert "增长-" not in wording.growth_zh(fig(v))
        assert "up -" not in wording.growth_en(fig(v))


def test_computed_rate_rounds_half_up_to_one_decimal() -> None:
    # (1 + 7.9%) ^ (1/2) − 1 = 3.8749… → 3.9; a value of exactly x.x5 rounds up, not to even
    assert wording.growth_zh(Figure(Decimal("3.8749"), "%", 1, "computation")) == "增长3.9%"
    assert wording.growth_zh(Figure(Decimal("0.25"), "%", 1, "computation")) == "增长0.3%"
    assert wording.growth_zh(Figure(Decimal("-0.25"), "%", 1, "computation")) == "下降0.3%"


def test_tiny_fall_that_prints_as_zero_is_flat() -> None:
    assert wording.growth_zh(Figure(Decimal("-0.04"), "%", 1, "computation")) == "持平"


def test_trailing_zeros_as_published() -> None:
    assert wording.amount_zh(fig("298", "亿元")) == "298亿元"
    assert wording.amount_zh(fig("2.05", "%")) == "2.05%"
    assert wording.amount_zh(fig("13.50", "%")) == "13.50%"


def test_percentage_points() -> None:
    assert wording.pp_zh(fig("1.6", "pp")) == "提高1.6个百分点"
    assert wording.pp_zh(fig("-2", "pp")) == "下降2个百分点"
    assert wording.pp_abs_zh(fig("-44.1", "pp")) == "44.1个百分点"
    assert wording.pp_en(fig("1.6", "pp")) == "up 1.6 percentage points"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("3640.7", "亿元", "364.07 billion yuan"),
        ("298", "亿元", "29.8 billion yuan"),
        ("91.4", "万平方米", "914 thousand square metres"),
        ("4432.8", "万元", "44.328 million yuan"),
        ("33.6", "亿美元", "3.36 billion US dollars"),
        ("27.5", "公顷", "27.5 hectares"),
        ("2.05", "%", "2.05%"),
        ("210", "万平方米", "2.1 million square metres"),
        ("0.18", "万亩", "1.8 thousand mu"),
        ("5", "项", "5 items"),
        ("2281", "个", "2281"),
        ("12", "吨", "12 tonnes"),
        ("3", "台", "3 台"),  # a unit with no English name stays as written rather than vanishing
    ],
)
def test_english_scales(value: str, unit: str, expected: str) -> None:
    assert wording.amount_en(fig(value, unit)) == expected


def test_english_growth_and_base() -> None:
    assert wording.growth_en(fig("13.5")) == "up 13.5%"
    assert wording.growth_en(fig("-6.7")) == "down 6.7%"
    assert wording.vs_base_en(fig("7.9")) == "7.9% above"
    assert wording.vs_base_en(fig("-1")) == "1% below"


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (6, "六"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")])
def test_section_numerals(n: int, text: str) -> None:
    assert wording.cn_numeral(n) == text


def test_ranks() -> None:
    assert wording.rank_zh(fig("11", "名")) == "第11名"
    assert [wording.rank_en(fig(str(n), "名")) for n in (1, 2, 3, 11, 12, 21)] == ["1st", "2nd", "3rd", "11th", "12th", "21st"]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("1234567890", "元", "12.35亿元"),
        ("38903", "元", "38903元"),  # per-capita income stays in 元
        ("123456", "万元", "12.35亿元"),
        ("4432.8", "万元", "4432.8万元"),
        ("99999", "万元", "99999万元"),
        ("298", "亿元", "298亿元"),
    ],
)
def test_money_in_yi_yuan_once_large(value: str, unit: str, expected: str) -> None:
    assert wording.amount_zh(fig(value, unit)) == expected


def test_dates_as_reports_say_them() -> None:
    """One date function per language: in full by default, as a report's prose says it ``in_year``."""
    import datetime as dt

    assert wording.date_zh(dt.date(2021, 6, 30)) == "2021年6月30日"
    assert wording.date_en(dt.date(2021, 5, 31)) == "May 31, 2021"
    assert wording.date_zh(dt.date(2021, 6, 30), in_year=True) == "6月底"
    assert wording.date_zh(dt.date(2021, 2, 28), in_year=True) == "2月底"
    assert wording.date_zh(dt.date(2021, 7, 15), in_year=True) == "7月15日"
    assert wording.date_en(dt.date(2021, 6, 30), in_year=True) == "the end of June"
    assert wording.date_en(dt.date(2021, 7, 15), in_year=True) == "July 15"


@pytest.mark.parametrize(("period", "kw", "zh", "en"), [
    ("2021", {}, "2021年", "2021"),
    ("2021H1", {}, "2021年上半年", "the first half of 2021"),
    ("2021Q3", {}, "2021年三季度", "Q3 2021"),
    ("2021-06", {}, "2021年6月", "June 2021"),
    ("2021-06", {"cumulative": True}, "2021年1-6月", "January–June 2021"),
    ("2021-01", {"cumulative": True}, "2021年1月", "January 2021"),
    ("2021-06", {"in_year": 2021}, "6月份", "June"),
    ("2021H1", {"in_year": 2021}, "上半年", "the first half"),
    ("2021", {"in_year": 2021}, "全年", "the year"),
    ("2020H1", {"in_year": 2021}, "2020年上半年", "the first half of 2020"),
])
def test_periods_in_words(period: str, kw: dict[str, object], zh: str, en: str) -> None:
    """GIVEN one canonical period string THEN one function writes it, whoever shows it (issue 9 found
    2021年6月, 2021年1-6月 and 2021年-06 for the same 2021-06)."""
    assert wording.period_zh(period, **kw) == zh  # type: ignore[arg-type]
    assert wording.period_en(period, **kw) == en  # type: ignore[arg-type]


def test_short_english_periods_for_tables() -> None:
    assert wording.period_en("2021H1", short=True) == "H1 2021"
    assert wording.period_en("2021-06", short=True, cumulative=True) == "Jan–Jun 2021"
    assert wording.period_en("2021-06", short=True) == "Jun 2021"
