"""What every viewset shares: the scoped queryset and the change log of one object."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import changelog, scoping
from planwatch.web.plans.actor import Actor

from ..serializers import ChangeSerializer

VIEWER_ACTIONS = ("approve", "adjust", "import")


def actor_of(request: Request) -> Actor:
    return Actor.from_request(request._request)


class ScopedViewSet(viewsets.GenericViewSet):
    """``get_queryset`` is the model's ``visible_to(user)``: what is out of scope answers 404."""

    base_queryset: Any = None

    def get_queryset(self) -> Any:
        return self.base_queryset.visible_to(self.request.user)


class ChangesMixin:
    """``GET …/{id}/changes/``: the change log of one object the user can see."""

    @extend_schema(responses=ChangeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def changes(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()  # type: ignore[attr-defined]
        rows = changelog.changes_of(obj).order_by("-time", "-id")
        plan_id = getattr(obj, "plan_id", None) or getattr(getattr(obj, "task", None), "plan_id", None) \
            or getattr(getattr(obj, "project", None), "plan_id", None)
        grant = scoping.role_in(request.user, plan_id) if plan_id else None
        if grant is not None and grant.role == scoping.VIEWER:  # approved figures only, no intermediate states
            rows = rows.filter(action__in=VIEWER_ACTIONS)
        return Response(ChangeSerializer(rows[:500], many=True).data)
