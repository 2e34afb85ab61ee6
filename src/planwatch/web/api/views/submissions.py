"""Submissions: drafts, submit, approve, return, bulk approve. Every change is a service call."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import services
from planwatch.web.plans.models import Submission, Task

from ..filters import SubmissionFilter
from ..serializers import (
    BulkApproveInput,
    BulkApproveResult,
    DraftInput,
    DraftUpdate,
    ReturnInput,
    SubmissionSerializer,
    VersionInput,
)
from .base import ChangesMixin, ScopedViewSet, actor_of


class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ChangesMixin, ScopedViewSet):
    base_queryset = Submission.objects.select_related(
        "task__lead", "submitted_by", "decided_by", "head_decided_by").order_by("-id")
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter

    @extend_schema(request=DraftInput, responses={201: SubmissionSerializer})
    def create(self, request: Request) -> Response:
        """Save a draft (草稿) for a task; submit it later with ``…/{id}/submit/``."""
        data = DraftInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        task = Task.objects.visible_to(request.user).filter(pk=v["task"]).first()
        if task is None:
            raise NotFound()
        sub = services.create_draft(actor_of(request), task, value=v.get("value"), as_of=v["as_of"],
                                    note=v.get("note", ""), unit=v.get("unit", ""), round=v.get("round"),
                                    account=v.get("account", ""), scope=v.get("scope", ""))
        return Response(SubmissionSerializer(sub).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DraftUpdate, responses=SubmissionSerializer)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        """Change a draft or returned submission (an approved one never changes)."""
        sub = self.get_object()
        data = DraftUpdate(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        version = changes.pop("version", None)
        sub = services.update_draft(actor_of(request), sub, version=version, **changes)
        return Response(SubmissionSerializer(sub).data)

    def _transition(self, request: Request, fn: Any, **kwargs: Any) -> Response:
        sub = self.get_object()
        data = VersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        sub = fn(actor_of(request), sub, version=data.validated_data.get("version"), **kwargs)
        return Response(SubmissionSerializer(sub).data)

    @extend_schema(request=VersionInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: Any = None) -> Response:
        """Draft or returned → submitted."""
        return self._transition(request, services.submit)

    @extend_schema(request=VersionInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        """Approve (审核通过); where the plan has the head step, the head's approval comes first."""
        return self._transition(request, services.approve)

    @extend_schema(request=ReturnInput, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: Any = None) -> Response:
        """Return to the department with a comment (退回)."""
        sub = self.get_object()
        data = ReturnInput(data=request.data)
        data.is_valid(raise_exception=True)
        sub = services.return_(actor_of(request), sub, data.validated_data["comment"],
                               version=data.validated_data.get("version"))
        return Response(SubmissionSerializer(sub).data)

    @extend_schema(request=BulkApproveInput, responses=BulkApproveResult)
    @action(detail=False, methods=["post"], url_path="bulk-approve")
    def bulk_approve(self, request: Request) -> Response:
        """Approve many ({id, version} each); those that cannot be approved are listed with the reason."""
        data = BulkApproveInput(data=request.data)
        data.is_valid(raise_exception=True)
        items = data.validated_data["submissions"]
        subs = {s.pk: s for s in self.get_queryset().filter(pk__in=[i["id"] for i in items])}
        done, failed = services.bulk_approve(actor_of(request), [(subs[i["id"]], i.get("version"))
                                                                 for i in items if i["id"] in subs])
        for item in items:
            if item["id"] not in subs:
                failed[item["id"]] = "not found"
        return Response({"approved": SubmissionSerializer(done, many=True).data,
                         "failed": {str(k): v for k, v in failed.items()}})
