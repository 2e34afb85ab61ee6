"""Every task's time progress on one date in one columnar pass.

What ``progress.progress_state`` decides for one task, for all tasks of a plan: the latest progress row
on or before the date, the share of the target done, the time progress on the task's curve (computed
once per curve and deadline), the gap in points, the status under the plan's thresholds and whether the
year-end forecast meets the target. Level targets (不少于 / 控制在…以内), the bulk of a plan, are computed
as arrays; milestones, rate and growth targets, units to convert, curves that do not parse and floats
too near a rounding tie or a threshold go through ``progress_state`` itself, one by one. Published
figures (the share done, the time progress and the gap, one decimal) are kept as integers of tenths.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from ..errors import PlanwatchError
from ..intervals import round_half_up
from ..model import Plan, ProgressRow, TargetKind, Task
from ..periods import Convention
from ..progress import ProgressDay, ProgressState, Status, Thresholds, progress_state
from .rounding import floats, half_up, near

STATUSES = tuple(Status)
_CODE = {s: k for k, s in enumerate(STATUSES)}
_LEVEL_KINDS = (TargetKind.LEVEL_AT_LEAST, TargetKind.LEVEL_AT_MOST)


@dataclass(frozen=True, slots=True)
class Published:
    """A task's progress as the pages, the API and the report's tables print it."""

    status: Status
    done: Decimal | None  # cumulative amount done, in the task's unit, as reported
    done_pct: Decimal | None  # share of the target done, percent, as published (one decimal)
    expected_pct: Decimal  # time progress on the task's curve, percent, one decimal
    gap_pp: Decimal | None  # points ahead (+) or behind (−) time progress, one decimal
    forecast_met: bool | None
    as_of: dt.date | None  # date of the progress row used
    error: str = ""  # a curve or unit that does not parse: the state could not be computed


class TaskColumns:
    """The progress of every task of ``plan`` on ``on``, in the order of ``plan.tasks``."""

    def __init__(self, plan: Plan, on: dt.date, convention: Convention, thresholds: Thresholds) -> None:
        self.plan, self.on = plan, on
        self.day = ProgressDay(on, convention)
        self.thresholds = thresholds
        tasks = plan.tasks
        n = len(tasks)
        self.n = n
        self.row = self._latest_rows(plan, on)  # position in plan.progress, -1: none reported
        self.errors: dict[int, str] = {}
        self.states: dict[int, ProgressState] = {}  # tasks done one by one (exact)

        self.status = np.full(n, _CODE[Status.NO_TARGET], dtype=np.int8)
        self.exp_pct = np.zeros(n)
        self.exp_k = np.zeros(n)
        self.share = np.full(n, np.nan)
        self.share_k = np.full(n, np.nan)
        self.gap_k = np.full(n, np.nan)
        self.forecast_met = np.full(n, -1, dtype=np.int8)
        self._expected(tasks)
        self._levels(tasks)

    @staticmethod
    def _latest_rows(plan: Plan, on: dt.date) -> npt.NDArray[np.int64]:
        """For each task, the position of its last progress row dated on or before ``on`` (-1: none);
        among rows of one date, the one later in the plan's order."""
        pos = {t.code: k for k, t in enumerate(plan.tasks)}
        out = np.full(len(plan.tasks), -1, dtype=np.int64)
        rows = plan.progress
        if not rows:
            return out
        limit = on.toordinal()
        task = np.array([pos.get(r.task, -1) for r in rows], dtype=np.int64)
        day = np.array([r.as_of.toordinal() for r in rows], dtype=np.int64)
        keep = np.flatnonzero((task >= 0) & (day <= limit))
        if keep.size == 0:
            return out
        order = keep[np.lexsort((keep, day[keep], task[keep]))]
        t_sorted = task[order]
        last = np.ones(order.size, dtype=bool)
        last[:-1] = t_sorted[:-1] != t_sorted[1:]
        out[t_sorted[last]] = order[last]
        return out

    def _expected(self, tasks: list[Task]) -> None:
        """Time progress, once per (curve, deadline): a plan has a handful of them."""
        shares: dict[tuple[str, dt.date | None], Decimal | str] = {}
        for k, t in enumerate(tasks):
            key = ((t.curve or "linear").strip(), t.deadline)
            share = shares.get(key)
            if share is None:
                try:
                    share = shares[key] = self.day.expected_share(t)
                except PlanwatchError as exc:  # CurveError: the task's state is its error
                    share = shares[key] = str(exc)
            if isinstance(share, str):
                self.errors[k] = share
                continue
            pct = share * 100
            self.exp_pct[k] = float(pct)
            self.exp_k[k] = float(round_half_up(pct, 1).scaleb(1))

    def _levels(self, tasks: list[Task]) -> None:
        n = self.n
        on = self.on
        year_end = dt.date(on.year, 12, 31)
        kind = [t.target_kind for t in tasks]
        level = np.array([k in _LEVEL_KINDS for k in kind], dtype=bool)
        at_most = np.array([k is TargetKind.LEVEL_AT_MOST for k in kind], dtype=bool)
        target = floats([t.target_value for t in tasks])
        has_row = self.row >= 0
        progress = self.plan.progress
        done = np.full(n, np.nan)
        one_by_one = np.zeros(n, dtype=bool)
        for k in np.flatnonzero(has_row):
            r: ProgressRow = progress[int(self.row[k])]
            t = tasks[k]
            if r.value is None:
                continue
            if r.unit and t.unit and r.unit != t.unit:
                one_by_one[k] = True  # a unit to convert: exact, in the single path
                continue
            done[k] = float(r.value)
        deadline = np.array([(t.deadline or year_end).toordinal() for t in tasks], dtype=np.int64)
        past = on.toordinal() > deadline
        at_deadline = on.toordinal() >= deadline
        no_target = np.array([k is None or k is TargetKind.QUALITATIVE for k in kind], dtype=bool) | np.isnan(target)

        milestone = np.array([k is TargetKind.MILESTONE for k in kind], dtype=bool)
        one_by_one |= milestone | (~no_target & ~level)  # milestones, rates and growth: one by one
        err = np.zeros(n, dtype=bool)
        err[list(self.errors)] = True
        one_by_one &= ~err
        codes = self.status
        codes[:] = _CODE[Status.NO_TARGET]
        blank = level & ~no_target & np.isnan(done) & ~one_by_one & ~err
        codes[blank & past] = _CODE[Status.OVERDUE]
        codes[blank & ~past] = _CODE[Status.NOT_STARTED]
        non_positive = level & (target <= 0)  # stays NO_TARGET once a figure is reported

        work = level & ~no_target & ~np.isnan(done) & ~one_by_one & ~non_positive & ~err
        with np.errstate(invalid="ignore", divide="ignore"):
            share = done / target * 100.0
        gap = np.where(at_most, self.exp_pct - share, share - self.exp_pct)
        gap_k, gap_unsure = half_up(np.where(work, gap, np.nan), 1)
        share_k, share_unsure = half_up(np.where(work, share, np.nan), 1)
        status = self._classify(gap_k / 10.0)
        th = self.thresholds
        unsure = gap_unsure | share_unsure
        if th.mode == "relative":
            with np.errstate(invalid="ignore", divide="ignore"):
                short = np.where(self.exp_pct > 0, -gap_k / 10.0 / self.exp_pct * 100.0, 0.0)
            unsure |= work & (near(short, np.full(n, float(th.lagging))) | near(short, np.full(n, float(th.serious))))
        done_ge = done >= target  # exact: both are short decimals, which floats order exactly
        status = np.where(at_most & (done > target), _CODE[Status.SERIOUSLY_LAGGING],
                          np.where(at_most & at_deadline, _CODE[Status.DONE], status))
        status = np.where(~at_most & done_ge, _CODE[Status.DONE],
                          np.where(~at_most & past, _CODE[Status.OVERDUE], status))
        codes[work] = status[work].astype(np.int8)
        self.share = np.where(work, share, np.nan)
        self.share_k = share_k
        self.gap_k = gap_k

        exp = self.exp_pct / 100.0
        is_done = codes == _CODE[Status.DONE]
        with np.errstate(invalid="ignore", divide="ignore"):
            forecast = done / exp
        met = np.where(at_most, forecast <= target, forecast >= target)
        fc = work & (exp > 0) & ~is_done
        unsure |= fc & near(done, target * exp)
        self.forecast_met[:] = -1
        self.forecast_met[fc] = met[fc].astype(np.int8)
        self.forecast_met[work & is_done] = 1
        one_by_one |= unsure & work
        for k in np.flatnonzero(one_by_one):
            self._exact(int(k), tasks[int(k)])

    def _classify(self, gap: npt.NDArray[np.float64]) -> npt.NDArray[np.int8]:
        th = self.thresholds
        short = -gap
        if th.mode == "relative":
            with np.errstate(invalid="ignore", divide="ignore"):
                short = np.where(self.exp_pct > 0, short / self.exp_pct * 100.0, 0.0)
        out = np.where(short < float(th.lagging), _CODE[Status.ON_TRACK],
                       np.where(short <= float(th.serious), _CODE[Status.LAGGING], _CODE[Status.SERIOUSLY_LAGGING]))
        return np.where(gap >= 0, _CODE[Status.AHEAD], out).astype(np.int8)

    def _exact(self, k: int, task: Task) -> None:
        row = self.plan.progress[int(self.row[k])] if self.row[k] >= 0 else None
        try:
            state = progress_state(task, row, self.day, thresholds=self.thresholds)
        except PlanwatchError as exc:  # CurveError, UnitError: shown as the task's error
            self.errors[k] = str(exc)
            return
        self.states[k] = state
        self.status[k] = _CODE[state.status]

    # --- reading ---------------------------------------------------------------------------------

    def published(self, k: int) -> Published:
        """Task ``k``'s progress as printed (the single path's ``ProgressState`` rounded as published)."""
        row = self.plan.progress[int(self.row[k])] if self.row[k] >= 0 else None
        as_of = row.as_of if row is not None else None
        if k in self.errors:
            return Published(Status.NO_TARGET, None, None, Decimal(0), None, None, as_of, self.errors[k])
        state = self.states.get(k)
        if state is not None:
            return Published(
                state.status, state.done,
                None if state.done_pct is None else round_half_up(state.done_pct, state.share_decimals),
                round_half_up(state.expected_pct, 1),
                None if state.gap_pp is None else round_half_up(state.gap_pp, 1),
                state.forecast_met, as_of)
        fm = int(self.forecast_met[k])
        share_k, gap_k = self.share_k[k], self.gap_k[k]
        return Published(
            STATUSES[int(self.status[k])],
            None if row is None else row.value,
            None if np.isnan(share_k) else Decimal(int(share_k)).scaleb(-1),
            Decimal(int(self.exp_k[k])).scaleb(-1),
            None if np.isnan(gap_k) else Decimal(int(gap_k)).scaleb(-1),
            None if fm < 0 else bool(fm),
            as_of)

    def status_of(self, k: int) -> Status:
        return STATUSES[int(self.status[k])]
