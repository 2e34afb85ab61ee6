"""The warning rules (``core.rules``) evaluated over an assessment (``core.assess``).

Each rule type selects its subjects from the assessment's columns — an indicator's target check and
vs-base growth, a task's status, gap and last report, a project's start — and builds a ``Warning`` with
its figures (with provenance) and its two messages only for the subjects it selects. Task progress is
the assessment's: the rules never compute it a second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from . import wording
from .figures import Figure, published
from .intervals import round_half_up
from .model import IndicatorKind, Observation
from .periods import Granularity, Period, PeriodError
from .progress import Status
from .rules import LEVELS, Rule, RuleType, Warning
from .targets import GROWTH_KINDS, describe
from .units import unit_name_en

if TYPE_CHECKING:
    from .assess import Assessment


@dataclass(frozen=True, slots=True)
class RankChange:
    """A ranking that fell, with the figures a report tells it with."""

    indicator: str
    rank: Figure
    previous: Figure
    places: Figure  # rank − previous (positive: fell)
    period: Period
    previous_period: Period


def _num(fig: Figure | None) -> str:
    return "" if fig is None else wording.number(fig)


def _abs(value: Decimal, decimals: int = 1) -> str:
    return wording.plain(abs(round_half_up(value, decimals)))


def _growth_zh(fig: Figure | None) -> str:
    return "" if fig is None else wording.growth_zh(fig, up="同比增长", down="同比下降", flat="同比持平")


def _growth_en(fig: Figure | None) -> str:
    return "" if fig is None else wording.growth_en(fig, up="grew", down="fell", flat="was unchanged")


class _Context:
    def __init__(self, a: Assessment, period: Period | None = None) -> None:
        self.a = a
        self.plan = a.plan
        self.period = period or a.period
        self.on = a.on
        self.departments = {d.code: d.name for d in a.plan.departments}

    def common(self, name: str, name_en: str, subject: str) -> dict[str, str]:
        return {"name": name, "name_en": name_en or name, "subject": subject,
                "period": wording.period_zh(self.period), "period_en": wording.period_en(self.period)}

    def lead(self, code: str) -> str:
        return self.departments.get(code, code)


def _warn(rule: Rule, level: str, stype: str, subject: str, name: str, figures: dict[str, Figure],
          values: dict[str, str], nothing_done: bool = False) -> Warning:
    """A warning with its messages; the rule's parameters join its figures (the 45 of "超过45天"), so that
    every number of the message has a source: a parameter's is the rule file (origin "setting").
    ``nothing_done``: the rule's wording for a task not begun, when it has one (not "完成0项，占…的0.0%")."""
    zh_text = (nothing_done and rule.nothing_done_zh) or rule.message_zh
    en_text = (nothing_done and rule.nothing_done_en) or rule.message_en
    zh, en = zh_text.format_map(values), en_text.format_map(values)
    figs = dict(figures)
    for pname, value in rule.params.items():
        figs.setdefault(f"param:{pname}", published(Decimal(str(value)), "", "setting", label=f"rule {rule.id} {pname}",
                                                    file=rule.source or "core/rules/default.yaml", rule=rule.id,
                                                    param=pname))
    return Warning(rule.id, level, stype, subject, name, figs, zh, en, str(rule.type))


def _growth_below_target(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    if not level:
        return
    margin = rule.param("margin_pp")
    a = ctx.a
    for ind in ctx.plan.indicators:
        row = a.row(ind.code)
        if row is None or row.target is None or row.target_met is not False:
            continue
        target = row.target
        if target.value is None or target.kind not in GROWTH_KINDS:
            continue
        f = a.indicator(ind.code)
        res = f.target_result
        if res is None or res.met is not False or res.gap is None or -res.gap <= margin:
            continue
        zh, en = describe(target.kind, target.value, target.unit, target.due)
        figs = {k: v for k, v in (("yoy", f.yoy), ("value", f.value), ("target", f.target)) if v is not None}
        values = ctx.common(ind.name, ind.name_en, ind.code) | {
            "yoy": _num(f.yoy), "growth_text": _growth_zh(f.yoy), "growth_text_en": _growth_en(f.yoy),
            "target": format(target.value, "f"), "target_text": zh,
            "target_text_en": en, "gap": format(abs(res.gap), "f"), "unit": target.unit}
        yield _warn(rule, level, "indicator", ind.code, ind.name, figs, values)


def _below_base(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    if not level:
        return
    threshold = -rule.param("threshold_pct")
    a = ctx.a
    for ind in ctx.plan.indicators:
        row = a.row(ind.code)
        obs = row.observation if row is not None else None
        if obs is None or obs.vs_base_pct is None or obs.vs_base_pct >= threshold:
            continue
        f = a.indicator(ind.code)
        try:
            base = Period.parse(f.base_period) if f.base_period else None
        except PeriodError:
            base = None
        figs = {k: v for k, v in (("vs_base", f.vs_base), ("avg_annual", f.avg_annual), ("value", f.value))
                if v is not None}
        values = ctx.common(ind.name, ind.name_en, ind.code) | {
            "vs_base": _num(f.vs_base), "fall": format(-obs.vs_base_pct, "f"),
            "base": wording.period_zh(base) if base else "基期",
            "base_en": wording.period_en(base) if base else "the base period",
            "base_year": str(base.year) if base else ""}
        yield _warn(rule, level, "indicator", ind.code, ind.name, figs, values)


def _task_behind_time(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    min_gap = rule.param("min_gap_pp")
    a = ctx.a
    for task in ctx.plan.tasks:
        s = a.state(task.code)
        if s.error or s.gap_pp is None or s.done_pct is None or s.done is None:
            continue
        if s.gap_pp >= 0 or -s.gap_pp <= min_gap:
            continue
        level = rule.level_for(s.status)
        if not level:
            continue
        p = a.task(task.code)
        if p.gap_pp is None or p.done_share is None or p.target is None or p.done is None:
            continue  # a milestone: no target amount to be behind of (milestone_overdue tells it)
        figs = {"done": p.done, "target": p.target, "done_share": p.done_share,
                "expected_share": p.expected_share, "gap_pp": p.gap_pp}
        values = ctx.common(task.name, task.name_en, task.code) | {
            "done": _num(p.done), "target": _num(p.target), "unit": task.unit,
            "unit_en": unit_name_en(task.unit), "done_share": _num(p.done_share),
            "done_en": wording.amount_en(p.done), "target_en": wording.amount_en(p.target),
            "expected_share": _num(p.expected_share), "gap": _abs(p.gap_pp.value),
            "status": p.status.label_zh, "status_en": p.status.label_en,
            "lead": ctx.lead(task.lead), "on": wording.date_zh(ctx.on), "on_en": wording.date_en(ctx.on)}
        yield _warn(rule, level, "task", task.code, task.name, figs, values, nothing_done=p.done.value == 0)


def _milestone_overdue(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    if not level:
        return
    grace = int(rule.param("grace_days"))
    a = ctx.a
    for task in ctx.plan.tasks:
        s = a.state(task.code)
        due = task.deadline or dt.date(ctx.on.year, 12, 31)
        days = (ctx.on - due).days
        if s.error or s.status is not Status.OVERDUE or days <= grace:
            continue
        figs: dict[str, Figure] = {"days_overdue": Figure(Decimal(days), "天", 0, "computation",
                                                          {"task": task.code}, formula="on − due",
                                                          label=f"{task.name}逾期天数")}
        done = a.task(task.code).done
        if done is not None:
            figs["done"] = done
        values = ctx.common(task.name, task.name_en, task.code) | {
            "due": wording.date_zh(due), "due_en": wording.date_en(due), "on": wording.date_zh(ctx.on),
            "on_en": wording.date_en(ctx.on), "days": str(days), "lead": ctx.lead(task.lead),
            "target_text": task.target_text}
        yield _warn(rule, level, "task", task.code, task.name, figs, values)


def _no_recent_progress(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    if not level:
        return
    limit = int(rule.param("days"))
    start = dt.date(ctx.on.year, 1, 1)
    a = ctx.a
    for task in ctx.plan.tasks:
        s = a.state(task.code)
        if s.error or s.status in (Status.DONE, Status.NO_TARGET):
            continue
        last = s.as_of or start
        days = (ctx.on - last).days
        if days <= limit:
            continue
        fig = Figure(Decimal(days), "天", 0, "computation", {"task": task.code}, formula="on − last report",
                     label=f"{task.name}未报送天数")
        values = ctx.common(task.name, task.name_en, task.code) | {
            "days": str(days), "limit": str(limit), "on": wording.date_zh(ctx.on), "on_en": wording.date_en(ctx.on),
            "last": wording.date_zh(last) if s.as_of else "年初",
            "last_en": wording.date_en(last) if s.as_of else "the start of the year",
            "lead": ctx.lead(task.lead)}
        yield _warn(rule, level, "task", task.code, task.name, {"days_since_report": fig}, values)


def _project_not_started(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    from .assess import project_state

    level = rule.level_for()
    if not level:
        return
    grace = int(rule.param("grace_days"))
    for proj in ctx.plan.projects:
        state = project_state(proj, ctx.on)
        if proj.planned_start is None or state.started:
            continue
        days = (ctx.on - proj.planned_start).days
        if days <= grace:
            continue
        fig = Figure(Decimal(days), "天", 0, "computation", {"project": proj.code}, formula="on − planned_start",
                     label=f"{proj.name}推迟开工天数")
        values = ctx.common(proj.name, proj.name_en, proj.code) | {
            "planned_start": wording.date_zh(proj.planned_start),
            "planned_start_en": wording.date_en(proj.planned_start),
            "on": wording.date_zh(ctx.on), "on_en": wording.date_en(ctx.on), "days": str(days),
            "lead": ctx.lead(proj.lead), "phase": proj.phase, "category": proj.category}
        yield _warn(rule, level, "project", proj.code, proj.name, {"days_late": fig}, values)


def _rank_figure(obs: Observation, unit: str, label: str) -> Figure:
    assert obs.value is not None
    return published(obs.value, obs.unit or unit, "observation", label=label, indicator=obs.indicator,
                     period=obs.period, file=obs.source.file or "observations.csv", row=str(obs.source.row),
                     column="value")


def _rank_moves(ctx: _Context, min_places: Decimal) -> Iterable[RankChange]:
    """Ranks of the period that fell by at least ``min_places`` against the latest earlier period of the
    same kind (a month against the month before, a half against the half before)."""
    a = ctx.a
    for ind in ctx.plan.indicators:
        if ind.kind is not IndicatorKind.RANK:
            continue
        obs = a.lookup.observation(ind.code, str(ctx.period))
        if obs is None or obs.value is None:
            continue
        prev: Observation | None = None
        prev_period: Period | None = None
        for other in a.lookup.observations_of(ind.code):
            try:
                op = Period.parse(other.period)
            except PeriodError:
                continue
            if other.value is None or op.granularity is not ctx.period.granularity or op.end >= ctx.period.end:
                continue
            if prev_period is None or op.end > prev_period.end:
                prev, prev_period = other, op
        if prev is None or prev_period is None or prev.value is None:
            continue
        places = obs.value - prev.value
        if places < min_places:
            continue
        now_fig = _rank_figure(obs, ind.unit, f"{ind.name}排名")
        prev_fig = _rank_figure(prev, ind.unit, f"{ind.name}排名")
        places_fig = Figure(places, "位", 0, "computation", {"indicator": ind.code}, formula="rank − previous rank",
                            inputs=(now_fig, prev_fig), label=f"{ind.name}排名下降位次")
        yield RankChange(ind.code, now_fig, prev_fig, places_fig, ctx.period, prev_period)


def _rank_fell(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    if not level:
        return
    inds = {i.code: i for i in ctx.plan.indicators}
    for move in _rank_moves(ctx, rule.param("min_places")):
        ind = inds[move.indicator]
        values = ctx.common(ind.name, ind.name_en, ind.code) | {
            "rank": _num(move.rank), "previous": _num(move.previous), "places": _num(move.places),
            "rank_en": wording.ordinal_en(move.rank.value), "previous_en": wording.ordinal_en(move.previous.value),
            "previous_period": wording.period_zh(move.previous_period),
            "previous_period_en": wording.period_en(move.previous_period)}
        figs = {"rank": move.rank, "previous": move.previous, "places": move.places}
        yield _warn(rule, level, "indicator", ind.code, ind.name, figs, values)


_EVALUATORS = {
    RuleType.GROWTH_BELOW_TARGET: _growth_below_target,
    RuleType.BELOW_BASE: _below_base,
    RuleType.TASK_BEHIND_TIME: _task_behind_time,
    RuleType.MILESTONE_OVERDUE: _milestone_overdue,
    RuleType.NO_RECENT_PROGRESS: _no_recent_progress,
    RuleType.PROJECT_NOT_STARTED: _project_not_started,
    RuleType.RANK_FELL: _rank_fell,
}


def warnings_of(a: Assessment, rules: Sequence[Rule]) -> list[Warning]:
    """The warnings of the enabled ``rules`` over ``a``: red first, then yellow, then notice; within a
    level in rule order, then in the order of the plan's rows."""
    ctx = _Context(a)
    out: list[tuple[int, int, int, Warning]] = []
    for i, rule in enumerate(r for r in rules if r.enabled):
        for j, w in enumerate(_EVALUATORS[rule.type](rule, ctx)):
            out.append((LEVELS.index(w.level), i, j, w))
    out.sort(key=lambda t: t[:3])
    return [w for *_, w in out]


def rank_changes(a: Assessment) -> list[RankChange]:
    """Rankings that fell by the rules' ``min_places`` (default 1): over the period, and for a period of
    several months in its last month against the month before."""
    rule = next((r for r in a.rules if r.type is RuleType.RANK_FELL and r.enabled), None)
    if rule is None:
        return []
    min_places = rule.param("min_places")
    out = list(_rank_moves(_Context(a), min_places))
    seen = {m.indicator for m in out}
    p = a.period
    if p.first != p.last:
        month = Period(p.year, p.last, p.last, Granularity.MONTH)
        out += [m for m in _rank_moves(_Context(a, month), min_places) if m.indicator not in seen]
    return out


__all__ = ["RankChange", "rank_changes", "warnings_of"]
