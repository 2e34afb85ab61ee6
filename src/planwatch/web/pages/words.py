"""Words the pages write in the interface's language: units, amounts with their unit, review flags, statuses.

Chinese in the Chinese interface and English in the English one: a unit of the package (万平方米) is written
in English with ``planwatch.core.units``' English names and its scale in words (10,000 square metres), an
amount as ``planwatch.core.wording`` writes it (914 thousand square metres).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.core.figures import published
from planwatch.core.units import listed_unit_name_en, unit_name_en
from planwatch.core.wording import amount_en

SCALES_EN = (("万亿", "trillion"), ("亿", "100 million"), ("万", "10,000"), ("千", "thousand"))


def english() -> bool:
    return (get_language() or "zh-hans").startswith("en")


def unit_en(unit: str) -> str:
    """万平方米 → 10,000 square metres; 亿元 → 100 million yuan; 个 → "" (a count needs no unit word)."""
    whole = listed_unit_name_en(unit)
    if whole is not None:
        return whole
    for prefix, words in SCALES_EN:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return f"{words} {unit_name_en(unit[len(prefix):])}".strip()
    return unit_name_en(unit)


def unit_words(unit: Any) -> str:
    text = "" if unit is None else str(unit)
    return unit_en(text) if english() and text else text


def amount(value: Any, unit: Any) -> str:
    """A figure with its unit: 91.4万平方米 (Chinese), 914 thousand square metres (English); "—" for none."""
    if value is None or value == "":
        return "—"
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    unit_text = "" if unit is None else str(unit)
    if not english():
        return f"{number}{unit_text}"
    return amount_en(published(number, unit_text, "progress"))


def flag_label(flag: str) -> str:
    labels = {
        "above_target": _("Above the target"),
        "jump": _("Far beyond its own pace"),
        "going_down": _("Cumulative figure going down"),
        "above_plan": _("Investment above the annual plan"),
    }
    return labels.get(flag, flag)


def pct(value: Any, decimals: int = 1) -> str:
    """A share in percent, rounded half up when written: 43.5%."""
    if value is None:
        return "—"
    from planwatch.core.intervals import round_half_up

    return f"{round_half_up(Decimal(value), decimals)}%"


def rule_label(rule_type: str) -> str:
    """A warning rule's type in words (the raw code never shows)."""
    labels = {
        "task_behind_time": _("Task behind time progress"),
        "below_base": _("Below the pre-pandemic level"),
        "rank_fell": _("Rank fell"),
        "growth_below_target": _("Growth below the target"),
        "milestone_overdue": _("Milestone overdue"),
        "no_recent_progress": _("No recent progress reported"),
        "project_not_started": _("Project not started on time"),
    }
    return labels.get(rule_type, _("Other warning"))


def warning_message(w: Any) -> str:
    """A warning's message in the interface's language (the core writes both)."""
    if english():
        return str((w.figures or {}).get("message_en") or "")
    return str(w.message or "")


def warning_rule_type(w: Any) -> str:
    return str((w.figures or {}).get("rule_type") or w.rule)


def target_words(target: Any) -> str:
    """An indicator's annual target in the interface's language: the plan's own wording in Chinese
    (增长6%以上), in English the kind of target and its figure (Growth at least 6%)."""
    if target is None:
        return "—"
    if not english():
        return str(target.text or "—")
    from planwatch.web.plans.models.plan import TargetKind

    try:
        kind = str(TargetKind(target.kind).label)
    except ValueError:
        kind = ""
    if target.value is None:
        return kind or "—"
    unit = "" if target.unit == "%" else " " + unit_en(target.unit or "")
    return f"{kind} {target.value}{'%' if target.unit == '%' else ''}{unit.rstrip()}".strip()


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def change_summary(change: Any) -> list[str]:
    """What a change-log entry changed, in words: date, figure, status … (never the row's raw repr)."""
    from planwatch.web.plans.models import NotificationKind, Role, RoundStatus, SubmissionStatus, UpdateStatus
    from planwatch.web.plans.models.projects import Phase
    from planwatch.web.plans.rounds_words import round_name

    data = change.after or change.before or {}
    kind = change.object_type
    parts: list[str] = []
    if kind in ("plans.submission", "plans.projectupdate"):
        parts += [str(data.get("as_of") or "")]
        if kind == "plans.projectupdate":
            parts += [_label(Phase, data.get("phase")), str(data.get("investment_done") or "")]
            parts += [_label(UpdateStatus, data.get("status"))]
        else:
            parts += [str(data.get("value") or ""), _label(SubmissionStatus, data.get("status"))]
    elif kind == "plans.reportinground":
        parts += [round_name(str(data.get("period") or "")), _label(RoundStatus, data.get("status"))]
    elif kind == "plans.task":
        before, after = (change.before or {}).get("target_value"), (change.after or {}).get("target_value")
        if before != after:
            parts += [f"{before or '—'} → {after or '—'}"]
    elif kind == "plans.membership":
        parts += [_label(Role, data.get("role"))]
    elif kind == "plans.reminderlog":
        parts += [_label(NotificationKind, data.get("kind")), str(data.get("sent_on") or "")]
    elif kind == "plans.plan":
        parts += [str(data.get("year") or "")]
    return [p for p in parts if p]
