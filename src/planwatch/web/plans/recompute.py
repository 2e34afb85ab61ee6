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


def _record(plan: Plan, w: core_rules.Warning, period: str, on: dt.date, department_id: int | None) -> WarningRecord:
    return WarningRecord(plan=plan, rule=w.rule, level=w.level, subject_type=w.subject_type,
                         subject_code=w.subject, department_id=department_id, message=w.message_zh,
                         figures={"name": w.subject_name, "message_en": w.message_en, "period": period,
                                  "on": on.isoformat(), "rule_type": w.rule_type,
                                  "figures": {k: figure_json(f) for k, f in w.figures.items()}})


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
    rows = [_record(plan, w, period, on, leads.get((w.subject_type, w.subject))) for w in warnings]
    return WarningRecord.objects.bulk_create(rows)


def recompute_after_approval(plan: Plan, task: Task) -> None:
    """After a task's figure is approved: only that task's warnings change (the task rules look at one
    task at a time), unless the date progress is measured on moved, which changes every task's."""
    on = reference_date(plan)
    stored_on = (WarningRecord.objects.filter(plan=plan).order_by("id")
                 .values_list("figures__on", flat=True).first())
    if stored_on != on.isoformat():
        recompute_warnings(plan, on)
        return
    recompute_task_warnings(plan, task, on)


@transaction.atomic
def recompute_task_warnings(plan: Plan, task: Task, on: dt.date) -> list[WarningRecord]:
    """Replace the warnings of one task, evaluating the rules over a plan holding just that task."""
    from planwatch.core import model as core

    from .figures import core_task
    from .models import Submission, SubmissionStatus

    period = warning_period(plan, on)
    rows = Submission.objects.filter(task=task, status=SubmissionStatus.APPROVED).order_by("seq", "decided_at", "id")
    one = core.Plan(
        region=core.Region(plan.region.code, plan.region.name, plan.region.name_en), year=plan.year,
        title=plan.title, base_year=plan.base_year, settings=dict(plan.settings or {}),
        departments=[core.Department(d.code, d.name, d.name_en, d.kind) for d in plan.departments.all()],
        tasks=[core_task(task, task.lead.code, task.area.code)],
        progress=[core.ProgressRow(task.code, s.as_of, s.value, s.unit or task.unit, s.note) for s in rows])
    warnings = [w for w in core_rules.evaluate(one, period, on, rules=rules_in_force(plan, one))
                if w.subject_type == "task" and w.subject == task.code]
    WarningRecord.objects.filter(plan=plan, subject_type="task", subject_code=task.code).delete()
    return WarningRecord.objects.bulk_create([_record(plan, w, period, on, task.lead_id) for w in warnings])
