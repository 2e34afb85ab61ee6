"""What the synthetic city is calibrated to: the seed report's hotline figures for Chaoyang, 2021 H1.

The seed: 受理市民热线诉求约36.4万件, 占全市接诉总量的17.4%; 响应率、解决率、满意率分别较年初提高11.1%、
10.9%、9.8%; 综合考评成绩4-6月逐月提升; 6月份全市排名第11名 (and the example package's illustrative
May rank, 9). "较年初提高11.1%" is read as a relative change in percent, (June − January) / January:
the same report writes differences of rates as "个百分点" (低于序时进度44.1个百分点), so a bare "%" is
a percentage (docs/hotline.md, "Reading the seed"). Every district-month's three rates are hit exactly
(up to one ticket) by the generator's quotas, so the figures hold at any scale.
"""

from __future__ import annotations

from decimal import Decimal

from .geography import DISTRICTS

CHAOYANG_H1_2021 = 364_000  # 36.4万
CHAOYANG_SHARE_2021H1 = Decimal("0.174")
CITY_H1_2021 = round(CHAOYANG_H1_2021 / CHAOYANG_SHARE_2021H1)  # 2,091,954

# Tickets by month of the year (relative); H1 2021 is the calibrated half.
MONTH_WEIGHTS = (1.00, 0.80, 1.00, 1.02, 1.06, 1.12, 1.25, 1.20, 1.05, 0.95, 1.05, 1.10)
# Volumes of other years against 2021 (illustrative: the city's volume grew every year).
YEAR_FACTORS = {2019: 0.55, 2020: 0.80, 2021: 1.00, 2022: 1.45, 2023: 1.95, 2024: 2.05, 2025: 2.10}

# Chaoyang's rates by month of 2021 (percent). June = January × (1.111, 1.109, 1.098).
CHAOYANG_2021 = {
    "response": (88.00, 89.50, 91.50, 93.50, 95.80, 97.768, 97.9, 98.0, 98.1, 98.2, 98.3, 98.4),
    "resolution": (75.00, 76.00, 77.80, 79.50, 81.50, 83.175, 83.5, 83.9, 84.3, 84.6, 84.9, 85.2),
    "satisfaction": (82.00, 83.00, 84.60, 86.20, 88.20, 90.036, 90.3, 90.6, 90.9, 91.1, 91.3, 91.5),
}
BASIC_SHARE = 0.10  # of valid visits answering 基本满意

# Other districts' scores against Chaoyang's (points), (up to May, from June on): eight above Chaoyang in
# May (rank 9), ten in June (rank 11). Added to the resolution and satisfaction rates (÷ 0.9), so the
# score moves by exactly this.
SCORE_OFFSETS = {
    "xicheng": (3.0, 2.8), "dongcheng": (2.5, 2.2), "yanqing": (2.0, 1.9), "huairou": (1.6, 1.6),
    "miyun": (1.3, 1.4), "pinggu": (1.0, 1.1), "mentougou": (0.8, 0.9), "shijingshan": (0.6, 0.7),
    "shunyi": (-0.5, 0.5), "haidian": (-0.7, 0.4), "fengtai": (-1.2, -0.8), "tongzhou": (-1.6, -1.2),
    "fangshan": (-2.0, -1.7), "daxing": (-2.4, -2.0), "changping": (-3.0, -2.6), "chaoyang": (0.0, 0.0),
}
YEAR_RATE_SHIFT = {2019: -8.0, 2020: -4.0, 2021: 0.0, 2022: 1.5, 2023: 2.5, 2024: 3.0, 2025: 3.2}

# Shares of tickets that leave the rates, and of the rest with a valid return visit.
NOT_ASSESSED, UNREASONABLE, APPEAL_APPROVED = 0.02, 0.015, 0.01
VALID_VISIT = 0.80


def h1_2021_volume(code: str) -> float:
    """A district's tickets in 2021 H1: Chaoyang's from the seed; the rest of the city by population."""
    if code == "chaoyang":
        return float(CHAOYANG_H1_2021)
    others = sum(d.people for d in DISTRICTS if d.code != "chaoyang")
    person = next(d.people for d in DISTRICTS if d.code == code)
    return (CITY_H1_2021 - CHAOYANG_H1_2021) * person / others


def month_volume(code: str, year: int, month: int, scale: float) -> int:
    h1 = sum(MONTH_WEIGHTS[:6])
    factor = YEAR_FACTORS.get(year, YEAR_FACTORS[max(YEAR_FACTORS)] if year > 2025 else YEAR_FACTORS[2019])
    return round(h1_2021_volume(code) * MONTH_WEIGHTS[month - 1] / h1 * factor * scale)


def month_rates(code: str, year: int, month: int) -> tuple[float, float, float]:
    """(response, resolution, satisfaction) as fractions for a district-month."""
    offset = SCORE_OFFSETS[code][0 if month <= 5 else 1]
    shift = YEAR_RATE_SHIFT.get(year, 3.2 if year > 2025 else -8.0)
    r = CHAOYANG_2021["response"][month - 1] + (shift if year != 2021 else 0)
    s = CHAOYANG_2021["resolution"][month - 1] + offset / 0.9 + shift
    m = CHAOYANG_2021["satisfaction"][month - 1] + offset / 0.9 + shift
    return tuple(min(max(x, 5.0), 99.5) / 100 for x in (r, s, m))  # type: ignore[return-value]
