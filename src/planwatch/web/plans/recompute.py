"""Warnings are computed by the core's rules over the approved data (``planwatch.core.rules``) and
stored as ``WarningRecord`` rows, replaced whole each time: after an approval, or on demand
(``planwatch admin recompute-warnings``)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import models, transaction

from planwatch.core import rules as core_rules
from planwatch.core.periods import Period, PeriodError

from .figures import figure_json, reference_date
from .importexport import export_plan
from .models import Plan, Project, Task, WarningRecord, WarningRule

log = logging.getLogger(__name__)


def warning_period(plan: Plan, on: dt.date) -> str:
    """The period the warnings speak of: ``settings.period``, else the latest observed period that has
    ended by ``on``, else the year to date."""
    raw = (plan.settings or {}).get("period")
    if raw:
        return str(raw)
    best: Period | None = None
    for text in plan.indicators.values_list("observations__period", flat=True).distinct():
        if not text:
            continue
        try:
            per = Period.parse(text)
        except PeriodError:
            continue
        if per.year == plan.year and per.end <= on and (best is None or per.end > best.end):
            best = per
    return str(best) if best is not None else f"{plan.year}-{on.month:02d}"


def rules_in_force(plan: Plan, cplan: object) -> list[core_rules.Rule]:
    """The core's rules for the plan (defaults + plan.yaml ``settings.rules``), overridden by the
    ``WarningRule`` rows the plan office keeps in the database (``definition`` is one rule as YAML data;
    a disabled row switches its rule off)."""
    rules = core_rules.plan_rules(cplan)  # type: ignore[arg-type]
    rows = list(WarningRule.objects.filter(models.Q(plan=plan) | models.Q(plan__isnull=True)).order_by("id"))
    if not rows:
        return rules
    override = []
    for row in rows:
        data = {"id": row.code, **(row.definition or {}), "enabled": row.enabled}
        override.extend(core_rules.parse_rules([data], f"WarningRule {row.code}"))
    return core_rules.merge_rules(rules, override)


def _lead_ids(plan: Plan) -> dict[tuple[str, str], int | None]:
    """Which department answers for each possible warning subject: (subject type, code) → department id."""
    out: dict[tuple[str, str], int | None] = {}
    for code, lead in Task.objects.filter(plan=plan).values_list("code", "lead_id"):
        out[("task", code)] = lead
    for code, lead in Project.objects.filter(plan=plan).values_list("code", "lead_id"):
        out[("project", code)] = lead
    for code, dept in plan.indicators.values_list("code", "department_id"):
        out[("indicator", code)] = dept
    return out


@transaction.atomic
def recompute_warnings(plan: Plan, on: dt.date | None = None) -> list[WarningRecord]:
    """Replace the plan's warnings with those the core computes now."""
    on = on or reference_date(plan)
    period = warning_period(plan, on)
    cplan = export_plan(plan)
    warnings = core_rules.evaluate(cplan, period, on, rules=rules_in_force(plan, cplan))
    leads = _lead_ids(plan)
    WarningRecord.objects.filter(plan=plan).delete()
    rows = [WarningRecord(plan=plan, rule=w.rule, level=w.level, subject_type=w.subject_type,
                          subject_code=w.subject, department_id=leads.get((w.subject_type, w.subject)),
                          message=w.message_zh,
                          figures={"name": w.subject_name, "message_en": w.message_en, "period": period,
                                   "on": on.isoformat(), "rule_type": w.rule_type,
                                   "figures": {k: figure_json(f) for k, f in w.figures.items()}})
            for w in warnings]
    return WarningRecord.objects.bulk_create(rows)
