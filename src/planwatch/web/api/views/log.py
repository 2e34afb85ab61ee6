"""Warnings computed by the core's rules, and the change log of a plan (the plan office's)."""

from __future__ import annotations

from rest_framework import mixins

from planwatch.web.plans.models import ObjectChange, WarningRecord

from ..filters import ChangeFilter, WarningFilter
from ..serializers import ChangeSerializer, WarningSerializer
from .base import ScopedViewSet


class WarningViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    base_queryset = WarningRecord.objects.select_related("department").order_by("plan_id", "rule", "id")
    serializer_class = WarningSerializer
    filterset_class = WarningFilter


class ChangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    base_queryset = ObjectChange.objects.order_by("-time", "-id")
    serializer_class = ChangeSerializer
    filterset_class = ChangeFilter
