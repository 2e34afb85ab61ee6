"""Indicators with their observations, targets and growth, read from the plan's assessment."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.core.assess import Assessment
from planwatch.web.plans import assessments, figures
from planwatch.web.plans.models import Indicator

from ..filters import IndicatorFilter
from ..serializers import IndicatorSerializer
from .base import ScopedViewSet

PERIOD = OpenApiParameter("period", str, description="only this period's growth (2021H1); default: every period")


@extend_schema_view(list=extend_schema(parameters=[PERIOD]), retrieve=extend_schema(parameters=[PERIOD]))
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    base_queryset = Indicator.objects.select_related("area", "department", "plan__region").prefetch_related(
        "observations", "targets").order_by("plan_id", "seq", "id")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter

    def _context(self, rows: list[Indicator]) -> dict[str, Any]:
        only = self.request.query_params.get("period", "")
        growth: dict[int, list[dict[str, Any]]] = {}
        plans: dict[int, Assessment] = {}
        for ind in rows:
            if ind.plan_id not in plans:
                plans[ind.plan_id] = assessments.current(ind.plan)
            a = plans[ind.plan_id]
            periods = [only] if only else [o.period for o in ind.observations.all()]
            growth[ind.pk] = [figures.indicator_growth(a, ind.code, p) for p in periods]
        return {**self.get_serializer_context(), "growth": growth}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        data = IndicatorSerializer(rows, many=True, context=self._context(rows)).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        ind = self.get_object()
        return Response(IndicatorSerializer(ind, context=self._context([ind])).data)
