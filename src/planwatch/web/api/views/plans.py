"""Plans, their departments and areas, and the export of a plan as a data package."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import scoping, services
from planwatch.web.plans.models import Area, Department, Plan

from ..filters import AreaFilter, DepartmentFilter
from ..serializers import AreaSerializer, DepartmentSerializer, PlanSerializer, PlanSettingsInput
from .base import ChangesMixin, ScopedViewSet, actor_of


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ChangesMixin, ScopedViewSet):
    base_queryset = Plan.objects.select_related("region").order_by("-year", "id")
    serializer_class = PlanSerializer

    @extend_schema(request=PlanSettingsInput, responses=PlanSerializer)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        """The plan office turns the department-head approval step, or four eyes, on or off."""
        plan = self.get_object()
        data = PlanSettingsInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        plan = services.update_plan_settings(actor_of(request), plan, version=v.get("version"),
                                             require_head_approval=v.get("require_head_approval"),
                                             four_eyes=v.get("four_eyes"))
        return Response(PlanSerializer(plan).data)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["zip", "xlsx"], default="zip",
                                     description="zip: the package folder zipped; xlsx: one workbook")],
        responses={(200, "application/zip"): OpenApiTypes.BINARY,
                   (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: Any = None) -> FileResponse:
        """The plan as a plan data package, with approved progress (planoffice and viewers)."""
        plan = self.get_object()
        grant = scoping.role_in(request.user, plan.pk)
        if grant is None or grant.role not in (scoping.PLANOFFICE, scoping.VIEWER):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied(_("Only the plan office and viewers export the whole plan"))
        fmt = request.query_params.get("format", "zip")
        if fmt not in ("zip", "xlsx"):
            raise serializers.ValidationError({"format": [_("The format must be zip or xlsx")]})
        from planwatch.web.plans.exporting import export_file

        with tempfile.TemporaryDirectory(prefix="planwatch-export-") as tmp:
            path = export_file(plan, fmt, Path(tmp))
            content = io.BytesIO(path.read_bytes())  # a package is small; the folder goes at once
        content_type = "application/zip" if fmt == "zip" else \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return FileResponse(content, as_attachment=True, filename=path.name, content_type=content_type)


class DepartmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    base_queryset = Department.objects.order_by("plan_id", "seq", "id")
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter


class AreaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    base_queryset = Area.objects.order_by("plan_id", "seq", "id")
    serializer_class = AreaSerializer
    filterset_class = AreaFilter
