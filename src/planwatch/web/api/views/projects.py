"""Key projects and their updates (phase, investment completed), reviewed like progress figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import services
from planwatch.web.plans.models import Project, ProjectUpdate

from ..filters import ProjectFilter, ProjectUpdateFilter
from ..serializers import (
    ProjectSerializer,
    ProjectUpdateInput,
    ProjectUpdateSerializer,
    ReturnInput,
    VersionInput,
)
from .base import ChangesMixin, ScopedViewSet, actor_of


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ChangesMixin, ScopedViewSet):
    base_queryset = Project.objects.select_related("lead").order_by("plan_id", "seq", "id")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter

    def get_queryset(self) -> Any:
        user = self.request.user
        updates = ProjectUpdate.objects.visible_to(user).select_related("created_by", "decided_by") \
            .order_by("as_of", "id")
        return super().get_queryset().prefetch_related(Prefetch("updates", queryset=updates))

    @extend_schema(request=ProjectUpdateInput, responses={201: ProjectUpdateSerializer})
    @action(detail=True, methods=["post"])
    def updates(self, request: Request, pk: Any = None) -> Response:
        """Report the project's phase, investment completed and dates for review (it reaches the project
        when the plan office approves it)."""
        project = self.get_object()
        data = ProjectUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        update = services.add_project_update(
            actor_of(request), project, phase=v["phase"], investment_done=v.get("investment_done"),
            as_of=v["as_of"], note=v.get("note", ""), actual_start=v.get("actual_start"), finish=v.get("finish"),
            version=v.get("version"))
        return Response(ProjectUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class ProjectUpdateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ChangesMixin, ScopedViewSet):
    """Project updates: approve (the head first where the plan has that step) or return with a comment."""

    base_queryset = ProjectUpdate.objects.select_related("project", "created_by", "decided_by").order_by("-id")
    serializer_class = ProjectUpdateSerializer
    filterset_class = ProjectUpdateFilter

    @extend_schema(request=VersionInput, responses=ProjectUpdateSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        data = VersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        update = services.approve_project_update(actor_of(request), self.get_object(),
                                                 version=data.validated_data.get("version"))
        return Response(ProjectUpdateSerializer(update).data)

    @extend_schema(request=ReturnInput, responses=ProjectUpdateSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: Any = None) -> Response:
        data = ReturnInput(data=request.data)
        data.is_valid(raise_exception=True)
        update = services.return_project_update(actor_of(request), self.get_object(),
                                                data.validated_data["comment"],
                                                version=data.validated_data.get("version"))
        return Response(ProjectUpdateSerializer(update).data)
