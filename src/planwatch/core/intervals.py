"""Rounding-aware figures: a published "3.9" stands for every value that rounds to it, [3.85, 3.95].

A relation between published figures holds when the intervals they stand for allow it, the way statcheck
judges reported statistics: we propagate the rounding interval of the inputs through the arithmetic and
ask whether the stated result's own interval meets the computed one. All functions here are monotone
on the domains they are used on (growth rates above -100%), so interval ends map to interval ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

HALF = Decimal("0.5")


def decimals_of(value: Decimal | str | int | float) -> int:
    """Number of decimals a figure was written with: "3.90" → 2, "13" → 0."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """四舍五入 to ``decimals`` places (statistical practice; Python's round() is half-to-even)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal
    hi: Decimal

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def published(cls, value: Decimal | str, decimals: int | None = None) -> Interval:
        """The values that round (half up) to ``value`` at its written number of decimals."""
        d = value if isinstance(value, Decimal) else Decimal(str(value))
        n = decimals_of(d) if decimals is None else decimals
        half = HALF * Decimal(1).scaleb(-n)
        return cls(d - half, d + half)

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def map(self, fn: Callable[[Decimal], Decimal]) -> Interval:
        """Apply a monotone function (increasing or decreasing) to both ends."""
        a, b = fn(self.lo), fn(self.hi)
        return Interval(min(a, b), max(a, b))

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("interval divisor contains zero")
        quotients = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(quotients), max(quotients))

    def rounds_to(self, decimals: int) -> Interval:
        """The interval of published figures this interval can round to, as an interval of values."""
        return Interval(round_half_up(self.lo, decimals), round_half_up(self.hi, decimals))


def consistent(stated: Decimal | str, computed: Interval, decimals: int | None = None) -> bool:
    """Whether a stated (rounded) figure is consistent with a computed interval of true values.

    The stated figure is consistent when some true value in ``computed`` rounds to it, i.e. when the
    stated figure's own rounding interval meets ``computed``. Boundaries count as consistent, since
    rounding half up and rounding half down disagree on them and publishers use both.
    """
    return Interval.published(stated, decimals).overlaps(computed)


def expected_figure(computed: Interval, decimals: int) -> Decimal:
    """The figure a publisher would state for the midpoint of ``computed`` at ``decimals`` places."""
    with localcontext() as ctx:
        ctx.prec = 28
        return round_half_up(computed.mid, decimals)
