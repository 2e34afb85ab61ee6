"""Warnings in order of severity: red, yellow, then notices (提示), then anything else."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When

SEVERITY = Case(
    When(level="red", then=Value(0)),
    When(level="yellow", then=Value(1)),
    When(level="notice", then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
