"""Warnings are the plan's assessment's (``assessments.current(plan).warnings``, the core's rules over
the approved data) stored as ``WarningRecord`` rows for the pages and the API to filter and scope: replaced
whole after an import or on demand (``planwatch admin recompute-warnings``), and a task's own after an
approval of its figure."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import models, transaction

from planwatch.core import rules as core_rules

from . import assessments
from .figures import figure_json
from .models import Plan, Project, Task, WarningRecord, WarningRule

log = logging.getLogger(__name__)


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
    """Replace the plan's warnings with those of its assessment now (on its monitoring date, or ``on``)."""
    a = assessments.current(plan, on)
    period = str(a.period)
    leads = _lead_ids(plan)
    WarningRecord.objects.filter(plan=plan).delete()
    rows = [_record(plan, w, period, a.on, leads.get((w.subject_type, w.subject))) for w in a.warnings]
    return WarningRecord.objects.bulk_create(rows)


def recompute_after_approval(plan: Plan, task: Task, as_of: dt.date | None = None) -> None:
    """After a task's figure (as of ``as_of``) is approved: only that task's warnings change (the task rules
    look at one task at a time), unless the date progress is measured on moves, which changes every
    task's: then the whole plan is assessed again. The approval itself need not wait for the whole plan's
    assessment when the date stays (the kept one's date and period still hold)."""
    before = assessments.kept(plan)
    stored_on = (WarningRecord.objects.filter(plan=plan).order_by("id")
                 .values_list("figures__on", flat=True).first())
    if before is None or stored_on != before.on.isoformat() or _moves_the_date(before, as_of):
        recompute_warnings(plan)
        return
    recompute_task_warnings(plan, task, before.on, str(before.period))


def _moves_the_date(before: Any, as_of: dt.date | None) -> bool:
    """Whether a figure approved as of ``as_of`` moves the plan's monitoring date from ``before.on``
    (``core.assess.monitoring_date``: a set ``as_of`` stays; else the latest figure's date)."""
    if (before.plan.settings or {}).get("as_of"):
        return False
    latest = max((r.as_of for r in before.plan.progress), default=None)
    if as_of is not None:
        latest = as_of if latest is None else max(latest, as_of)
    return latest != before.on


@transaction.atomic
def recompute_task_warnings(plan: Plan, task: Task, on: dt.date, period: str) -> list[WarningRecord]:
    """Replace the warnings of one task, evaluating the rules over a plan holding just that task."""
    from planwatch.core import model as core

    from .figures import core_task
    from .models import Submission, SubmissionStatus

    rows = Submission.objects.filter(task=task, status=SubmissionStatus.APPROVED).order_by("seq", "decided_at", "id")
    one = core.Plan(
        region=core.Region(plan.region.code, plan.region.name, plan.region.name_en), year=plan.year,
        title=plan.title, base_year=plan.base_year, settings=dict(plan.settings or {}),
        departments=[core.Department(code=d.code, name=d.name, name_en=d.name_en, kind=d.kind) for d in plan.departments.all()],
        tasks=[core_task(task, task.lead.code, task.area.code)],
        progress=[core.ProgressRow(task=task.code, as_of=s.as_of, value=s.value, unit=s.unit or task.unit, note=s.note) for s in rows])
    warnings = [w for w in core_rules.evaluate(one, period, on, rules=rules_in_force(plan, one))
                if w.subject_type == "task" and w.subject == task.code]
    WarningRecord.objects.filter(plan=plan, subject_type="task", subject_code=task.code).delete()
    return WarningRecord.objects.bulk_create([_record(plan, w, period, on, task.lead_id) for w in warnings])
