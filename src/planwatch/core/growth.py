"""Growth arithmetic as the statistics bureau defines it. Rates are in percent, as Decimals.

- yoy growth from two levels: (current / previous − 1) × 100;
- growth versus a base period, the same with the base level;
- average annual growth over n years, geometric: ((1 + g_total)^(1/n) − 1) × 100; the 两年平均增长 of
  2021 is this with n = 2 and g_total the growth versus 2019;
- the growth implied for the year between a base and now: ((1 + g_vs_base) / (1 + g_yoy) − 1) × 100;
- percentage-point change, share, and single-period values from cumulative ones (in ``periods``).

Every function has an interval twin (suffix ``_iv``) that carries rounding intervals through, used by
the report checker and the package validator to judge published figures.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from .errors import PlanwatchError
from .intervals import Interval

HUNDRED = Decimal(100)
ONE = Decimal(1)


class GrowthError(PlanwatchError):
    """Arithmetic that has no answer: a zero or negative base, a fall of 100% or more."""


def _factor(pct: Decimal) -> Decimal:
    f = ONE + pct / HUNDRED
    if f <= 0:
        raise GrowthError(f"growth of {pct}% leaves nothing to grow from")
    return f


def yoy(current: Decimal, previous: Decimal) -> Decimal:
    """Growth of ``current`` over ``previous`` in percent (同比增长 from levels)."""
    if previous <= 0:
        raise GrowthError("growth needs a positive earlier level")
    return (current / previous - ONE) * HUNDRED


growth_vs = yoy  # growth versus any earlier period's level is the same arithmetic


def level_from_growth(previous: Decimal, pct: Decimal) -> Decimal:
    return previous * _factor(pct)


def avg_annual(total_pct: Decimal, years: int) -> Decimal:
    """Average annual growth (年均增长) from growth over ``years`` years: geometric mean."""
    if years < 1:
        raise GrowthError("average annual growth needs at least one year")
    with localcontext() as ctx:
        ctx.prec = 28
        f = _factor(total_pct)
        return (f ** (ONE / Decimal(years)) - ONE) * HUNDRED


def total_from_avg(avg_pct: Decimal, years: int) -> Decimal:
    """Growth over ``years`` years implied by an average annual rate."""
    with localcontext() as ctx:
        ctx.prec = 28
        return (_factor(avg_pct) ** years - ONE) * HUNDRED


def implied_between(vs_base_pct: Decimal, yoy_pct: Decimal) -> Decimal:
    """Growth of the year between: 2020 over 2019, from 2021 vs 2019 and 2021 vs 2020."""
    return (_factor(vs_base_pct) / _factor(yoy_pct) - ONE) * HUNDRED


def chain(*pcts: Decimal) -> Decimal:
    """Growth over consecutive spans compounded: chain(g2020, g2021) is 2021 vs 2019."""
    f = ONE
    for p in pcts:
        f *= _factor(p)
    return (f - ONE) * HUNDRED


def pp_change(current_pct: Decimal, previous_pct: Decimal) -> Decimal:
    """Difference of two rates in percentage points (个百分点)."""
    return current_pct - previous_pct


def share(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a percentage of ``whole`` (占比)."""
    if whole == 0:
        raise GrowthError("share of a zero whole")
    return part / whole * HUNDRED


# --- interval twins ---------------------------------------------------------------------------


def yoy_iv(current: Interval, previous: Interval) -> Interval:
    if previous.lo <= 0:
        raise GrowthError("growth needs a positive earlier level")
    return Interval((current.lo / previous.hi - ONE) * HUNDRED, (current.hi / previous.lo - ONE) * HUNDRED)


def avg_annual_iv(total_pct: Interval, years: int) -> Interval:
    return total_pct.map(lambda g: avg_annual(g, years))


def total_from_avg_iv(avg_pct: Interval, years: int) -> Interval:
    return avg_pct.map(lambda g: total_from_avg(g, years))


def implied_between_iv(vs_base_pct: Interval, yoy_pct: Interval) -> Interval:
    # increasing in vs_base, decreasing in yoy
    return Interval(
        implied_between(vs_base_pct.lo, yoy_pct.hi),
        implied_between(vs_base_pct.hi, yoy_pct.lo),
    )


def chain_iv(*pcts: Interval) -> Interval:
    return Interval(chain(*(p.lo for p in pcts)), chain(*(p.hi for p in pcts)))


def pp_change_iv(current_pct: Interval, previous_pct: Interval) -> Interval:
    return current_pct - previous_pct


def share_iv(part: Interval, whole: Interval) -> Interval:
    if whole.lo <= 0:
        raise GrowthError("share of a whole that may be zero")
    return Interval(part.lo / whole.hi * HUNDRED, part.hi / whole.lo * HUNDRED)
