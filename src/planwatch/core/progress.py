"""Time progress (序时进度): how much of a task is done against how much of its time has gone.

A task's *expected share* on a date is read from its curve: linear (the share of the year elapsed, by
days or by months, scaled so that the deadline is 100%), milestones ("milestones:2021-06-30=40;…") or a
seasonal profile from earlier years ("seasonal:…", 12 cumulative percents at month ends). The *done
share* is the cumulative amount reported over the target. Their difference in percentage points
(``gap_pp``, positive = ahead) gives the status under ``Thresholds``:

- ahead: at or above time progress (green);
- on track (基本同步): less than ``lagging`` (10) points below;
- lagging (yellow): from ``lagging`` to ``serious`` (10–30) points below;
- seriously lagging (red): more than ``serious`` (30) points below.

In "relative" mode the shortfall is measured as a share of time progress instead of in points. The
status is decided on the gap as published (rounded half up to one decimal), so that a table never
shows "0.0 points below" next to a lagging light. See docs/core.md for the sources of the defaults.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import Protocol

from .errors import PlanwatchError
from .figures import Figure, published
from .intervals import round_half_up
from .model import ProgressRow, TargetKind, Task
from .periods import Convention, year_elapsed
from .targets import evaluate
from .units import UnitError, convert

HUNDRED = Decimal(100)


class CurveError(PlanwatchError):
    """A task's expected-progress curve that does not parse."""


class SettingsError(PlanwatchError):
    """plan.yaml ``settings`` that do not parse (thresholds, progress convention)."""


class Status(StrEnum):
    AHEAD = "ahead"  # 超序时进度 (green)
    ON_TRACK = "on_track"  # 基本同步
    LAGGING = "lagging"  # 滞后 (yellow)
    SERIOUSLY_LAGGING = "seriously_lagging"  # 严重滞后 (red)
    DONE = "done"  # 已完成
    OVERDUE = "overdue"  # 逾期未完成
    NOT_STARTED = "not_started"  # 未报进度
    NO_TARGET = "no_target"  # 无量化目标

    @property
    def label_zh(self) -> str:
        return _LABELS_ZH[self]

    @property
    def label_en(self) -> str:
        return self.value.replace("_", " ")


_LABELS_ZH = {
    Status.AHEAD: "超序时进度",
    Status.ON_TRACK: "基本同步",
    Status.LAGGING: "滞后",
    Status.SERIOUSLY_LAGGING: "严重滞后",
    Status.DONE: "已完成",
    Status.OVERDUE: "逾期未完成",
    Status.NOT_STARTED: "未报进度",
    Status.NO_TARGET: "无量化目标",
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """How far below time progress counts as lagging and as seriously lagging.

    ``mode`` "pp": percentage points below time progress; "relative": the shortfall as a percent of
    time progress. Defaults: 10 and 30 (published practice, docs/core.md). Configurable in plan.yaml
    ``settings: {thresholds: {mode: pp, lagging: 10, serious: 30}}``.
    """

    mode: str = "pp"
    lagging: Decimal = Decimal(10)
    serious: Decimal = Decimal(30)

    def __post_init__(self) -> None:
        if self.mode not in ("pp", "relative"):
            raise SettingsError(f"thresholds mode must be 'pp' or 'relative', not {self.mode!r}")
        if not Decimal(0) <= self.lagging <= self.serious:
            raise SettingsError(f"thresholds need 0 <= lagging ({self.lagging}) <= serious ({self.serious})")

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> Thresholds:
        """Read ``settings["thresholds"]`` of plan.yaml (a mapping with mode, lagging, serious)."""
        raw = settings.get("thresholds") or {}
        if not isinstance(raw, Mapping):
            raise SettingsError("plan.yaml settings.thresholds must be a mapping with mode, lagging, serious")
        try:
            return cls(
                mode=str(raw.get("mode", "pp")),
                lagging=Decimal(str(raw.get("lagging", 10))),
                serious=Decimal(str(raw.get("serious", 30))),
            )
        except ArithmeticError as exc:
            raise SettingsError(f"plan.yaml settings.thresholds: not a number ({exc})") from exc

    def classify(self, gap_pp: Decimal, expected_pct: Decimal) -> Status:
        """Status of a gap (positive = ahead, points) at a time progress of ``expected_pct``."""
        if gap_pp >= 0:
            return Status.AHEAD
        short = -gap_pp
        if self.mode == "relative":
            short = short / expected_pct * HUNDRED if expected_pct > 0 else Decimal(0)
        if short < self.lagging:
            return Status.ON_TRACK
        if short <= self.serious:
            return Status.LAGGING
        return Status.SERIOUSLY_LAGGING


def convention_from_settings(settings: Mapping[str, object]) -> Convention:
    """plan.yaml ``settings.progress_convention`` (days | months), days by default."""
    try:
        return Convention(str(settings.get("progress_convention", "days") or "days"))
    except ValueError as exc:
        raise SettingsError("plan.yaml settings.progress_convention must be 'days' or 'months'") from exc


# --- expected share -------------------------------------------------------------------------------


class TaskTerms(Protocol):
    """What the progress rules read of a task: ``model.Task`` has it, and so may a caller's lighter row
    (the pages' rows of thousands of tasks, which need not build a ``Task`` each)."""

    @property
    def code(self) -> str: ...
    @property
    def target_kind(self) -> TargetKind | None: ...
    @property
    def target_value(self) -> Decimal | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def deadline(self) -> dt.date | None: ...
    @property
    def curve(self) -> str: ...


def _deadline(task: TaskTerms, on: dt.date) -> dt.date:
    return task.deadline or dt.date(on.year, 12, 31)


def _parse_milestones(task: TaskTerms, body: str) -> list[tuple[dt.date, Decimal]]:
    points: list[tuple[dt.date, Decimal]] = []
    for part in body.split(";"):
        part = part.strip()
        if not part:
            continue
        day, sep, pct = part.partition("=")
        try:
            points.append((dt.date.fromisoformat(day.strip()), Decimal(pct.strip())))
        except (ValueError, ArithmeticError) as exc:
            raise CurveError(
                f"task {task.code}: curve milestone {part!r} does not parse: write YYYY-MM-DD=percent"
            ) from exc
        if not sep:
            raise CurveError(f"task {task.code}: curve milestone {part!r} has no '='")
    if not points:
        raise CurveError(f"task {task.code}: curve 'milestones:' lists no milestone")
    points.sort()
    last = Decimal(0)
    for when, share in points:
        if not last <= share <= HUNDRED:
            raise CurveError(f"task {task.code}: milestone {when}={share} must be between {last} and 100")
        last = share
    return points


def _parse_seasonal(task: TaskTerms, body: str) -> list[Decimal]:
    try:
        values = [Decimal(v.strip()) for v in body.split(",")]
    except ArithmeticError as exc:
        raise CurveError(f"task {task.code}: seasonal curve has a non-number in {body!r}") from exc
    if len(values) != 12:
        raise CurveError(f"task {task.code}: seasonal curve needs 12 cumulative percents, got {len(values)}")
    prev = Decimal(0)
    for v in values:
        if not prev <= v <= HUNDRED:
            raise CurveError(f"task {task.code}: seasonal curve must rise from 0 to at most 100: {body!r}")
        prev = v
    return values


def _interpolate(x: Decimal, points: list[tuple[Decimal, Decimal]]) -> Decimal:
    """Piecewise-linear y at x over points sorted by x, flat outside."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            if x1 == x0:
                return y1
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def _clock(day: dt.date, convention: Convention) -> Decimal:
    """Time since 1 January at the end of ``day``: in days, or in months (whole months + fraction)."""
    if convention is Convention.DAYS:
        return Decimal(day.timetuple().tm_yday)
    return year_elapsed(day, convention) * 12


def expected_share(task: TaskTerms, on: dt.date, convention: Convention | str = Convention.DAYS) -> Decimal:
    """Share (0..1) of the task expected done on ``on`` by its curve, 1 from the deadline on."""
    deadline = _deadline(task, on)
    if on >= deadline:
        return Decimal(1)
    if on.year < deadline.year:
        return Decimal(0)
    curve = (task.curve or "linear").strip()
    conv = Convention(convention)
    elapsed = _clock(on, conv)
    with localcontext() as ctx:
        ctx.prec = 28
        if curve == "linear":
            return min(Decimal(1), elapsed / _clock(deadline, conv))
        kind, _, body = curve.partition(":")
        if kind == "milestones":
            pts = [(Decimal(0), Decimal(0))]
            pts += [(_clock(d, conv), p) for d, p in _parse_milestones(task, body) if d.year == on.year]
            pts.append((_clock(deadline, conv), HUNDRED))
            return min(Decimal(1), _interpolate(elapsed, pts) / HUNDRED)
        if kind == "seasonal":
            values = _parse_seasonal(task, body)
            month_days = calendar.monthrange(on.year, on.month)[1]
            before = values[on.month - 2] if on.month > 1 else Decimal(0)
            now = before + (values[on.month - 1] - before) * Decimal(on.day) / Decimal(month_days)
            return min(Decimal(1), now / HUNDRED)
    raise CurveError(
        f"task {task.code}: curve {curve!r} is not linear, milestones:DATE=PCT;… or seasonal:12 percents"
    )


class ProgressDay:
    """What the progress of every task on one date shares, computed once for many tasks: the date, the
    convention, the share of the year elapsed, and the time progress of each (curve, deadline) pair.

    A city's thousands of tasks have a handful of curves and deadlines, so ``expected_share`` runs a
    handful of times per request instead of once per task. A curve that does not parse is not kept: it
    raises for each task that has it (the message names the task).
    """

    __slots__ = ("_shares", "convention", "elapsed", "on")

    def __init__(self, on: dt.date, convention: Convention | str = Convention.DAYS) -> None:
        self.on = on
        self.convention = Convention(convention)
        self.elapsed = year_elapsed(on, self.convention)
        self._shares: dict[tuple[str, dt.date | None], Decimal] = {}

    def expected_share(self, task: TaskTerms) -> Decimal:
        """``expected_share(task, self.on, self.convention)``, computed once per curve and deadline."""
        key = ((task.curve or "linear").strip(), task.deadline)
        share = self._shares.get(key)
        if share is None:
            share = self._shares[key] = expected_share(task, self.on, self.convention)
        return share


def seasonal_profile(history: dict[int, list[Decimal]]) -> str:
    """A "seasonal:…" curve from earlier years' month-end cumulative amounts (12 per year).

    Each year is turned into percents of its December total, the years are averaged month by month,
    and the result is written with one decimal (rounded half up), ending at 100.
    """
    if not history:
        raise CurveError("a seasonal profile needs at least one earlier year")
    sums = [Decimal(0)] * 12
    for year, months in sorted(history.items()):
        if len(months) != 12:
            raise CurveError(f"year {year}: a seasonal profile needs 12 month-end cumulatives, got {len(months)}")
        total = months[-1]
        if total <= 0:
            raise CurveError(f"year {year}: the December cumulative must be positive")
        if any(b < a for a, b in itertools.pairwise(months)):
            raise CurveError(f"year {year}: month-end cumulatives must not fall")
        for i, v in enumerate(months):
            sums[i] += v / total * HUNDRED
    n = Decimal(len(history))
    pcts = [round_half_up(s / n, 1) for s in sums]
    pcts[-1] = Decimal("100.0")
    for i in range(1, 12):  # rounding cannot break monotonicity, but keep it explicit
        pcts[i] = max(pcts[i], pcts[i - 1])
    return "seasonal:" + ",".join(str(p) for p in pcts)


# --- a task's progress ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgressState:
    """A task's progress as plain numbers, without provenance: what a page, a count by status or an API
    needs for many tasks at once. ``task_progress`` adds the figures with their sources to the same
    numbers (``progress_figures``); the rules live in ``progress_state`` only.

    Percentages are unrounded (``Decimal``); the status is decided on the gap rounded as published.
    """

    status: Status
    on: dt.date
    convention: Convention
    expected_pct: Decimal  # time progress on the task's curve, percent
    done: Decimal | None = None  # cumulative amount done, in the task's unit (None: no figure reported)
    done_decimals: int = 0  # decimals the amount done was published with
    done_pct: Decimal | None = None  # percent of the target done (None without a numeric target or progress)
    share_decimals: int = 1  # decimals to publish done_pct with
    gap_pp: Decimal | None = None  # done_pct − expected_pct (for "at most" targets the reverse), points
    forecast: Decimal | None = None  # year-end (deadline) estimate of the amount, task unit
    forecast_met: bool | None = None
    as_of: dt.date | None = None  # date of the progress row used
    done_by: dt.date | None = None  # milestones: date reported done


@dataclass(frozen=True, slots=True)
class TaskProgress:
    task: str  # Task.code
    done: Figure | None  # cumulative amount done, in the task's unit
    target: Figure | None  # the task's full target, in the task's unit
    done_share: Figure | None  # percent of the target done (None without a numeric target or progress)
    expected_share: Figure  # time progress on the task's curve, percent
    gap_pp: Figure | None  # done_share − expected_share (for "at most" targets the reverse), points
    status: Status
    forecast: Figure | None = None  # year-end (deadline) estimate of the amount, task unit
    forecast_met: bool | None = None
    on: dt.date | None = None
    as_of: dt.date | None = None  # date of the progress row used
    done_by: dt.date | None = None  # milestones: date reported done
    remaining: Figure | None = None  # target − done, while an "at least" target is not yet reached


def forecast_year_end(done: Decimal, elapsed_share: Decimal, expected_share: Decimal) -> Decimal:
    """Estimate of the amount at the deadline: ``done / expected_share`` on the task's own curve.

    A task that has done 40% of its expected curve keeps that pace. When the curve expects nothing
    yet, the share of the year elapsed is used instead; with neither, there is no estimate.
    """
    with localcontext() as ctx:
        ctx.prec = 28
        if expected_share > 0:
            return done / expected_share
        if elapsed_share > 0:
            return done / elapsed_share
    raise ValueError("no year-end forecast before any time has elapsed")


def _row_ref(task: TaskTerms, row: ProgressRow) -> dict[str, str]:
    return {"file": row.source.file or "progress.csv", "row": str(row.source.row), "task": task.code,
            "as_of": row.as_of.isoformat(), "column": "value"}


def _decimals(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _done_amount(task: TaskTerms, row: ProgressRow) -> Decimal | None:
    """The amount of ``row`` in the task's unit (converted when the row is in another scale)."""
    if row.value is None:
        return None
    if row.unit and task.unit and row.unit != task.unit:
        try:
            return convert(row.value, row.unit, task.unit)
        except UnitError as exc:
            ref = _row_ref(task, row)
            raise UnitError(
                f"{ref['file']} row {ref['row']}: task {task.code} progress in {row.unit!r} "
                f"cannot be compared with its target in {task.unit!r}"
            ) from exc
    return row.value


_DEFAULT_THRESHOLDS = Thresholds()
_LEVELS = (TargetKind.LEVEL_AT_LEAST, TargetKind.LEVEL_AT_MOST)


def progress_state(
    task: TaskTerms,
    row: ProgressRow | None,
    on: dt.date | ProgressDay,
    *,
    convention: Convention | str = "days",
    thresholds: Thresholds | None = None,
) -> ProgressState:
    """Status, done share, time progress and gap of ``task`` from its latest approved progress ``row``
    (None: none reported), without provenance figures.

    ``on`` is the date, or a ``ProgressDay`` shared by many tasks (then its convention is used and
    ``convention`` is ignored). Raises ``CurveError`` or ``UnitError`` (both ``PlanwatchError``) for a
    curve or a unit that does not parse.
    """
    if row is not None and row.task != task.code:
        raise ValueError(f"progress row of task {row.task!r} given for task {task.code!r}")
    day = on if isinstance(on, ProgressDay) else ProgressDay(on, convention)
    th = thresholds or _DEFAULT_THRESHOLDS
    date = day.on
    deadline = _deadline(task, date)
    exp = day.expected_share(task)
    exp_pct = exp * HUNDRED
    done = _done_amount(task, row) if row is not None else None
    decimals = _decimals(row.value) if row is not None and row.value is not None else 0
    as_of = row.as_of if row is not None else None
    conv = day.convention

    def state(status: Status, *, done_pct: Decimal | None = None, share_decimals: int = 1,
              gap_pp: Decimal | None = None, forecast: Decimal | None = None, forecast_met: bool | None = None,
              done_by: dt.date | None = None) -> ProgressState:
        return ProgressState(status, date, conv, exp_pct, done, decimals, done_pct, share_decimals, gap_pp,
                             forecast, forecast_met, as_of, done_by)

    kind = task.target_kind

    if kind is TargetKind.MILESTONE:  # milestones report percent complete (0–100); 100 means done on as_of
        if done is not None and done >= HUNDRED and row is not None:
            met = evaluate(TargetKind.MILESTONE, None, done_by=row.as_of, due=deadline, on=date).met
            return state(Status.DONE, forecast_met=met, done_by=row.as_of)
        if date > deadline:
            return state(Status.OVERDUE, forecast_met=False)
        if done is None:
            return state(Status.NOT_STARTED)
        gap_value = done - exp_pct
        return state(th.classify(round_half_up(gap_value, 1), exp_pct), done_pct=done,
                     share_decimals=max(decimals, 1), gap_pp=gap_value)

    target = task.target_value
    if kind is None or target is None or kind is TargetKind.QUALITATIVE:
        return state(Status.NO_TARGET)
    if done is None:
        return state(Status.OVERDUE if date > deadline else Status.NOT_STARTED)

    if kind not in _LEVELS:
        # a rate or growth target: judged directly, it has no share to accumulate
        result = evaluate(kind, target, level=done, growth_pct=done, unit=task.unit)
        if result.met:
            status = Status.DONE if date >= deadline else Status.AHEAD
        else:
            status = Status.OVERDUE if date > deadline else Status.LAGGING
        return state(status, forecast_met=result.met)

    if target <= 0:
        return state(Status.NO_TARGET)
    share = done / target * HUNDRED
    at_most = kind is TargetKind.LEVEL_AT_MOST
    gap_value = exp_pct - share if at_most else share - exp_pct
    if at_most:
        if done > target:
            status = Status.SERIOUSLY_LAGGING
        elif date >= deadline:
            status = Status.DONE
        else:
            status = th.classify(round_half_up(gap_value, 1), exp_pct)
    elif done >= target:
        status = Status.DONE
    elif date > deadline:
        status = Status.OVERDUE
    else:
        status = th.classify(round_half_up(gap_value, 1), exp_pct)

    forecast = forecast_met = None
    if exp > 0 and status is not Status.DONE:
        forecast = forecast_year_end(done, day.elapsed, exp)
        forecast_met = forecast <= target if at_most else forecast >= target
    elif status is Status.DONE:
        forecast_met = True
    return state(status, done_pct=share, gap_pp=gap_value, forecast=forecast, forecast_met=forecast_met)


def _pct(value: Decimal, label: str, formula: str, inputs: tuple[Figure, ...], unit: str = "%",
         **ref: str) -> Figure:
    return Figure(value, unit, 1, "computation", dict(ref), formula=formula, inputs=inputs, label=label)


def _done_figure(task: Task, row: ProgressRow, value: Decimal) -> Figure:
    ref = _row_ref(task, row)
    label = f"{task.name}完成量"
    if row.unit and task.unit and row.unit != task.unit:
        assert row.value is not None
        fig = published(row.value, task.unit, "progress", label=label, **ref)
        return Figure(value, task.unit, fig.decimals, "progress", ref, label=fig.label,
                      formula=f"{row.value}{row.unit} → {task.unit}")
    return published(value, task.unit or row.unit, "progress", label=label, **ref)


def progress_figures(task: Task, row: ProgressRow | None, state: ProgressState) -> TaskProgress:
    """The figures with provenance of a progress ``state`` of ``task`` (from ``progress_state``)."""
    on = state.on
    curve = task.curve or "linear"
    exp_fig = _pct(state.expected_pct, f"{task.name}序时进度",
                   f"expected share on {on.isoformat()} ({curve}, by {state.convention})", (),
                   task=task.code, on=on.isoformat(), convention=str(state.convention))
    done = _done_figure(task, row, state.done) if row is not None and state.done is not None else None
    target = None
    if task.target_kind is not TargetKind.MILESTONE and task.target_value is not None:
        target = published(task.target_value, task.unit, "target", label=f"{task.name}全年目标",
                           file=task.source.file or "tasks.csv", row=str(task.source.row), task=task.code,
                           column="target_value")
    share = gap = forecast = None
    if state.done_pct is not None and done is not None:
        if task.target_kind is TargetKind.MILESTONE:
            share = Figure(done.value, "%", state.share_decimals, "progress", dict(done.ref),
                           label=f"{task.name}完成进度")
            formula = "done share − expected share"
        else:
            assert target is not None
            share = _pct(state.done_pct, f"{task.name}完成进度", f"{done.value} / {target.value} × 100",
                         (done, target), task=task.code)
            at_most = task.target_kind is TargetKind.LEVEL_AT_MOST
            formula = "expected share − done share" if at_most else "done share − expected share"
        assert state.gap_pp is not None
        gap = _pct(state.gap_pp, f"{task.name}与序时进度之差", formula, (share, exp_fig), unit="pp", task=task.code)
    if state.forecast is not None and done is not None:
        forecast = Figure(state.forecast, task.unit, max(done.decimals, 1), "computation", {"task": task.code},
                          formula="done / expected share", inputs=(done, exp_fig), label=f"{task.name}全年预计")
    remaining = None
    if (task.target_kind is TargetKind.LEVEL_AT_LEAST and done is not None and target is not None
            and target.unit == done.unit and target.value > done.value):
        remaining = Figure(target.value - done.value, target.unit, max(done.decimals, target.decimals),
                           "computation", {"task": task.code}, formula="target − done", inputs=(target, done),
                           label=f"{task.name}剩余")
    return TaskProgress(task=task.code, done=done, target=target, done_share=share, expected_share=exp_fig,
                        gap_pp=gap, status=state.status, forecast=forecast, forecast_met=state.forecast_met,
                        on=on, as_of=state.as_of, done_by=state.done_by, remaining=remaining)


def task_progress(
    task: Task,
    row: ProgressRow | None,
    on: dt.date,
    *,
    convention: Convention | str = "days",
    thresholds: Thresholds | None = None,
) -> TaskProgress:
    """Progress of ``task`` on ``on`` from its latest approved progress ``row`` (None: none reported),
    with every figure's provenance: ``progress_state`` and then ``progress_figures``."""
    state = progress_state(task, row, on, convention=convention, thresholds=thresholds)
    return progress_figures(task, row, state)


def summarize(progresses: Iterable[TaskProgress]) -> dict[Status, int]:
    """Count of tasks by status, every status present (zero where none), in Status order."""
    counts = dict.fromkeys(Status, 0)
    for p in progresses:
        counts[p.status] += 1
    return counts
