"""What a reviewer needs beside a reported cumulative figure: the task's own history and target.

A department reports a task's cumulative progress (累计完成) as of a date. Before approving it, the
plan office (or the department head) wants to see the previous approved figure, the target, the share of
the target the figure means, the change since the last report, and whether anything looks wrong:

- ``above_target``: the figure exceeds a cumulative target (5,000 against 3,000): possible, but worth a look;
- ``jump``: the pace since the last figure (amount per day) is far beyond the task's own pace so far
  (more than ``jump_factor`` times the median of its earlier paces, counted from 1 January at 0);
- ``going_down``: the figure is below the previous one, which a cumulative figure never is.

Pure arithmetic on ``Decimal``; the web app passes the approved history it reads from the database.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from statistics import median

from .model import TargetKind

HUNDRED = Decimal(100)
DEFAULT_JUMP_FACTOR = Decimal(3)
CUMULATIVE_TARGETS = frozenset({TargetKind.LEVEL_AT_LEAST, TargetKind.LEVEL_AT_MOST})


class Flag(StrEnum):
    ABOVE_TARGET = "above_target"
    JUMP = "jump"
    GOING_DOWN = "going_down"


@dataclass(frozen=True, slots=True)
class ReviewFigures:
    value: Decimal | None
    previous: Decimal | None  # the latest approved figure before ``as_of``
    previous_as_of: dt.date | None
    target: Decimal | None  # a cumulative target the figure is measured against, if the task has one
    share_pct: Decimal | None  # value / target × 100, unrounded
    change: Decimal | None  # value − previous (from 0 when there is no previous figure)
    pace_factor: Decimal | None  # the pace since the previous figure over the median earlier pace
    flags: tuple[Flag, ...]


def cumulative_target(kind: TargetKind | str | None, value: Decimal | None) -> Decimal | None:
    """The target a cumulative figure is a share of: only level targets (不少于 / 控制在…以内) are."""
    if value is None or not kind:
        return None
    try:
        return value if TargetKind(kind) in CUMULATIVE_TARGETS else None
    except ValueError:
        return None


def _paces(points: Sequence[tuple[dt.date, Decimal]]) -> list[Decimal]:
    """Amount per day between consecutive points (dates ascending); zero-day gaps are skipped."""
    out: list[Decimal] = []
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        days = (d1 - d0).days
        if days > 0:
            out.append((v1 - v0) / Decimal(days))
    return out


def review(value: Decimal | None, as_of: dt.date, history: Sequence[tuple[dt.date, Decimal]],
           target: Decimal | None, start: dt.date, *, jump_factor: Decimal = DEFAULT_JUMP_FACTOR) -> ReviewFigures:
    """The reviewer's figures for ``value`` reported as of ``as_of``.

    ``history`` is the task's approved cumulative figures (date, value) in any order; only those before
    ``as_of`` count. ``start`` is the first day of the plan year, where every cumulative figure is 0.
    """
    earlier = sorted((d, v) for d, v in history if d < as_of and v is not None)
    previous_as_of, previous = earlier[-1] if earlier else (None, None)
    share = None if value is None or not target else value / target * HUNDRED
    change = None if value is None else value - (previous if previous is not None else Decimal(0))
    flags: list[Flag] = []
    if value is not None and target is not None and value > target:
        flags.append(Flag.ABOVE_TARGET)
    if value is not None and previous is not None and value < previous:
        flags.append(Flag.GOING_DOWN)
    pace_factor = None
    if value is not None and change is not None and change > 0:
        points = [(start - dt.timedelta(days=1), Decimal(0)), *earlier]
        past = [p for p in _paces(points) if p >= 0]
        last_day = points[-1][0]
        days = (as_of - last_day).days
        typical = Decimal(median(past)) if past else Decimal(0)
        if days > 0 and typical > 0:
            pace_factor = (change / Decimal(days)) / typical
            if pace_factor > jump_factor:
                flags.append(Flag.JUMP)
    return ReviewFigures(value=value, previous=previous, previous_as_of=previous_as_of, target=target,
                         share_pct=share, change=change, pace_factor=pace_factor, flags=tuple(flags))
