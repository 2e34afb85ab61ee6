"""Periods: parsing, labels, year-to-date spans and the share of the year elapsed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.core.periods import (
    Convention,
    Granularity,
    Period,
    PeriodError,
    period_elapsed,
    single_period_values,
    year_elapsed,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "first", "last", "gran", "canonical"),
    [
        ("2021", 1, 12, Granularity.YEAR, "2021"),
        ("2021H1", 1, 6, Granularity.HALF, "2021H1"),
        ("2021h2", 7, 12, Granularity.HALF, "2021H2"),
        ("2021Q2", 4, 6, Granularity.QUARTER, "2021Q2"),
        ("2021-06", 6, 6, Granularity.MONTH, "2021-06"),
        ("2021-6", 6, 6, Granularity.MONTH, "2021-06"),
        (" 2021Q4 ", 10, 12, Granularity.QUARTER, "2021Q4"),
    ],
)
def test_parse_and_canonical_form(text: str, first: int, last: int, gran: Granularity, canonical: str) -> None:
    p = Period.parse(text)
    assert (p.first, p.last, p.granularity) == (first, last, gran)
    assert str(p) == canonical
    assert Period.parse(str(p)) == p


@pytest.mark.parametrize("text", ["2021H3", "2021Q5", "2021-13", "2021-00", "21H1", "2021年上半年", "", "H1 2021"])
def test_parse_errors_name_the_text(text: str) -> None:
    with pytest.raises(PeriodError) as err:
        Period.parse(text)
    assert repr(text.strip()) in str(err.value) or "month out of range" in str(err.value)


def test_labels() -> None:
    assert Period.parse("2021H1").label_zh() == "2021年上半年"
    assert Period.parse("2021H2").label_en() == "the second half of 2021"
    assert Period.parse("2021Q3").label_zh() == "2021年三季度"
    assert Period.parse("2021-06").label_zh() == "2021年6月"
    assert Period.parse("2021").label_zh() == "2021年"
    assert Period.parse("2021Q2").cumulative().label_zh() == "2021年上半年"
    assert Period.parse("2021-09").cumulative().label_zh() == "2021年1-9月"


def test_spans() -> None:
    h1 = Period.parse("2021H1")
    assert (h1.start, h1.end, h1.months) == (dt.date(2021, 1, 1), dt.date(2021, 6, 30), 6)
    assert str(h1.shift_years(-2)) == "2019H1"
    assert str(Period.parse("2021Q3").previous()) == "2021Q2"
    assert Period.parse("2021Q1").previous() is None
    assert Period.parse("2020-02").end == dt.date(2020, 2, 29)  # leap year
    assert Period.parse("2021-02").end == dt.date(2021, 2, 28)


def test_elapsed_by_days_and_by_months() -> None:
    june30 = dt.date(2021, 6, 30)
    assert year_elapsed(june30, Convention.DAYS) == D(181) / D(365)
    assert year_elapsed(june30, "months") == D("0.5")
    assert period_elapsed("2021H1", "months") == D("0.5")
    assert period_elapsed("2021", "days") == D(1)
    assert period_elapsed("2021", "months") == D(1)
    assert year_elapsed(dt.date(2021, 1, 1), "days") == D(1) / D(365)


def test_elapsed_in_a_leap_year() -> None:
    assert year_elapsed(dt.date(2020, 6, 30), "days") == D(182) / D(366)
    assert year_elapsed(dt.date(2020, 2, 29), "months") == D(2) / D(12)
    assert year_elapsed(dt.date(2020, 2, 15), "months") == (D(1) + D(15) / D(29)) / D(12)
    assert year_elapsed(dt.date(2020, 12, 31), "days") == D(1)


def test_single_period_values_from_cumulative() -> None:
    cum = {Period.parse("2021Q1"): D(100), Period.parse("2021Q2"): D(250), Period.parse("2021Q3"): D(330)}
    single = single_period_values(cum)
    assert [single[p] for p in sorted(cum, key=lambda p: p.last)] == [D(100), D(150), D(80)]
