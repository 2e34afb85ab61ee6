"""Querysets that know how to restrict themselves to what a user may see (see ``scoping``)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from . import scoping


class ScopedQuerySet(models.QuerySet):
    """``Model.objects.visible_to(user)``: only the rows the user's roles reach; others do not exist."""

    plan_field = "plan"
    department_field: str | None = None  # rows of one department (heads and reporters)
    viewer_filter: ClassVar[dict[str, Any]] = {}  # what viewers see on top of the plan (approved data only)
    department_reads_all = False  # heads and reporters read every row of their plan

    def visible_to(self, user: Any) -> ScopedQuerySet:
        return self.filter(scoping.scope_q(user, self.plan_field, None if self.department_reads_all
                                           else self.department_field, self.viewer_filter))

    def writable_by(self, user: Any) -> ScopedQuerySet:
        """Rows the user may change: the plan office's plan, a reporter's or head's department."""
        return self.filter(scoping.scope_q(user, self.plan_field, self.department_field, None,
                                           roles=scoping.WRITERS))


class PlanQuerySet(ScopedQuerySet):
    plan_field = "id"
    department_reads_all = True


class PlanChildQuerySet(ScopedQuerySet):
    """Areas, departments, indicators: the whole plan is readable by any member."""

    department_reads_all = True


class TaskQuerySet(ScopedQuerySet):
    department_field = "lead"


class ProjectQuerySet(ScopedQuerySet):
    department_field = "lead"


class SubmissionQuerySet(ScopedQuerySet):
    plan_field = "task__plan"
    department_field = "task__lead"
    viewer_filter: ClassVar[dict[str, Any]] = {"status": "approved"}


class WarningQuerySet(ScopedQuerySet):
    department_field = "department"


class RoundQuerySet(ScopedQuerySet):
    department_reads_all = True


class IndicatorChildQuerySet(ScopedQuerySet):
    plan_field = "indicator__plan"
    department_reads_all = True


class ChangeQuerySet(ScopedQuerySet):
    """The whole change log of a plan is the plan office's; others read it per visible object."""

    def visible_to(self, user: Any) -> ScopedQuerySet:
        return self.filter(scoping.scope_q(user, self.plan_field, None, None,
                                           roles=frozenset({scoping.PLANOFFICE})))
