"""Filters of the API lists (django-filter). Filters by id or code, never by a related queryset, so a
filter cannot reveal what the user's scope hides."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django import forms

from planwatch.web.plans import models as m

BIGGEST = 2**63 - 1


class IdFilter(df.NumberFilter):
    """An id: a whole number within the database's range (else 400, never a database overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGGEST)
        super().__init__(*args, **kwargs)


class TaskFilter(df.FilterSet):
    plan = IdFilter(field_name="plan_id")
    department = df.CharFilter(field_name="lead__code", help_text="lead department code")
    area = df.CharFilter(field_name="area__code")
    parent = df.CharFilter(field_name="parent__code")
    code = df.CharFilter(field_name="code")
    q = df.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = m.Task
        fields = ("plan", "department", "area", "parent", "code", "q")


class SubmissionFilter(df.FilterSet):
    plan = IdFilter(field_name="task__plan_id")
    task = IdFilter(field_name="task_id")
    department = df.CharFilter(field_name="task__lead__code")
    status = df.ChoiceFilter(choices=m.SubmissionStatus.choices)
    round = IdFilter(field_name="round_id")

    class Meta:
        model = m.Submission
        fields = ("plan", "task", "department", "status", "round")


class IndicatorFilter(df.FilterSet):
    plan = IdFilter(field_name="plan_id")
    code = df.CharFilter(field_name="code")
    headline = df.BooleanFilter(field_name="headline")
    area = df.CharFilter(field_name="area__code")

    class Meta:
        model = m.Indicator
        fields = ("plan", "code", "headline", "area")


class WarningFilter(df.FilterSet):
    plan = IdFilter(field_name="plan_id")
    level = df.CharFilter(field_name="level")
    rule = df.CharFilter(field_name="rule")
    department = df.CharFilter(field_name="department__code")
    subject_type = df.CharFilter(field_name="subject_type")

    class Meta:
        model = m.WarningRecord
        fields = ("plan", "level", "rule", "department", "subject_type")


class ProjectFilter(df.FilterSet):
    plan = IdFilter(field_name="plan_id")
    department = df.CharFilter(field_name="lead__code")
    category = df.CharFilter(field_name="category")
    phase = df.CharFilter(field_name="phase")

    class Meta:
        model = m.Project
        fields = ("plan", "department", "category", "phase")


class ProjectUpdateFilter(df.FilterSet):
    plan = IdFilter(field_name="project__plan_id")
    project = IdFilter(field_name="project_id")
    department = df.CharFilter(field_name="project__lead__code")
    status = df.CharFilter(field_name="status")

    class Meta:
        model = m.ProjectUpdate
        fields = ("plan", "project", "department", "status")


class PlanChildFilter(df.FilterSet):
    plan = IdFilter(field_name="plan_id")


class DepartmentFilter(PlanChildFilter):
    class Meta:
        model = m.Department
        fields = ("plan", "kind")


class AreaFilter(PlanChildFilter):
    class Meta:
        model = m.Area
        fields = ("plan",)


class RoundFilter(PlanChildFilter):
    class Meta:
        model = m.ReportingRound
        fields = ("plan", "status")


class ChangeFilter(df.FilterSet):
    plan = IdFilter(field_name="plan_id")
    object_type = df.CharFilter(field_name="object_type")
    object_id = df.CharFilter(field_name="object_id")
    user = df.CharFilter(field_name="user_name")
    request_id = df.CharFilter(field_name="request_id")

    class Meta:
        model = m.ObjectChange
        fields = ("plan", "object_type", "object_id", "user", "request_id", "action")
