"""Every observation's derived figures and target check in one columnar pass.

For each observation of a plan (all indicators, all periods) this computes what
``measures.indicator_figures`` computes for one, without building a ``Figure`` per number:

- the average annual growth from the growth versus the base period (两年平均: ((1 + g)^(1/n) − 1) × 100,
  published with one decimal), or the published average where no vs-base growth is given;
- the growth of the years between base and a year ago (implied middle year), one decimal;
- the yoy growth from levels (non-comparable levels only) where none is published, one decimal;
- whether the observation meets its indicator's annual target (published figure against the target).

Rounded figures are kept as integers of tenths; floats near a rounding tie, unit conversions and the
rare cases the vector code does not cover are done by the single-figure functions (``exact``), so every
published figure equals the single path's, which the property tests check figure for figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from .. import growth
from ..intervals import round_half_up
from ..model import Indicator, IndicatorKind, Plan, Target, TargetKind
from ..periods import Period, PeriodError
from ..targets import AT_MOST_KINDS, GROWTH_KINDS
from .rounding import floats, half_up

Ints = npt.NDArray[np.int64]
NONE, COMPUTED, PUBLISHED = 0, 1, 2  # kinds of an average annual growth


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    year: int
    end: int  # ordinal of the last day
    months: int
    year_before: str  # the same span a year earlier, canonical


def _period_infos(texts: Sequence[str]) -> dict[str, PeriodInfo | None]:
    out: dict[str, PeriodInfo | None] = {}
    for text in set(texts):
        try:
            p = Period.parse(text)
        except PeriodError:
            out[text] = None
            continue
        out[text] = PeriodInfo(p.year, p.end.toordinal(), p.months, str(p.shift_years(-1)))
    return out


class IndicatorColumns:
    """The derived figures of every observation of ``plan``, in the order of ``plan.observations``."""

    def __init__(self, plan: Plan) -> None:
        obs = plan.observations
        self.plan = plan
        self.observations = obs
        n = len(obs)
        self.n = n
        inds = {ind.code: k for k, ind in enumerate(plan.indicators)}
        self.indicator_pos = inds
        self.ind = np.array([inds.get(o.indicator, -1) for o in obs], dtype=np.int64)
        periods = [o.period for o in obs]
        infos = _period_infos(periods)
        uniq = sorted(infos)
        pid_of = {p: i for i, p in enumerate(uniq)}
        self.period_names = uniq
        self.pid = np.array([pid_of[p] for p in periods], dtype=np.int64)
        info = [infos[p] for p in uniq]
        self.bad_period = np.array([i is None for i in info], dtype=bool)[self.pid] if n else np.zeros(0, bool)
        year_of = np.array([i.year if i else 0 for i in info], dtype=np.int64)
        self.year = year_of[self.pid] if n else np.zeros(0, np.int64)
        self.end = (np.array([i.end if i else 0 for i in info], dtype=np.int64)[self.pid] if n
                    else np.zeros(0, np.int64))

        self.value = floats([o.value for o in obs])
        self.yoy = floats([o.yoy_pct for o in obs])
        self.vs_base = floats([o.vs_base_pct for o in obs])
        self.avg_pub = floats([o.avg_pct for o in obs])
        self.years, bad_base = self._years(infos)
        self.error = self.bad_period | bad_base | (self.ind < 0)
        # (1 + g) must stay positive for the average: a fall of 100% or more has no average (MeasureError)
        self.error |= (self.years >= 2) & ~np.isnan(self.vs_base) & (self.vs_base <= -100)

        self._average()
        self._implied()
        self._yoy_from_levels(pid_of, [infos[p] for p in uniq])
        self._targets()

    # --- the base period and the average ---------------------------------------------------------

    def _years(self, infos: dict[str, PeriodInfo | None]) -> tuple[Ints, npt.NDArray[np.bool_]]:
        """Years between each observation's period and its base period (0: no base)."""
        base_year = self.plan.base_year
        bases = [o.base_period for o in self.observations]
        cache: dict[str, int | None] = {}
        for b in set(bases):
            if not b:
                continue
            try:
                cache[b] = Period.parse(b).year
            except PeriodError:
                cache[b] = None
        explicit = np.array([cache.get(b, 0) if b else 0 for b in bases], dtype=object)
        bad = np.array([e is None for e in explicit], dtype=bool)
        has = np.array([bool(b) for b in bases], dtype=bool)
        explicit_year = np.where(bad | ~has, 0, explicit).astype(np.int64)
        years = np.where(has, self.year - explicit_year, 0)
        if base_year is not None:
            implicit = (~has) & (self.year > base_year)
            years = np.where(implicit, self.year - base_year, years)
        years = np.where(bad, 0, years)
        return years.astype(np.int64), bad

    def _average(self) -> None:
        vs, years = self.vs_base, self.years
        computed = ~np.isnan(vs) & (years >= 2) & ~self.error
        with np.errstate(invalid="ignore", divide="ignore"):
            avg = (np.power(1.0 + vs / 100.0, 1.0 / np.maximum(years, 1)) - 1.0) * 100.0
        k, unsure = half_up(np.where(computed, avg, np.nan), 1)
        one_year = ~np.isnan(vs) & (years == 1)  # growth over one year is its own annual growth
        published = ~computed & ~one_year & ~np.isnan(self.avg_pub)
        self.avg_kind = np.where(computed, COMPUTED, np.where(published, PUBLISHED, NONE)).astype(np.int8)
        self.avg_k = k
        for i in np.flatnonzero(unsure):
            o = self.observations[i]
            assert o.vs_base_pct is not None
            exact = round_half_up(growth.avg_annual(o.vs_base_pct, int(years[i])), 1)
            self.avg_k[i] = float(exact.scaleb(1))

    def _implied(self) -> None:
        vs, yoy = self.vs_base, self.yoy
        ok = ~np.isnan(vs) & ~np.isnan(yoy) & (self.years >= 2) & (vs > -100) & (yoy > -100) & ~self.error
        with np.errstate(invalid="ignore", divide="ignore"):
            implied = ((1.0 + vs / 100.0) / (1.0 + yoy / 100.0) - 1.0) * 100.0
        k, unsure = half_up(np.where(ok, implied, np.nan), 1)
        self.implied_k = k
        for i in np.flatnonzero(unsure):
            o = self.observations[i]
            assert o.vs_base_pct is not None and o.yoy_pct is not None
            exact = round_half_up(growth.implied_between(o.vs_base_pct, o.yoy_pct), 1)
            self.implied_k[i] = float(exact.scaleb(1))

    # --- yoy from levels -------------------------------------------------------------------------

    def _yoy_from_levels(self, pid_of: dict[str, int], info: list[PeriodInfo | None]) -> None:
        """yoy computed from this level and a year earlier's (non-comparable levels only), shown where no
        yoy is published (a published one stays; the single path notes a disagreement)."""
        n, n_periods = self.n, len(self.period_names)
        self.prev = np.full(n, -1, dtype=np.int64)
        self.yoy_lv_k = np.full(n, np.nan)
        self.unit_trouble = np.zeros(n, dtype=bool)
        self._order = self._sorted_key = np.zeros(0, dtype=np.int64)
        self._pid_of = pid_of
        if n == 0:
            return
        prev_pid = np.array([pid_of.get(i.year_before, -1) if i else -1 for i in info], dtype=np.int64)
        key = self.ind * n_periods + self.pid
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        self._order, self._sorted_key, self._pid_of = order, sorted_key, pid_of
        want = np.where(prev_pid[self.pid] >= 0, self.ind * n_periods + prev_pid[self.pid], -1)
        pos = np.maximum(np.searchsorted(sorted_key, want, side="right") - 1, 0)
        found = (want >= 0) & (sorted_key[pos] == want)
        prev = np.where(found, order[pos], -1)
        self.prev = prev

        kinds = self.plan.indicators
        eligible_ind = np.array([ind.kind is IndicatorKind.LEVEL and not ind.comparable for ind in kinds] + [False],
                                dtype=bool)
        prev_value = np.where(prev >= 0, self.value[np.maximum(prev, 0)], np.nan)
        ok = (eligible_ind[self.ind] & ~np.isnan(self.value) & (prev >= 0) & (prev_value > 0)
              & ~self.error)
        same_unit = np.ones(n, dtype=bool)
        units = [o.unit for o in self.observations]
        for i in np.flatnonzero(ok):
            p = int(prev[i])
            if units[p] and units[i] and units[p] != units[i]:
                same_unit[i] = False
        with np.errstate(invalid="ignore", divide="ignore"):
            computed = (self.value / prev_value - 1.0) * 100.0
        fast = ok & same_unit
        k, unsure = half_up(np.where(fast, computed, np.nan), 1)
        self.yoy_lv_k = k
        self.yoy_lv_exact = np.flatnonzero(unsure | (ok & ~same_unit))
        for i in self.yoy_lv_exact:
            self._exact_yoy(int(i), int(prev[i]))

    def _exact_yoy(self, i: int, p: int) -> None:
        from ..units import UnitError, convert

        o, prev = self.observations[i], self.observations[p]
        assert o.value is not None and prev.value is not None
        prev_value = prev.value
        if prev.unit and o.unit and prev.unit != o.unit:
            try:
                prev_value = convert(prev.value, prev.unit, o.unit)
            except UnitError:
                self.yoy_lv_k[i] = np.nan
                self.unit_trouble[i] = True
                return
        self.yoy_lv_k[i] = float(round_half_up(growth.yoy(o.value, prev_value), 1).scaleb(1))

    # --- targets ---------------------------------------------------------------------------------

    def _targets(self) -> None:
        """``met``: 1 met, 0 missed, -1 no result (no target, no figure, milestone, unit mismatch).

        An observation is checked against its indicator's first target for the observation's year
        (``targets.csv`` period "2021"), as the single path does."""
        n = self.n
        self.target_pos = np.full(n, -1, dtype=np.int64)
        self.met = np.full(n, -1, dtype=np.int8)
        self.gap = np.full(n, np.nan)
        targets = self.plan.targets
        first: dict[int, int] = {}
        for pos, t in enumerate(targets):
            k = self.indicator_pos.get(t.indicator)
            if k is not None and t.period.isdigit():
                first.setdefault(k * 10_000 + int(t.period), pos)
        if not first or n == 0:
            return
        keys = np.array(sorted(first), dtype=np.int64)
        t_pos = np.array([first[int(k)] for k in keys], dtype=np.int64)
        obs_key = self.ind * 10_000 + self.year
        at = np.minimum(np.searchsorted(keys, obs_key), len(keys) - 1)
        hit = (keys[at] == obs_key) & ~self.error
        self.target_pos = np.where(hit, t_pos[at], -1)
        rows = np.flatnonzero(hit)
        if rows.size == 0:
            return
        tp = self.target_pos[rows]
        kinds = [t.kind for t in targets]
        growth_kind = np.array([k in GROWTH_KINDS for k in kinds], dtype=bool)[tp]
        at_most = np.array([k in AT_MOST_KINDS for k in kinds], dtype=bool)[tp]
        reduction = np.array([k is TargetKind.REDUCTION_AT_LEAST for k in kinds], dtype=bool)[tp]
        judged = np.array([t.value is not None and t.kind not in (TargetKind.MILESTONE, TargetKind.QUALITATIVE)
                           for t in targets],
                          dtype=bool)[tp]
        value = np.array([np.nan if t.value is None else float(t.value) for t in targets])[tp]
        figure = np.where(growth_kind, self.yoy[rows], self.value[rows])
        gap = np.where(reduction, -figure - value, np.where(at_most, value - figure, figure - value))
        ok = judged & ~np.isnan(figure)
        self.met[rows] = np.where(ok, (gap >= 0).astype(np.int8), -1)
        self.gap[rows] = np.where(ok, gap, np.nan)
        inds = self.plan.indicators
        for j in np.flatnonzero(judged & ~growth_kind):  # a level in another unit than the target's: exact
            i, t = int(rows[j]), targets[int(tp[j])]
            ind = inds[int(self.ind[i])]
            if t.unit and self._needs_conversion(i, t, ind):
                self._exact_target(i, t, ind)

    def _needs_conversion(self, i: int, target: Target, ind: Indicator) -> bool:
        unit = self.observations[i].unit or ind.unit
        return bool(unit) and unit != target.unit and self.observations[i].value is not None

    def _exact_target(self, i: int, target: Target, ind: Indicator) -> None:
        from ..measures import target_result  # imported here: measures imports this package's users

        res = target_result(ind, self.observations[i], target, [])
        if res is None or res.met is None:
            self.met[i] = -1
            self.gap[i] = np.nan
            return
        self.met[i] = 1 if res.met else 0
        self.gap[i] = float(res.gap) if res.gap is not None else np.nan

    # --- reading ---------------------------------------------------------------------------------

    def position(self, code: str, period: str) -> int:
        """The position of the observation of indicator ``code`` for ``period`` (canonical), -1 if none;
        the last one where the plan has two (as ``PlanIndex``; a valid package has one)."""
        k, pid = self.indicator_pos.get(code), self._pid_of.get(period)
        if k is None or pid is None or self.n == 0:
            return -1
        key = k * len(self.period_names) + pid
        at = int(np.searchsorted(self._sorted_key, key, side="right")) - 1
        if at >= 0 and self._sorted_key[at] == key:
            return int(self._order[at])
        return -1

    def positions_of(self, code: str) -> list[int]:
        """The positions of indicator ``code``'s observations, in the plan's order."""
        k = self.indicator_pos.get(code)
        if k is None or self.n == 0:
            return []
        n_periods = len(self.period_names)
        lo = int(np.searchsorted(self._sorted_key, k * n_periods))
        hi = int(np.searchsorted(self._sorted_key, (k + 1) * n_periods))
        return sorted(int(i) for i in self._order[lo:hi])

    def in_period(self, period: str) -> dict[int, int]:
        """Indicator position → observation position, for the observations of ``period``."""
        pid = self._pid_of.get(period)
        if pid is None:
            return {}
        out: dict[int, int] = {}
        for i in np.flatnonzero(self.pid == pid):
            out[int(self.ind[i])] = int(i)
        return out

    def avg_annual(self, i: int) -> Decimal | None:
        """The average annual growth of observation ``i`` as published (computed: one decimal)."""
        kind = self.avg_kind[i]
        if kind == COMPUTED:
            return Decimal(int(self.avg_k[i])).scaleb(-1)
        if kind == PUBLISHED:
            return self.observations[i].avg_pct
        return None

    def implied(self, i: int) -> Decimal | None:
        k = self.implied_k[i]
        return None if np.isnan(k) else Decimal(int(k)).scaleb(-1)

    def yoy_shown(self, i: int) -> Decimal | None:
        """The yoy growth as shown: the published one, else the one from levels (one decimal)."""
        pub = self.observations[i].yoy_pct
        if pub is not None:
            return pub
        k = self.yoy_lv_k[i]
        return None if np.isnan(k) else Decimal(int(k)).scaleb(-1)

    def target_met(self, i: int) -> bool | None:
        m = int(self.met[i])
        return None if m < 0 else bool(m)
