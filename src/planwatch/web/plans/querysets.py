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


class ProjectUpdateQuerySet(ScopedQuerySet):
    """A project's updates: its department's and the plan office's; viewers read approved ones only."""

    plan_field = "project__plan"
    department_field = "project__lead"
    viewer_filter: ClassVar[dict[str, Any]] = {"status": "approved"}


class EvidenceQuerySet(ScopedQuerySet):
    """Attachments and comments: the department of the task or project they belong to and the plan office;
    viewers read those of approved figures (attachments) or of the task itself (comments)."""

    department_field = "department"

    def visible_to(self, user: Any) -> ScopedQuerySet:
        from django.db.models import Q

        viewer_q = getattr(self, "viewer_q", None)
        q = scoping.scope_q(user, self.plan_field, self.department_field, None)
        viewer_plans = [g.plan_id for g in scoping.grants(user) if g.role == scoping.VIEWER]
        if viewer_plans and viewer_q is not None and not scoping.is_superuser(user):
            # the viewer part of scope_q let every row of the plan through: narrow it to what viewers read
            others = scoping.scope_q(user, self.plan_field, self.department_field, None,
                                     roles=frozenset({scoping.PLANOFFICE, scoping.HEAD, scoping.REPORTER}))
            q = others | (Q(**{f"{self.plan_field}__in": viewer_plans}) & viewer_q())
        return self.filter(q)


class AttachmentQuerySet(EvidenceQuerySet):
    @staticmethod
    def viewer_q() -> Any:
        from django.db.models import Q

        return Q(submission__status="approved") | Q(project_update__status="approved")


class CommentQuerySet(EvidenceQuerySet):
    @staticmethod
    def viewer_q() -> Any:
        from django.db.models import Q

        return Q(submission__isnull=True) | Q(submission__status="approved")


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> NotificationQuerySet:
        return self.filter(user=user) if getattr(user, "is_authenticated", False) else self.none()

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)
