"""Who is told about a figure's step through review (a progress submission or a project update).

Submitted → its approvers (the department's heads where the plan has the head step, else the plan office);
approved by the head → the plan office; returned → whoever submitted it; approved → whoever submitted it.
"""

from __future__ import annotations

from typing import Any

from ..actor import Actor
from ..models import NotificationKind, Project, ProjectUpdate, Submission
from ..notices import names
from . import notify

K = NotificationKind


def _about(item: Submission | ProjectUpdate) -> tuple[Any, int, dict[str, Any], str]:
    """The plan, the department, the parameters naming the item, and its page."""
    if isinstance(item, ProjectUpdate):
        project: Project = item.project
        return (project.plan, project.lead_id, {"project": names(project)}, f"/projects/{project.pk}/")
    task = item.task
    return task.plan, task.lead_id, {"task": names(task)}, f"/tasks/{task.pk}/"


def _submitter(item: Submission | ProjectUpdate) -> list[Any]:
    who = getattr(item, "submitted_by", None) or item.created_by
    if who is not None:
        return [who]
    plan, dept, _params, _url = _about(item)
    return notify.department_members(plan.pk, dept, roles=("reporter",))


def submitted(actor: Actor, item: Submission | ProjectUpdate) -> None:
    plan, dept, _params, _url = _about(item)
    if plan.require_head_approval:
        users = notify.department_members(plan.pk, dept, roles=("head",))
    else:
        users = notify.office_members(plan.pk)
    notify.send(users, K.AWAITING, plan, {"count": 1}, "/approvals/", exclude=actor.user)


def head_approved(actor: Actor, item: Submission | ProjectUpdate) -> None:
    plan, _dept, _params, _url = _about(item)
    notify.send(notify.office_members(plan.pk), K.AWAITING, plan, {"count": 1}, "/approvals/",
                exclude=actor.user)


def approved(actor: Actor, item: Submission | ProjectUpdate) -> None:
    plan, _dept, _params, url = _about(item)
    notify.send(_submitter(item), K.APPROVED, plan, {"count": 1}, url, exclude=actor.user)


def returned(actor: Actor, item: Submission | ProjectUpdate) -> None:
    plan, _dept, params, url = _about(item)
    value = item.value if isinstance(item, Submission) else item.investment_done
    notify.send(_submitter(item), K.RETURNED, plan,
                {**params, "value": "" if value is None else str(value), "as_of": item.as_of.isoformat(),
                 "comment": item.comment}, "/report/" if isinstance(item, Submission) else url,
                exclude=actor.user)
