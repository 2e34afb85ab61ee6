"""What cn2an reads right and wrong, and the rule layer we keep on top of it."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest

from planwatch.checker.numbers import NumeralError, decimals_written, parse_numeral


@pytest.mark.parametrize(
    ("text", "value"),
    [("三千六百", 3600), ("十八", 18), ("一百零五", 105), ("二十", 20), ("五十", 50), ("一千二百三十四", 1234)],
)
def test_cn2an_reads_ordinary_numerals(text: str, value: int) -> None:
    assert cn2an.cn2an(text, "normal") == value
    assert parse_numeral(text) == Decimal(value)


def test_cn2an_limits_that_our_layer_handles() -> None:
    # strict mode refuses 两, which reports write all the time (两个站点): we read it ourselves
    with pytest.raises(ValueError):
        cn2an.cn2an("两", "strict")
    assert parse_numeral("两") == 2
    # a bare 百 start (百万亩) is refused: our figure pattern never hands it over (a programme name)
    with pytest.raises(ValueError):
        cn2an.cn2an("百万", "normal")
    # 成 is not a numeral to cn2an; the figure reader turns 七成 into 70%
    with pytest.raises(ValueError):
        cn2an.cn2an("七成", "normal")
    # normal mode reads 二〇三五 digit by digit: only right for years, which are never facts
    assert cn2an.cn2an("二〇三五", "normal") == 2035
    # transform() folds 万 into the number and mangles 十四五; we never use it
    assert cn2an.transform("三千六百万元") == "36000000元"


def test_arabic_numerals_are_exact_decimals() -> None:
    assert parse_numeral("3640.7") == Decimal("3640.7")
    assert parse_numeral("1,317") == Decimal(1317)
    assert decimals_written("2.05") == 2 and decimals_written("12") == 0 and decimals_written("三点五") == 1


def test_unreadable_numeral_raises() -> None:
    with pytest.raises(NumeralError):
        parse_numeral("百百")
