"""The Django admin shows the plan data read-only, memberships included: every change goes through the
services (which check rights and versions and write the change log) — the pages' people page,
``/api/people/`` and ``planwatch admin createuser`` — never through the admin's forms."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from . import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(models.Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "plan", "role", "department", "version")
    list_filter = ("role", "plan")
    search_fields = ("user__username", "department__code", "department__name")


@admin.register(models.ObjectChange)
class ObjectChangeAdmin(ReadOnlyAdmin):
    list_display = ("time", "user_name", "action", "object_type", "object_id", "object_repr", "request_id")
    list_filter = ("action", "object_type")
    search_fields = ("user_name", "object_repr", "request_id", "object_id")


@admin.register(models.Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("task", "as_of", "value", "unit", "status", "version", "decided_by")
    list_filter = ("status",)
    search_fields = ("task__code", "task__name")


@admin.register(models.Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "lead", "target_value", "unit", "deadline")
    search_fields = ("code", "name")


for model in (models.Region, models.Plan, models.Department, models.Area, models.Indicator, models.Observation,
              models.Target, models.Project, models.ProjectUpdate, models.ReportingRound, models.WarningRule,
              models.WarningRecord):
    admin.site.register(model, ReadOnlyAdmin)
