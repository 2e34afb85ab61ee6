"""``plan.yaml``: the region, year and title of the plan and its settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planwatch.core.errors import PlanwatchError
from planwatch.core.model import Region

from .rows import Issues
from .schema import PLAN_KEYS, PROGRESS_CONVENTIONS


@dataclass(slots=True)
class PlanHead:
    region: Region = field(default_factory=lambda: Region("", ""))
    year: int = 0
    title: str = ""
    title_en: str = ""
    base_year: int | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    illustrative_note: str = ""


def _text(data: dict[str, Any], key: str) -> str:
    v = data.get(key)
    return "" if v is None else str(v).strip()


def _year(value: Any, label: str, key: str, issues: Issues) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        issues.error(label, 0, key, f"“{key}”应为四位年份", f"{key!r} must be a four-digit year", "bad_year")
        return None
    text = str(value).strip()
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        issues.error(label, 0, key, f"“{key}”应为四位年份,而不是“{text}”", f"{key!r} must be a four-digit year, not {text!r}", "bad_year")
        return None
    return int(text)


def _check_settings(settings: dict[str, Any], label: str, issues: Issues) -> None:
    """The settings the core reads, checked by the core's own readers."""
    from planwatch.core.progress import Thresholds
    from planwatch.core.rules import RuleError, parse_rules

    conv = settings.get("progress_convention")
    if conv is not None and conv not in PROGRESS_CONVENTIONS:
        issues.error(
            label, 0, "settings.progress_convention",
            f"progress_convention 应为 days 或 months,而不是“{conv}”",
            f"progress_convention must be days or months, not {conv!r}", "bad_enum",
        )
    try:
        Thresholds.from_settings(settings)
    except PlanwatchError as exc:
        issues.error(label, 0, "settings.thresholds",
                     f"阈值设置有误(应为 mode: pp|relative, lagging、serious 为数字且 lagging ≤ serious): {exc}",
                     f"bad thresholds (mode: pp|relative, numbers lagging <= serious): {exc}", "bad_setting")
    rules = settings.get("rules")
    if isinstance(rules, list):
        try:
            parse_rules(rules, "plan.yaml settings.rules")
        except RuleError as exc:
            issues.error(label, 0, "settings.rules", f"预警规则有误: {exc}", f"bad warning rules: {exc}", "bad_setting")
    elif rules is not None and not isinstance(rules, str):
        issues.error(label, 0, "settings.rules", "settings.rules 应为规则列表或规则文件路径",
                     "settings.rules must be a list of rules or the path of a rules file", "bad_setting")


def parse_plan(data: Any, label: str, issues: Issues) -> PlanHead:
    head = PlanHead()
    if not isinstance(data, dict):
        issues.error(label, 0, "", "plan.yaml 应为键值映射(region、year、title …)", "plan.yaml must be a mapping (region, year, title …)", "bad_yaml")
        return head
    for key in data:
        if key not in PLAN_KEYS:
            issues.warn(label, 0, str(key), f"未知键“{key}”,读取时忽略", f"unknown key {key!r} is ignored", "unknown_key")
    region = data.get("region")
    if not isinstance(region, dict):
        issues.error(label, 0, "region", "缺少 region(code、name)", "region (code, name) is missing", "required")
    else:
        code, name = _text(region, "code"), _text(region, "name")
        for key, val in (("code", code), ("name", name)):
            if not val:
                issues.error(label, 0, f"region.{key}", f"region.{key} 不能为空", f"region.{key} must not be blank", "required")
        head.region = Region(code, name, _text(region, "name_en"))
    if "year" not in data or data["year"] in (None, ""):
        issues.error(label, 0, "year", "缺少 year(计划年度)", "year (the plan year) is missing", "required")
    else:
        head.year = _year(data["year"], label, "year", issues) or 0
    head.title = _text(data, "title")
    if not head.title:
        issues.error(label, 0, "title", "缺少 title(计划名称)", "title is missing", "required")
    head.title_en = _text(data, "title_en")
    head.illustrative_note = _text(data, "illustrative_note")
    if data.get("base_year") not in (None, ""):
        head.base_year = _year(data["base_year"], label, "base_year", issues)
        if head.base_year and head.year and head.base_year >= head.year:
            issues.error(label, 0, "base_year", "base_year 应早于计划年度", "base_year must be before the plan year", "bad_year")
    settings = data.get("settings")
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        issues.error(label, 0, "settings", "settings 应为键值映射", "settings must be a mapping", "bad_yaml")
        settings = {}
    head.settings = settings
    _check_settings(settings, label, issues)
    return head


def plan_to_yaml(head: PlanHead) -> dict[str, Any]:
    out: dict[str, Any] = {"region": {"code": head.region.code, "name": head.region.name}}
    if head.region.name_en:
        out["region"]["name_en"] = head.region.name_en
    out["year"] = head.year
    out["title"] = head.title
    if head.title_en:
        out["title_en"] = head.title_en
    if head.base_year is not None:
        out["base_year"] = head.base_year
    if head.settings:
        out["settings"] = head.settings
    if head.illustrative_note:
        out["illustrative_note"] = head.illustrative_note
    return out
