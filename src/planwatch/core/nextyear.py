"""Next year's plan drafted from this year's: the same areas, departments, indicators and task ledger, with
the targets left blank for the plan office to fill in.

What is carried: areas, departments, indicators (with this year's published figures, which next year's
growth rates are measured against), every task (code, name, area, lead and co-departments, parent, unit
and the kind of target) with no target value, wording, deadline or curve, and the key projects not yet
completed (dates kept, investment blank). Not carried: this year's targets, progress, the report block,
the monitoring date. The title's year moves on by one.
"""

from __future__ import annotations

import dataclasses

from .model import Plan, Project, Source, Task

DROPPED_SETTINGS = ("as_of", "period")


def _title(text: str, year: int) -> str:
    return text.replace(str(year), str(year + 1)) if text else text


def draft_next_year(plan: Plan) -> Plan:
    """A draft of ``plan.year + 1`` from ``plan`` (a new object; ``plan`` is not changed)."""
    blank = Source()
    tasks = [Task(code=t.code, name=t.name, area=t.area, lead=t.lead, name_en=t.name_en, parent=t.parent,
                  co=t.co, target_kind=t.target_kind, target_value=None, unit=t.unit, deadline=None,
                  curve="linear", target_text="", measure="", source=blank) for t in plan.tasks]
    projects = [Project(code=p.code, name=p.name, category=p.category, lead=p.lead, name_en=p.name_en,
                        planned_start=p.planned_start, actual_start=p.actual_start,
                        planned_finish=p.planned_finish, phase=p.phase, source=blank)
                for p in plan.projects if p.phase != "completed"]
    settings = {k: v for k, v in plan.settings.items() if k not in DROPPED_SETTINGS}
    return Plan(
        region=plan.region, year=plan.year + 1, title=_title(plan.title, plan.year),
        title_en=_title(plan.title_en, plan.year), base_year=plan.base_year, settings=settings, report={},
        areas=[dataclasses.replace(a, source=blank) for a in plan.areas],
        departments=[dataclasses.replace(d, source=blank) for d in plan.departments],
        indicators=[dataclasses.replace(i, source=blank) for i in plan.indicators],
        observations=list(plan.observations), targets=[], tasks=tasks, progress=[], projects=projects,
        extra={}, illustrative_note="")
