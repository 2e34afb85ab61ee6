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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import yaml

from .errors import PlanwatchError
from .figures import Figure
from .model import Plan
from .progress import Status

DEFAULT_RULES = Path(__file__).with_name("rules") / "default.yaml"
LEVELS = ("red", "yellow", "notice")


class RuleError(PlanwatchError):
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
    # the messages when nothing is done yet (task_behind_time; blank: the messages above)
    nothing_done_zh: str = ""
    nothing_done_en: str = ""

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
    none_zh = none_en = ""
    if rtype is RuleType.TASK_BEHIND_TIME:
        if raw.get("message_zh_nothing_done") is not None:
            none_zh = _check_template(where, rid, "message_zh_nothing_done", raw["message_zh_nothing_done"], allowed)
        if raw.get("message_en_nothing_done") is not None:
            none_en = _check_template(where, rid, "message_en_nothing_done", raw["message_en_nothing_done"], allowed)
    return Rule(rid, rtype, level, zh, en, params, enabled, where, none_zh, none_en)


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


def evaluate(plan: Plan, period: str, on: dt.date | None = None, rules: Sequence[Rule] | None = None) -> list[Warning]:
    """Warnings of ``plan`` for ``period`` as of ``on`` (default: the period's last day): those of the
    plan's assessment (``assess(plan, period, on).warnings``, evaluated by ``core.warnings``).

    ``rules`` default to ``plan_rules(plan)``. Warnings come red first, then yellow, then notice; within
    a level in rule order, then in the order of the plan's rows.
    """
    from .assess import assess

    return list(assess(plan, period, on, rules=rules).warnings)


__all__ = ["DEFAULT_RULES", "LEVELS", "PARAMS", "PLACEHOLDERS", "Rule", "RuleError", "RuleType", "Warning",
           "evaluate", "load_rules", "merge_rules", "parse_rules", "plan_rules"]
