"""The reporting schedule of a plan (``settings.reporting`` in plan.yaml and on the plan settings page).

    reporting:
      frequency: monthly        # monthly | quarterly | half_yearly | off
      opens_day: 25             # a round opens on this day of the last month of its period
      deadline_day: 5           # … and is due on this day of the month after
      remind_days_before: 3     # late departments are reminded this many days before the deadline
      close_days_after_deadline:   # blank: the plan office closes rounds; a number: closed automatically

Pure functions of the settings and a year: which rounds the year has, when each opens and is due.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

FREQUENCIES = ("monthly", "quarterly", "half_yearly", "off")
DEFAULTS: dict[str, Any] = {"frequency": "off", "opens_day": 25, "deadline_day": 5, "remind_days_before": 3,
                            "close_days_after_deadline": None}


@dataclass(frozen=True)
class Schedule:
    frequency: str = "off"
    opens_day: int = 25
    deadline_day: int = 5
    remind_days_before: int = 3
    close_days_after_deadline: int | None = None

    @property
    def on(self) -> bool:
        return self.frequency != "off"


@dataclass(frozen=True)
class Slot:
    period: str
    opens: dt.date
    deadline: dt.date


def _int(value: Any, default: int | None) -> int | None:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def of(settings: dict[str, Any] | None) -> Schedule:
    """The schedule in a plan's settings; anything unreadable falls back to the default."""
    raw = (settings or {}).get("reporting") or {}
    if not isinstance(raw, dict):
        raw = {}
    freq = str(raw.get("frequency") or "off")
    return Schedule(
        frequency=freq if freq in FREQUENCIES else "off",
        opens_day=_int(raw.get("opens_day"), 25) or 25,
        deadline_day=_int(raw.get("deadline_day"), 5) or 5,
        remind_days_before=_int(raw.get("remind_days_before"), 3) or 0,
        close_days_after_deadline=_int(raw.get("close_days_after_deadline"), None),
    )


def _day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def slots(schedule: Schedule, year: int) -> list[Slot]:
    """The rounds of the year: period, opening date, deadline."""
    if schedule.frequency == "monthly":
        ends = [(f"{year}-{m:02d}", m) for m in range(1, 13)]
    elif schedule.frequency == "quarterly":
        ends = [(f"{year}Q{q}", q * 3) for q in range(1, 5)]
    elif schedule.frequency == "half_yearly":
        ends = [(f"{year}H1", 6), (f"{year}H2", 12)]
    else:
        return []
    out = []
    for period, month in ends:
        opens = _day(year, month, schedule.opens_day)
        nxt_year, nxt_month = (year + 1, 1) if month == 12 else (year, month + 1)
        out.append(Slot(period, opens, _day(nxt_year, nxt_month, schedule.deadline_day)))
    return out
