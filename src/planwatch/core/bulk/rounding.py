"""Half-up rounding of many floats at once, knowing when a float cannot be trusted to round right.

The bulk path computes derived figures in floating point; a figure is published rounded half up
(四舍五入) to one decimal. Floating point is exact enough to decide the rounding except when the value
lies within a hair of a tie (x.x5): those are flagged ``unsure`` and recomputed in ``Decimal`` by the
single-figure functions, so that the bulk path gives the same published figure as they do.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

# Relative distance from a tie below which the float is not trusted: floating point error of the
# arithmetic here is ~1e-15 relative, far inside this; a published input has few digits, so real
# values within 1e-9 of a tie are either exact ties or need exact arithmetic anyway.
TIE_TOLERANCE = 1e-9


def half_up(x: Floats, decimals: int) -> tuple[Floats, Bools]:
    """``(k, unsure)``: ``k × 10^-decimals`` is ``x`` rounded half up (away from zero on a tie), as a
    float holding an integer; ``unsure`` marks values too close to a tie for floating point to decide.
    NaN stays NaN (and is not unsure)."""
    scaled = np.abs(x) * (10.0 ** decimals)
    floor = np.floor(scaled)
    frac = scaled - floor
    k = floor + (frac >= 0.5)
    unsure = np.abs(frac - 0.5) <= TIE_TOLERANCE * np.maximum(1.0, scaled)
    return np.copysign(k, x), unsure & ~np.isnan(x)


def near(a: Floats, b: Floats) -> Bools:
    """Where a comparison of ``a`` with ``b`` in floating point may not match the exact comparison."""
    return np.abs(a - b) <= TIE_TOLERANCE * np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))


def to_decimal(k: float, decimals: int) -> Decimal:
    """The Decimal ``k × 10^-decimals`` with exactly ``decimals`` places (k from ``half_up``)."""
    return Decimal(int(k)).scaleb(-decimals)


def floats(values: list[Decimal | None]) -> Floats:
    """Decimals (None for blank) as a float array with NaN for blank."""
    nan = float("nan")
    return np.array([nan if v is None else float(v) for v in values], dtype=np.float64)
