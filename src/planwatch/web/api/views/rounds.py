"""Reporting rounds: who has reported and who has not; the plan office opens and closes them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import services
from planwatch.web.plans.models import Plan, ReportingRound

from ..filters import RoundFilter
from ..serializers import RoundInput, RoundSerializer, VersionInput
from .base import ChangesMixin, ScopedViewSet, actor_of


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ChangesMixin, ScopedViewSet):
    base_queryset = ReportingRound.objects.order_by("plan_id", "-opens", "id")
    serializer_class = RoundSerializer
    filterset_class = RoundFilter

    @extend_schema(request=RoundInput, responses={201: RoundSerializer})
    def create(self, request: Request) -> Response:
        """Open a round (the plan office): label 2021年6月, period 2021-06, opens, deadline."""
        data = RoundInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        plan = Plan.objects.visible_to(request.user).filter(pk=v["plan"]).first()
        if plan is None:
            raise NotFound()
        rnd = services.open_round(actor_of(request), plan, label=v["label"], period=v["period"], opens=v["opens"],
                                  deadline=v["deadline"])
        return Response(RoundSerializer(rnd).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=VersionInput, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: Any = None) -> Response:
        rnd = self.get_object()
        data = VersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        rnd = services.close_round(actor_of(request), rnd, version=data.validated_data.get("version"))
        return Response(RoundSerializer(rnd).data)
