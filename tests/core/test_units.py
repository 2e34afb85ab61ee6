"""Unit parsing, compatibility and conversion."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.core.units import Unit, UnitError, compatible, convert, match_unit, parse_unit

D = Decimal


@pytest.mark.parametrize(
    ("text", "base", "factor"),
    [
        ("亿元", "元", D(10) ** 8),
        ("万元", "元", D(10) ** 4),
        ("元", "元", D(1)),
        ("万平方米", "平方米", D(10) ** 4),
        ("万平米", "平方米", D(10) ** 4),
        ("万人", "人", D(10) ** 4),
        ("%", "%", D(1)),
        ("％", "%", D(1)),
        ("pp", "pp", D(1)),
        ("个百分点", "pp", D(1)),
        ("公顷", "平方米", D(10) ** 4),
        ("张", "张", D(1)),
        ("个", "个", D(1)),
        ("套", "套", D(1)),
        ("万套", "套", D(10) ** 4),
        ("家", "家", D(1)),
        ("微克/立方米", "克/立方米", D("0.000001")),
        ("亿美元", "美元", D(10) ** 8),
        ("万亿元", "元", D(10) ** 12),
        ("千人", "人", D(1000)),
        ("百万元", "元", D(10) ** 6),
        ("公里", "米", D(1000)),
        ("万亩", "平方米", D(10) ** 4 * D(10000) / D(15)),
        ("", "", D(1)),
        (" 亿 元 ", "元", D(10) ** 8),
    ],
)
def test_parse_unit(text: str, base: str, factor: Decimal) -> None:
    unit = parse_unit(text)
    assert unit.base == base
    assert abs(unit.factor - factor) <= factor * D("1e-25")


def test_parse_errors() -> None:
    with pytest.raises(UnitError):
        parse_unit("元/")
    with pytest.raises(UnitError):
        parse_unit("5元")


def test_compatible() -> None:
    assert compatible("亿元", "万元")
    assert compatible("公顷", "万平方米")
    assert compatible(Unit("元", D(1)), "亿元")
    assert not compatible("亿元", "亿美元")
    assert not compatible("%", "pp")
    assert not compatible("张", "个")
    assert not compatible("万平方米", "万人")


def test_convert() -> None:
    assert convert(D("3640.7"), "亿元", "万元") == D(36407000)
    assert convert(D("298"), "亿元", "亿元") == D("298")
    assert convert(D("1"), "公顷", "万平方米") == D(1)
    assert convert(D("109.7"), "公顷", "平方米") == D(1097000)
    assert convert(D("4.44"), "万套", "套") == D(44400)
    assert abs(convert(D(15), "亩", "公顷") - D(1)) < D("1e-20")


def test_convert_incompatible_is_planwatchs_own_error() -> None:
    """A unit error is bad data, told to the user: planwatch's own error type, not a bare ValueError that
    a bug could raise too."""
    from planwatch.core.errors import PlanwatchError

    with pytest.raises(UnitError) as err:
        convert(D(1), "亿元", "平方米")
    assert isinstance(err.value, PlanwatchError) and not isinstance(err.value, ValueError)
    assert "亿元" in str(err.value) and "平方米" in str(err.value)


def test_match_unit_reads_the_longest_unit() -> None:
    assert match_unit("万平方米、腾退土地") == "万平方米"
    assert match_unit("家企业上市") == "家"
    assert match_unit("公顷。") == "公顷"
    assert match_unit("项任务") == "项"
    assert match_unit("企业") == ""
