"""One assessment of a plan for a period as of a date: every figure, state and warning, computed once.

``assess(plan, period, as_of)`` is the one call the report, the pages, the API, the Excel template and
the CLI read. It computes in one columnar pass (``core.bulk``) the derived figures and target check of
every observation and the time progress of every task, then decides the warnings. What is printed with
its provenance — an indicator's ``IndicatorFigures``, a task's ``TaskProgress``, a warning's figures and
message — is built from the single-figure functions when first asked for, and kept; the bulk path and
the single-figure functions give the same published figures (tests/core/test_assess_props.py).

An ``Assessment`` does not change once made: a change of the plan's data makes a new one (the web app
keeps one per plan version).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .bulk.indicators import IndicatorColumns
from .bulk.tasks import Published, TaskColumns
from .errors import PlanwatchError
from .figures import Figure
from .intervals import round_half_up
from .measures import IndicatorFigures, indicator_figures
from .model import Indicator, Observation, Plan, Project, Target, Task
from .periods import Period, PeriodError, year_elapsed
from .progress import Status, TaskProgress, Thresholds, convention_from_settings, progress_figures

if TYPE_CHECKING:
    from .rules import Rule, Warning
    from .warnings import RankChange


class AssessmentError(PlanwatchError):
    """A period or date an assessment cannot be made for."""


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An observation's figures as printed (pages, API, tables): published ones as published, derived
    ones rounded half up to one decimal. ``IndicatorFigures`` (``Assessment.indicator``) has the same
    figures with their provenance."""

    indicator: Indicator
    observation: Observation
    value: Decimal | None
    yoy: Decimal | None  # published, else from levels (``yoy_from_levels``)
    yoy_from_levels: bool
    vs_base: Decimal | None
    base_period: str
    avg_annual: Decimal | None  # computed from vs_base (one decimal), else a published average
    avg_computed: bool
    implied_between: Decimal | None
    target: Target | None
    target_met: bool | None
    error: bool = False  # figures that cannot be derived (the single path raises MeasureError)

    @property
    def period(self) -> str:
        return self.observation.period


@dataclass(frozen=True, slots=True)
class ProjectState:
    project: Project
    started: bool  # construction started on or before the date (actual start, or a phase past it)
    completed: bool
    days_late: int | None  # not started although its planned start has passed: days since then
    investment_pct: Decimal | None  # investment done over the year's plan, percent, one decimal


class _Lookup:
    """``measures.PlanLookup`` over the assessment's columns: no second index of every observation."""

    def __init__(self, plan: Plan, cols: IndicatorColumns) -> None:
        self.plan, self.cols = plan, cols
        self._targets: dict[tuple[str, str], Target] = {}
        for t in plan.targets:
            self._targets.setdefault((t.indicator, t.period), t)

    def indicator(self, code: str) -> Indicator:
        k = self.cols.indicator_pos.get(code)
        if k is None:
            raise KeyError(f"unknown indicator {code!r}")
        return self.plan.indicators[k]

    def observation(self, code: str, period: str) -> Observation | None:
        i = self.cols.position(code, period)
        return None if i < 0 else self.plan.observations[i]

    def target(self, code: str, period: str) -> Target | None:
        return self._targets.get((code, period))

    def observations_of(self, code: str) -> list[Observation]:
        return [self.plan.observations[i] for i in self.cols.positions_of(code)]


class Assessment:
    """Every figure, state and warning of ``plan`` for ``period`` as of ``on`` (see the module doc)."""

    def __init__(self, plan: Plan, period: Period, on: dt.date, rules: Sequence[Rule] | None = None,
                 reuse: Assessment | None = None) -> None:
        self.plan = plan
        self.period = period
        self.on = on
        self.convention = convention_from_settings(plan.settings)
        self.thresholds = Thresholds.from_settings(plan.settings)
        self.indicators: IndicatorColumns = (reuse.indicators if reuse is not None and _same_figures(reuse.plan, plan)
                           else IndicatorColumns(plan))
        self.tasks = TaskColumns(plan, on, self.convention, self.thresholds)
        self.lookup = _Lookup(plan, self.indicators)
        self._task_pos = {t.code: k for k, t in enumerate(plan.tasks)}
        self._in_period = self.indicators.in_period(str(period))
        self._lock = threading.Lock()
        self._figures: dict[tuple[str, str], IndicatorFigures] = {}
        self._progress: dict[str, TaskProgress] = {}
        self._series: dict[str, tuple[int, ...]] = {}  # an indicator's observations by period end
        from .rules import plan_rules

        self.rules = tuple(plan_rules(plan) if rules is None else rules)
        self._warnings: tuple[Warning, ...] | None = None
        self._rankings: tuple[RankChange, ...] | None = None

    # --- indicators ------------------------------------------------------------------------------

    def indicator(self, code: str, period: str | None = None) -> IndicatorFigures:
        """The figures of indicator ``code`` for ``period`` (default: the assessment's) with provenance."""
        key = (code, period or str(self.period))
        figs = self._figures.get(key)
        if figs is None:
            figs = indicator_figures(self.plan, code, key[1], index=self.lookup)
            self._figures[key] = figs
        return figs

    def row(self, code: str, period: str | None = None) -> IndicatorRow | None:
        """The printed figures of indicator ``code``'s observation for ``period`` (default: the
        assessment's); None when there is no observation."""
        if period is None:
            k = self.indicators.indicator_pos.get(code)
            i = self._in_period.get(k, -1) if k is not None else -1
        else:
            i = self.indicators.position(code, period)
        return None if i < 0 else self._row(i)

    def _row(self, i: int) -> IndicatorRow:
        c = self.indicators
        obs = self.plan.observations[i]
        ind = self.plan.indicators[int(c.ind[i])]
        t = int(c.target_pos[i])
        base = obs.base_period
        if not base and self.plan.base_year is not None:
            try:
                p = Period.parse(obs.period)
                base = str(p.shift_years(self.plan.base_year - p.year)) if self.plan.base_year < p.year else ""
            except PeriodError:
                base = ""
        return IndicatorRow(
            ind, obs, obs.value, c.yoy_shown(i), obs.yoy_pct is None and c.yoy_shown(i) is not None,
            obs.vs_base_pct, base, c.avg_annual(i), c.avg_kind[i] == 1, c.implied(i),
            self.plan.targets[t] if t >= 0 else None, c.target_met(i), bool(c.error[i]))

    def _series_positions(self, code: str) -> tuple[int, ...]:
        found = self._series.get(code)
        if found is None:
            obs = self.plan.observations
            found = self._series[code] = tuple(sorted(self.indicators.positions_of(code),
                                                      key=lambda i: _period_key(obs[i].period)))
        return found

    def series(self, code: str) -> list[IndicatorRow]:
        """Every observation of indicator ``code``, by period end (a longer span after a shorter one)."""
        return [self._row(i) for i in self._series_positions(code)]

    def latest(self, code: str) -> IndicatorRow | None:
        """The indicator's latest observation (by period end; of two ending together, the longer span)."""
        positions = self._series_positions(code)
        return self._row(positions[-1]) if positions else None

    def annual_target(self, code: str) -> Target | None:
        return self.lookup.target(code, str(self.period.year))

    # --- tasks -----------------------------------------------------------------------------------

    def state(self, code: str) -> Published:
        """Task ``code``'s progress as printed: status, done, share done, time progress, gap."""
        return self.tasks.published(self._task_pos[code])

    def task(self, code: str) -> TaskProgress:
        """Task ``code``'s progress with every figure's provenance. Raises ``KeyError`` for an unknown
        task and the core's error for a curve or unit that does not parse."""
        tp = self._progress.get(code)
        if tp is None:
            from .progress import progress_state

            k = self._task_pos[code]
            task = self.plan.tasks[k]
            r = int(self.tasks.row[k])
            row = self.plan.progress[r] if r >= 0 else None
            state = self.tasks.states.get(k) or progress_state(task, row, self.tasks.day,
                                                               thresholds=self.thresholds)
            tp = self._progress[code] = progress_figures(task, row, state)
        return tp

    def task_terms(self, code: str) -> Task:
        return self.plan.tasks[self._task_pos[code]]

    @property
    def counts(self) -> dict[str, int]:
        """Tasks by status (every status, zero where none; "error" for tasks whose state failed)."""
        c: Counter[str] = Counter()
        errors = self.tasks.errors
        for k in range(self.tasks.n):
            c["error" if k in errors else str(self.tasks.status_of(k))] += 1
        out = {str(s): c.get(str(s), 0) for s in Status}
        if c.get("error"):
            out["error"] = c["error"]
        return out

    @property
    def time_progress(self) -> Figure:
        """The share of the year elapsed on ``on`` (序时进度 of a task spanning the year), percent."""
        share = year_elapsed(self.on, self.convention) * 100
        return Figure(share, "%", 1, "computation", {"on": self.on.isoformat(), "convention": str(self.convention)},
                      formula=f"share of {self.on.year} elapsed on {self.on.isoformat()} (by {self.convention})",
                      label="序时进度")

    # --- projects --------------------------------------------------------------------------------

    def project(self, code: str) -> ProjectState:
        for p in self.plan.projects:
            if p.code == code:
                return project_state(p, self.on)
        raise KeyError(f"unknown project {code!r}")

    def project_groups(self) -> dict[str, list[str]]:
        """Project codes by category, by whether started on the date, and completed."""
        groups: dict[str, list[str]] = {}
        if not self.plan.projects:
            return groups
        groups["all"] = [p.code for p in self.plan.projects]
        for p in self.plan.projects:
            s = project_state(p, self.on)
            groups.setdefault(p.category, []).append(p.code)
            groups.setdefault("started" if s.started else "not_started", []).append(p.code)
            if s.completed:
                groups.setdefault("completed", []).append(p.code)
        return groups

    # --- warnings --------------------------------------------------------------------------------

    @property
    def warnings(self) -> tuple[Warning, ...]:
        """The warnings of the rules in force, red first (``core.rules``), built on first use."""
        if self._warnings is None:
            with self._lock:
                if self._warnings is None:
                    from .warnings import warnings_of

                    self._warnings = tuple(warnings_of(self, self.rules))
        return self._warnings

    @property
    def rankings(self) -> tuple[RankChange, ...]:
        """Rankings that fell: over the period, and for a period of several months, in its last month
        against the month before (接诉即办 6月份全市排名第11名)."""
        if self._rankings is None:
            from .warnings import rank_changes

            self._rankings = tuple(rank_changes(self))
        return self._rankings


def _same_figures(a: Plan, b: Plan) -> bool:
    """Whether two plans hold the very same indicator rows (the same list objects): then the columns of
    one are the other's (they depend on nothing else but the base year)."""
    return (a.indicators is b.indicators and a.observations is b.observations and a.targets is b.targets
            and a.base_year == b.base_year)


def project_state(p: Project, on: dt.date) -> ProjectState:
    started = (p.actual_start is not None and p.actual_start <= on) or p.phase in ("under_construction", "completed")
    late = None
    if not started and p.planned_start is not None and p.planned_start < on:
        late = (on - p.planned_start).days
    pct = None
    if p.investment_plan and p.investment_done is not None and p.investment_plan > 0:
        pct = round_half_up(p.investment_done / p.investment_plan * 100, 1)
    return ProjectState(p, started, p.phase == "completed", late, pct)


@functools.lru_cache(maxsize=4096)
def _period_key(period: str) -> tuple[int, int]:
    try:
        p = Period.parse(period)
    except PeriodError:
        return (0, 0)
    return (p.end.toordinal(), -p.start.toordinal())


def monitoring_date(plan: Plan, today: dt.date) -> dt.date:
    """The date a plan's monitoring measures time progress on: ``settings.as_of`` if set, else the date of
    the latest progress figure, else ``today`` (kept inside the plan year)."""
    raw = (plan.settings or {}).get("as_of")
    if raw:
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            pass
    latest = max((r.as_of for r in plan.progress), default=None)
    if latest is not None:
        return latest
    return min(max(today, dt.date(plan.year, 1, 1)), dt.date(plan.year, 12, 31))


def monitoring_period(plan: Plan, on: dt.date) -> Period:
    """The period a plan's monitoring speaks of on ``on``: ``settings.period`` if set, else the latest
    observed period of the plan year that has ended by ``on``, else the year to ``on``'s month."""
    raw = (plan.settings or {}).get("period")
    if raw:
        try:
            return Period.parse(str(raw))
        except PeriodError:
            pass
    best: Period | None = None
    for text in {o.period for o in plan.observations}:
        try:
            per = Period.parse(text)
        except PeriodError:
            continue
        if per.year == plan.year and per.end <= on and (best is None or per.end > best.end):
            best = per
    return best if best is not None else Period.parse(f"{plan.year}-{on.month:02d}")


def assess(plan: Plan, period: str | Period, as_of: dt.date | None = None, *,
           rules: Sequence[Rule] | None = None, reuse: Assessment | None = None) -> Assessment:
    """The assessment of ``plan`` for ``period`` (2021H1, 2021-06 …) as of ``as_of`` (default: the last
    day of the period). ``rules`` default to the plan's rules in force (``rules.plan_rules``). ``reuse``:
    an earlier assessment of a plan holding the same indicator rows (the same list objects, as the web
    app keeps them while only tasks change): its columns of every observation are taken, not computed
    again."""
    try:
        p = period if isinstance(period, Period) else Period.parse(period)
    except PeriodError as exc:
        raise AssessmentError(str(exc)) from exc
    return Assessment(plan, p, as_of or p.end, rules, reuse)


__all__ = ["Assessment", "AssessmentError", "IndicatorRow", "ProjectState", "assess", "monitoring_date",
           "monitoring_period", "project_state"]
