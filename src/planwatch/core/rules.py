"""Warning rules as data (预警规则): YAML rules evaluated over a Plan into ``Warning`` objects.

A rule names its ``type`` (one of ``RuleType``), its ``params``, its ``level`` (red / yellow / notice,
or for task rules a mapping from task status to level) and two message templates with {placeholders}.
The default rules are ``rules/default.yaml``; a plan overrides them in plan.yaml ``settings.rules``
(a path or an inline list): a rule with a default rule's id replaces it, ``enabled: false`` switches
it off, new ids are added. Bad rule files raise ``RuleError`` naming the file, the rule and the field.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import yaml

from . import wording
from .figures import Figure, published
from .intervals import round_half_up
from .measures import PlanIndex, indicator_figures
from .model import IndicatorKind, Plan
from .periods import Period, PeriodError
from .progress import Status, TaskProgress, Thresholds, convention_from_settings, task_progress
from .targets import GROWTH_KINDS, describe
from .units import unit_name_en

DEFAULT_RULES = Path(__file__).with_name("rules") / "default.yaml"
LEVELS = ("red", "yellow", "notice")


class RuleError(ValueError):
    """A rule file or inline rule that is not valid: names file, rule id and field."""


class RuleType(StrEnum):
    GROWTH_BELOW_TARGET = "growth_below_target"
    BELOW_BASE = "below_base"
    TASK_BEHIND_TIME = "task_behind_time"
    MILESTONE_OVERDUE = "milestone_overdue"
    NO_RECENT_PROGRESS = "no_recent_progress"
    PROJECT_NOT_STARTED = "project_not_started"
    RANK_FELL = "rank_fell"


_COMMON = {"name", "name_en", "subject", "period", "period_en"}
PLACEHOLDERS: dict[RuleType, set[str]] = {
    RuleType.GROWTH_BELOW_TARGET: _COMMON | {"yoy", "growth_text", "growth_text_en", "target", "target_text",
                                             "target_text_en", "gap", "unit"},
    RuleType.BELOW_BASE: _COMMON | {"vs_base", "fall", "base", "base_en", "base_year"},
    RuleType.TASK_BEHIND_TIME: _COMMON | {"done", "target", "unit", "unit_en", "done_en", "target_en",
                                          "done_share", "expected_share",
                                          "gap", "status", "status_en", "lead", "on", "on_en"},
    RuleType.MILESTONE_OVERDUE: _COMMON | {"due", "due_en", "on", "on_en", "days", "lead", "target_text"},
    RuleType.NO_RECENT_PROGRESS: _COMMON | {"days", "last", "last_en", "limit", "lead", "on", "on_en"},
    RuleType.PROJECT_NOT_STARTED: _COMMON | {"planned_start", "planned_start_en", "on", "on_en", "days", "lead",
                                             "phase", "category"},
    RuleType.RANK_FELL: _COMMON | {"rank", "previous", "rank_en", "previous_en", "previous_period",
                                   "previous_period_en", "places"},
}
PARAMS: dict[RuleType, dict[str, Decimal]] = {
    RuleType.GROWTH_BELOW_TARGET: {"margin_pp": Decimal(0)},
    RuleType.BELOW_BASE: {"threshold_pct": Decimal(0)},
    RuleType.TASK_BEHIND_TIME: {"min_gap_pp": Decimal(0)},
    RuleType.MILESTONE_OVERDUE: {"grace_days": Decimal(0)},
    RuleType.NO_RECENT_PROGRESS: {"days": Decimal(45)},
    RuleType.PROJECT_NOT_STARTED: {"grace_days": Decimal(0)},
    RuleType.RANK_FELL: {"min_places": Decimal(1)},
}
@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    type: RuleType
    level: str | Mapping[str, str]  # "red" | "yellow" | "notice", or {status: level} for task rules
    message_zh: str
    message_en: str
    params: Mapping[str, Decimal] = field(default_factory=dict)
    enabled: bool = True
    source: str = ""  # the file (or "plan.yaml settings.rules") the rule came from

    def param(self, name: str) -> Decimal:
        return self.params.get(name, PARAMS[self.type][name])

    def level_for(self, status: str | None = None) -> str | None:
        """The level of a warning; for a mapping, the level of ``status`` (None: no warning)."""
        if isinstance(self.level, str):
            return self.level
        return self.level.get(status or "")


@dataclass(frozen=True, slots=True)
class Warning:
    rule: str  # Rule.id
    level: str  # red | yellow | notice
    subject_type: str  # indicator | task | project
    subject: str  # the subject's code
    subject_name: str
    figures: dict[str, Figure]
    message_zh: str
    message_en: str
    rule_type: str = ""


# --- loading --------------------------------------------------------------------------------------


def _fail(where: str, rule_id: str, fld: str, why: str) -> RuleError:
    return RuleError(f"{where}: rule {rule_id or '?'}: {fld}: {why}")


def _check_template(where: str, rid: str, fld: str, text: object, allowed: set[str]) -> str:
    if not isinstance(text, str) or not text.strip():
        raise _fail(where, rid, fld, "a message template (text) is required")
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise _fail(where, rid, fld, f"template does not parse ({exc})") from exc
    unknown = sorted(n for n in names if n not in allowed)
    if unknown:
        raise _fail(where, rid, fld, f"unknown placeholder {{{unknown[0]}}}; allowed: {', '.join(sorted(allowed))}")
    return text


def parse_rule(raw: object, where: str = "rules") -> Rule:
    """One rule from its mapping (as read from YAML), checked field by field."""
    if not isinstance(raw, Mapping):
        raise RuleError(f"{where}: each rule must be a mapping with id, type, level, message_zh, message_en")
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise _fail(where, "", "id", "a rule needs an id (text)")
    try:
        rtype = RuleType(str(raw.get("type")))
    except ValueError:
        raise _fail(where, rid, "type", f"{raw.get('type')!r} is not one of {', '.join(RuleType)}") from None
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise _fail(where, rid, "enabled", "must be true or false")
    level = raw.get("level")
    if isinstance(level, str):
        if level not in LEVELS:
            raise _fail(where, rid, "level", f"{level!r} is not one of {', '.join(LEVELS)}")
    elif isinstance(level, Mapping) and rtype is RuleType.TASK_BEHIND_TIME:
        for status, lv in level.items():
            if status not in Status.__members__.values():
                raise _fail(where, rid, "level", f"{status!r} is not a task status ({', '.join(Status)})")
            if lv not in LEVELS:
                raise _fail(where, rid, f"level.{status}", f"{lv!r} is not one of {', '.join(LEVELS)}")
        level = {str(k): str(v) for k, v in level.items()}
    elif isinstance(level, Mapping):
        raise _fail(where, rid, "level", "a mapping from status to level is only for task_behind_time rules")
    else:
        raise _fail(where, rid, "level", "must be red, yellow or notice"
                    + (" or a mapping from task status to level" if rtype is RuleType.TASK_BEHIND_TIME else ""))
    raw_params = raw.get("params") or {}
    if not isinstance(raw_params, Mapping):
        raise _fail(where, rid, "params", "must be a mapping of names to numbers")
    params: dict[str, Decimal] = {}
    for key, value in raw_params.items():
        if key not in PARAMS[rtype]:
            raise _fail(where, rid, f"params.{key}", f"unknown parameter; {rtype} takes {', '.join(PARAMS[rtype])}")
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise _fail(where, rid, f"params.{key}", f"{value!r} is not a number")
        try:
            params[key] = Decimal(str(value))
        except ArithmeticError:
            raise _fail(where, rid, f"params.{key}", f"{value!r} is not a number") from None
        if params[key] < 0:
            raise _fail(where, rid, f"params.{key}", "must not be negative")
    allowed = PLACEHOLDERS[rtype]
    zh = _check_template(where, rid, "message_zh", raw.get("message_zh"), allowed)
    en = _check_template(where, rid, "message_en", raw.get("message_en"), allowed)
    return Rule(rid, rtype, level, zh, en, params, enabled, where)


def parse_rules(raw: object, where: str = "rules") -> list[Rule]:
    """Rules from a YAML document: ``{rules: [...]}`` or a bare list; ids must be unique."""
    items = raw.get("rules") if isinstance(raw, Mapping) else raw
    if not isinstance(items, list):
        raise RuleError(f"{where}: expected a list of rules (or a mapping with a 'rules' list)")
    rules = [parse_rule(item, where) for item in items]
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise _fail(where, r.id, "id", "duplicate rule id")
        seen.add(r.id)
    return rules


def load_rules(path: str | Path | None = None) -> list[Rule]:
    """Rules from a YAML file (default: the bundled rules/default.yaml)."""
    p = Path(path) if path is not None else DEFAULT_RULES
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleError(f"{p}: cannot read rules file ({exc.strerror})") from exc
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{p}: not valid YAML ({exc})") from exc
    return parse_rules(raw, str(p))


def merge_rules(base: Sequence[Rule], override: Sequence[Rule]) -> list[Rule]:
    """``base`` with rules of the same id replaced by ``override``'s, new ids appended."""
    by_id = {r.id: r for r in override}
    out = [by_id.pop(r.id, r) for r in base]
    out += [r for r in override if r.id in by_id]
    return out


def plan_rules(plan: Plan) -> list[Rule]:
    """The rules in force for a plan: the defaults merged with plan.yaml ``settings.rules``."""
    rules = load_rules()
    custom = plan.settings.get("rules")
    if custom is None:
        return rules
    if isinstance(custom, str | Path):
        return merge_rules(rules, load_rules(custom))
    return merge_rules(rules, parse_rules(custom, "plan.yaml settings.rules"))


# --- evaluation -----------------------------------------------------------------------------------


def _num(fig: Figure | None) -> str:
    return "" if fig is None else wording.number(fig)


def _abs(value: Decimal, decimals: int = 1) -> str:
    return wording.plain(abs(round_half_up(value, decimals)))


def _growth_zh(fig: Figure | None) -> str:
    return "" if fig is None else wording.growth_zh(fig, up="同比增长", down="同比下降", flat="同比持平")


def _growth_en(fig: Figure | None) -> str:
    return "" if fig is None else wording.growth_en(fig, up="grew", down="fell", flat="was unchanged")


class _Context:
    def __init__(self, plan: Plan, period: Period, on: dt.date) -> None:
        self.plan = plan
        self.period = period
        self.on = on
        self.index = PlanIndex(plan)
        self.thresholds = Thresholds.from_settings(plan.settings)
        self.convention = convention_from_settings(plan.settings)
        self._progress: dict[str, TaskProgress] | None = None
        self.departments = {d.code: d.name for d in plan.departments}

    @property
    def progress(self) -> dict[str, TaskProgress]:
        if self._progress is None:
            self._progress = {
                t.code: task_progress(t, self.index.latest_progress(t.code, self.on), self.on,
                                      convention=self.convention, thresholds=self.thresholds)
                for t in self.plan.tasks
            }
        return self._progress

    def common(self, name: str, name_en: str, subject: str) -> dict[str, str]:
        return {"name": name, "name_en": name_en or name, "subject": subject,
                "period": wording.period_zh(self.period), "period_en": wording.period_en(self.period)}


def _render(rule: Rule, values: dict[str, str]) -> tuple[str, str]:
    return rule.message_zh.format_map(values), rule.message_en.format_map(values)


def _warn(rule: Rule, level: str, stype: str, subject: str, name: str, figures: dict[str, Figure],
          values: dict[str, str]) -> Warning:
    zh, en = _render(rule, values)
    return Warning(rule.id, level, stype, subject, name, figures, zh, en, str(rule.type))


def _growth_below_target(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    margin = rule.param("margin_pp")
    for ind in ctx.plan.indicators:
        target = ctx.index.targets.get((ind.code, str(ctx.period.year)))
        if target is None or target.value is None or target.kind not in GROWTH_KINDS:
            continue
        if ctx.index.observation(ind.code, str(ctx.period)) is None:
            continue
        f = indicator_figures(ctx.plan, ind.code, str(ctx.period), index=ctx.index)
        res = f.target_result
        if res is None or res.met is not False or res.gap is None or -res.gap <= margin or not level:
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
    threshold = -rule.param("threshold_pct")
    for ind in ctx.plan.indicators:
        obs = ctx.index.observation(ind.code, str(ctx.period))
        if obs is None or obs.vs_base_pct is None or obs.vs_base_pct >= threshold or not level:
            continue
        f = indicator_figures(ctx.plan, ind.code, str(ctx.period), index=ctx.index)
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
    for task in ctx.plan.tasks:
        p = ctx.progress[task.code]
        if p.gap_pp is None or p.done_share is None or p.target is None or p.done is None:
            continue
        gap = round_half_up(p.gap_pp.value, 1)
        if gap >= 0 or -gap <= min_gap:
            continue
        level = rule.level_for(p.status)
        if not level:
            continue
        figs = {"done": p.done, "target": p.target, "done_share": p.done_share,
                "expected_share": p.expected_share, "gap_pp": p.gap_pp}
        values = ctx.common(task.name, task.name_en, task.code) | {
            "done": _num(p.done), "target": _num(p.target), "unit": task.unit,
            "unit_en": unit_name_en(task.unit), "done_share": _num(p.done_share),
            "done_en": wording.amount_en(p.done), "target_en": wording.amount_en(p.target),
            "expected_share": _num(p.expected_share), "gap": _abs(p.gap_pp.value),
            "status": p.status.label_zh, "status_en": p.status.label_en,
            "lead": ctx.departments.get(task.lead, task.lead), "on": wording.date_zh(ctx.on), "on_en": wording.date_en(ctx.on)}
        yield _warn(rule, level, "task", task.code, task.name, figs, values)


def _milestone_overdue(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    grace = int(rule.param("grace_days"))
    for task in ctx.plan.tasks:
        p = ctx.progress[task.code]
        due = task.deadline or dt.date(ctx.on.year, 12, 31)
        days = (ctx.on - due).days
        if p.status is not Status.OVERDUE or days <= grace or not level:
            continue
        figs: dict[str, Figure] = {"days_overdue": Figure(Decimal(days), "天", 0, "computation",
                                                          {"task": task.code}, formula="on − due",
                                                          label=f"{task.name}逾期天数")}
        if p.done is not None:
            figs["done"] = p.done
        values = ctx.common(task.name, task.name_en, task.code) | {
            "due": wording.date_zh(due), "due_en": wording.date_en(due), "on": wording.date_zh(ctx.on), "on_en": wording.date_en(ctx.on),
            "days": str(days),
            "lead": ctx.departments.get(task.lead, task.lead), "target_text": task.target_text}
        yield _warn(rule, level, "task", task.code, task.name, figs, values)


def _no_recent_progress(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    limit = int(rule.param("days"))
    start = dt.date(ctx.on.year, 1, 1)
    for task in ctx.plan.tasks:
        p = ctx.progress[task.code]
        if p.status in (Status.DONE, Status.NO_TARGET) or not level:
            continue
        row = ctx.index.latest_progress(task.code, ctx.on)
        last = row.as_of if row is not None else start
        days = (ctx.on - last).days
        if days <= limit:
            continue
        fig = Figure(Decimal(days), "天", 0, "computation", {"task": task.code}, formula="on − last report",
                     label=f"{task.name}未报送天数")
        values = ctx.common(task.name, task.name_en, task.code) | {
            "days": str(days), "limit": str(limit), "on": wording.date_zh(ctx.on), "on_en": wording.date_en(ctx.on),
            "last": wording.date_zh(last) if row else "年初", "last_en": wording.date_en(last) if row else "the start of the year",
            "lead": ctx.departments.get(task.lead, task.lead)}
        yield _warn(rule, level, "task", task.code, task.name, {"days_since_report": fig}, values)


def _project_not_started(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    grace = int(rule.param("grace_days"))
    for proj in ctx.plan.projects:
        if proj.planned_start is None or not level:
            continue
        started = proj.actual_start is not None and proj.actual_start <= ctx.on
        if started or proj.phase in ("under_construction", "completed"):
            continue
        days = (ctx.on - proj.planned_start).days
        if days <= grace:
            continue
        fig = Figure(Decimal(days), "天", 0, "computation", {"project": proj.code}, formula="on − planned_start",
                     label=f"{proj.name}推迟开工天数")
        values = ctx.common(proj.name, proj.name_en, proj.code) | {
            "planned_start": wording.date_zh(proj.planned_start), "planned_start_en": wording.date_en(proj.planned_start),
            "on": wording.date_zh(ctx.on), "on_en": wording.date_en(ctx.on), "days": str(days),
            "lead": ctx.departments.get(proj.lead, proj.lead), "phase": proj.phase, "category": proj.category}
        yield _warn(rule, level, "project", proj.code, proj.name, {"days_late": fig}, values)


def _rank_fell(rule: Rule, ctx: _Context) -> Iterable[Warning]:
    level = rule.level_for()
    min_places = rule.param("min_places")
    for ind in ctx.plan.indicators:
        if ind.kind is not IndicatorKind.RANK or not level:
            continue
        obs = ctx.index.observation(ind.code, str(ctx.period))
        if obs is None or obs.value is None:
            continue
        prev = None
        prev_period: Period | None = None
        for other in ctx.index.by_indicator.get(ind.code, ()):
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
        now_fig = published(obs.value, obs.unit or ind.unit, "observation", label=f"{ind.name}排名",
                            indicator=ind.code, period=obs.period, file=obs.source.file or "observations.csv",
                            row=str(obs.source.row), column="value")
        prev_fig = published(prev.value, prev.unit or ind.unit, "observation", label=f"{ind.name}排名",
                             indicator=ind.code, period=prev.period, file=prev.source.file or "observations.csv",
                             row=str(prev.source.row), column="value")
        values = ctx.common(ind.name, ind.name_en, ind.code) | {
            "rank": format(obs.value, "f"), "previous": format(prev.value, "f"), "places": format(places, "f"),
            "rank_en": wording.ordinal_en(obs.value), "previous_en": wording.ordinal_en(prev.value),
            "previous_period": wording.period_zh(prev_period),
            "previous_period_en": wording.period_en(prev_period)}
        yield _warn(rule, level, "indicator", ind.code, ind.name, {"rank": now_fig, "previous": prev_fig}, values)


_EVALUATORS = {
    RuleType.GROWTH_BELOW_TARGET: _growth_below_target,
    RuleType.BELOW_BASE: _below_base,
    RuleType.TASK_BEHIND_TIME: _task_behind_time,
    RuleType.MILESTONE_OVERDUE: _milestone_overdue,
    RuleType.NO_RECENT_PROGRESS: _no_recent_progress,
    RuleType.PROJECT_NOT_STARTED: _project_not_started,
    RuleType.RANK_FELL: _rank_fell,
}


def evaluate(plan: Plan, period: str, on: dt.date | None = None, rules: Sequence[Rule] | None = None) -> list[Warning]:
    """Warnings of ``plan`` for ``period`` as of ``on`` (default: the period's last day).

    ``rules`` default to ``plan_rules(plan)``. Warnings come red first, then yellow, then notice; within
    a level in rule order, then in the order of the plan's rows.
    """
    try:
        per = Period.parse(period)
    except PeriodError as exc:
        raise ValueError(f"warnings: {exc}") from exc
    ctx = _Context(plan, per, on or per.end)
    active = [r for r in (plan_rules(plan) if rules is None else rules) if r.enabled]
    out: list[tuple[int, int, int, Warning]] = []
    for i, rule in enumerate(active):
        for j, w in enumerate(_EVALUATORS[rule.type](rule, ctx)):
            out.append((LEVELS.index(w.level), i, j, w))
    out.sort(key=lambda t: t[:3])
    return [w for *_, w in out]


__all__ = ["DEFAULT_RULES", "Rule", "RuleError", "RuleType", "Warning", "evaluate", "load_rules",
           "merge_rules", "parse_rules", "plan_rules"]


