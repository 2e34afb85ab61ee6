"""Hotline assessment rules as versioned data (``rules/default.yaml``), each set with the date it applies
from. Weights and factors are ``Decimal`` read from their text, so the score is exact."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import HotlineError

DEFAULT_RULES = "default.yaml"


@dataclass(frozen=True, slots=True)
class Classes:
    advanced: int
    progress: int
    rectify: int
    governance_bottom: int
    governance_times: int
    governance_months: int


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    applies_from: dt.date
    name: str
    name_en: str
    source: str
    w_response: Decimal
    w_resolution: Decimal
    w_satisfaction: Decimal
    basic_satisfied: Decimal
    exclude_unreasonable: bool
    exclude_appeal_approved: bool
    exclude_not_assessed: bool
    repeat_days: int
    classes: Classes
    topic_level: int
    topic_min_tickets: int
    topics_per_street: int
    surge_weeks: int
    surge_ratio: Decimal
    surge_min_tickets: int


@dataclass(frozen=True, slots=True)
class Segment:
    """The part ``[start, end)`` of a span during which ``rules`` is in force."""

    rules: RuleSet
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class RuleBook:
    sets: tuple[RuleSet, ...]  # by applies_from
    origin: str

    def at(self, day: dt.date) -> RuleSet:
        current = None
        for rs in self.sets:
            if rs.applies_from <= day:
                current = rs
        if current is None:
            raise HotlineError(f"没有适用于 {day} 的考评规则 / no rule set applies on {day} ({self.origin})")
        return current

    def segments(self, start: dt.datetime, end: dt.datetime) -> list[Segment]:
        """The rule sets in force over ``[start, end)``, each with its part of the span."""
        cuts = [dt.datetime.combine(rs.applies_from, dt.time()) for rs in self.sets]
        out: list[Segment] = []
        for i, rs in enumerate(self.sets):
            lo = max(start, cuts[i])
            hi = min(end, cuts[i + 1]) if i + 1 < len(cuts) else end
            if lo < hi:
                out.append(Segment(rs, lo, hi))
        if not out or out[0].start > start:
            raise HotlineError(f"没有适用于 {start:%Y-%m-%d} 的考评规则 / no rule set applies on {start:%Y-%m-%d}")
        return out


def load_rules(path: str | Path | None = None) -> RuleBook:
    """The rule book at ``path``, else ``$PLANWATCH_HOTLINE_RULES``, else the bundled default."""
    path = path or os.environ.get("PLANWATCH_HOTLINE_RULES") or None
    if path is None:
        text = resources.files("planwatch.hotline").joinpath("rules", DEFAULT_RULES).read_text(encoding="utf-8")
        origin = f"planwatch/hotline/rules/{DEFAULT_RULES}"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise HotlineError(f"{path}: 无法读取规则文件 / cannot read the rule file: {exc}") from exc
        origin = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise HotlineError(f"{origin}: 不是有效的 YAML / not valid YAML: {exc}") from exc
    items = (data or {}).get("rule_sets") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise HotlineError(f"{origin}: 须有 rule_sets 列表 / needs a rule_sets list")
    sets = sorted((_rule_set(item, f"{origin}: rule_sets[{i}]") for i, item in enumerate(items)),
                  key=lambda rs: rs.applies_from)
    days = [rs.applies_from for rs in sets]
    if len(set(days)) != len(days):
        raise HotlineError(f"{origin}: 两个规则集的启用日期相同 / two rule sets apply from the same date")
    return RuleBook(tuple(sets), origin)


def _rule_set(item: Any, where: str) -> RuleSet:
    if not isinstance(item, dict):
        raise HotlineError(f"{where}: 须为映射 / must be a mapping")

    def get(key: str, default: Any = None) -> Any:
        node: Any = item
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                if default is not None:
                    return default
                raise HotlineError(f"{where}.{key}: 缺少 / missing")
            node = node[part]
        return node

    def dec(key: str, default: str | None = None) -> Decimal:
        try:
            value = Decimal(str(get(key, default)))
        except InvalidOperation as exc:
            raise HotlineError(f"{where}.{key}: 不是数字 / not a number") from exc
        if value < 0:
            raise HotlineError(f"{where}.{key}: 不能为负 / must not be negative")
        return value

    def integer(key: str, default: int) -> int:
        value = get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise HotlineError(f"{where}.{key}: 须为非负整数 / must be a whole number >= 0")
        return value

    def flag(key: str) -> bool:
        value = get(key, True)
        if not isinstance(value, bool):
            raise HotlineError(f"{where}.{key}: 须为 true/false / must be true or false")
        return value

    day = get("applies_from")
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError as exc:
            raise HotlineError(f"{where}.applies_from: 不是日期 / not a date: {day!r}") from exc
    if not isinstance(day, dt.date):
        raise HotlineError(f"{where}.applies_from: 不是日期 / not a date")
    weights = (dec("weights.response"), dec("weights.resolution"), dec("weights.satisfaction"))
    if sum(weights) != 1:
        raise HotlineError(f"{where}.weights: 三项权重之和须为 1 / the three weights must add up to 1 (got {sum(weights)})")
    basic = dec("basic_satisfied")
    if basic > 1:
        raise HotlineError(f"{where}.basic_satisfied: 须在 0 到 1 之间 / must be between 0 and 1")
    classes = Classes(*(integer(f"classes.{k}", d) for k, d in (
        ("advanced", 10), ("progress", 10), ("rectify", 10), ("governance_bottom", 10),
        ("governance_times", 3), ("governance_months", 6))))
    return RuleSet(
        id=str(get("id")), applies_from=day, name=str(get("name", "")), name_en=str(get("name_en", "")),
        source=str(get("source", "")), w_response=weights[0], w_resolution=weights[1], w_satisfaction=weights[2],
        basic_satisfied=basic, exclude_unreasonable=flag("exclude.unreasonable"),
        exclude_appeal_approved=flag("exclude.appeal_approved"), exclude_not_assessed=flag("exclude.not_assessed"),
        repeat_days=integer("repeat_days", 30), classes=classes, topic_level=integer("topics.level", 3),
        topic_min_tickets=integer("topics.min_tickets", 20), topics_per_street=integer("topics.per_street", 3),
        surge_weeks=integer("surge.weeks", 8), surge_ratio=dec("surge.ratio", "3"),
        surge_min_tickets=integer("surge.min_tickets", 10),
    )
