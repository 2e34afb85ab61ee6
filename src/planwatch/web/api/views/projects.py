"""Key projects and their updates (phase, investment completed)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import services
from planwatch.web.plans.models import Project

from ..filters import ProjectFilter
from ..serializers import ProjectSerializer, ProjectUpdateInput, ProjectUpdateSerializer
from .base import ChangesMixin, ScopedViewSet, actor_of


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ChangesMixin, ScopedViewSet):
    base_queryset = Project.objects.select_related("lead").prefetch_related("updates__created_by").order_by(
        "plan_id", "seq", "id")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter

    @extend_schema(request=ProjectUpdateInput, responses={201: ProjectUpdateSerializer})
    @action(detail=True, methods=["post"])
    def updates(self, request: Request, pk: Any = None) -> Response:
        """Report the project's phase and investment completed so far."""
        project = self.get_object()
        data = ProjectUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        update = services.add_project_update(
            actor_of(request), project, phase=v["phase"], investment_done=v.get("investment_done"),
            as_of=v["as_of"], note=v.get("note", ""), actual_start=v.get("actual_start"), version=v.get("version"))
        return Response(ProjectUpdateSerializer(update).data, status=status.HTTP_201_CREATED)
