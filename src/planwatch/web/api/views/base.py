"""What every viewset shares: the scoped queryset and the change log of one object."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import changelog
from planwatch.web.plans.actor import Actor

from ..serializers import ChangeSerializer


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
        rows = changelog.changes_of(obj).order_by("-time", "-id")[:500]
        return Response(ChangeSerializer(rows, many=True).data)
