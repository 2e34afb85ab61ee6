"""Tasks with their computed progress, and reporting progress on a task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import assessments, figures, services
from planwatch.web.plans.models import Plan, Task

from ..filters import TaskFilter
from ..serializers import SubmissionInput, SubmissionSerializer, TaskSerializer
from .base import ChangesMixin, ScopedViewSet, actor_of

ON = OpenApiParameter("on", dt.date, description="measure progress on this date (default: the plan's "
                     "settings.as_of, else the latest approved figure's date)")


@extend_schema_view(list=extend_schema(parameters=[ON]), retrieve=extend_schema(parameters=[ON]))
class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ChangesMixin, ScopedViewSet):
    """Tasks in the user's scope; ``progress`` is computed by ``planwatch.core.progress``."""

    base_queryset = Task.objects.select_related("lead", "area", "parent", "plan").prefetch_related(
        "co_links__department").order_by("plan_id", "seq", "id")
    serializer_class = TaskSerializer
    filterset_class = TaskFilter

    def _on(self) -> dt.date | None:
        raw = self.request.query_params.get("on", "")
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise ValidationError({"on": [_("Write the date as YYYY-MM-DD")]}) from None

    def _with_progress(self, tasks: list[Task]) -> dict[str, Any]:
        on = self._on()
        by_plan: dict[int, list[Task]] = {}
        for t in tasks:
            by_plan.setdefault(t.plan_id, []).append(t)
        progress: dict[int, Any] = {}
        for plan_tasks in by_plan.values():
            plan: Plan = plan_tasks[0].plan
            progress.update(figures.progress_of(plan_tasks, plan, on))
        return {**self.get_serializer_context(), "progress": progress}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        keys = self.filter_queryset(self.get_queryset()).values_list("pk", "plan_id")
        page = self.paginate_queryset(keys)
        data = self._represent(list(page if page is not None else keys))
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _represent(self, keys: Sequence[tuple[int, int]]) -> Sequence[dict[str, Any]]:
        """Each task as the serializer writes it, kept per task with its plan's assessment (a task's fields,
        co-departments and progress change only when the plan's data version moves): a page of the list
        reads what was written before and serializes only what was not."""
        on = self._on()
        memo: dict[int, dict[int, Any]] = {}
        for plan in Plan.objects.filter(pk__in={key[1] for key in keys}):
            memo[plan.pk] = assessments.derived(plan, assessments.current(plan, on), ("api.tasks",), dict)
        missing = [pk for pk, plan_id in keys if pk not in memo[plan_id]]
        if missing:
            tasks = list(self.get_queryset().filter(pk__in=missing))
            for task, data in zip(tasks, TaskSerializer(tasks, many=True, context=self._with_progress(tasks)).data,
                                  strict=True):
                memo[task.plan_id][task.pk] = data
        return [memo[plan_id][pk] for pk, plan_id in keys]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        return Response(TaskSerializer(task, context=self._with_progress([task])).data)

    @extend_schema(request=SubmissionInput, responses={201: SubmissionSerializer})
    @action(detail=True, methods=["post"])
    def submissions(self, request: Request, pk: Any = None) -> Response:
        """Report the task's cumulative progress: creates a submission and submits it (报送)."""
        task = self.get_object()
        data = SubmissionInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        sub = services.report(actor_of(request), task, value=v.get("value"), as_of=v["as_of"],
                              note=v.get("note", ""), unit=v.get("unit", ""), round=v.get("round"),
                              account=v.get("account", ""), scope=v.get("scope", ""))
        return Response(SubmissionSerializer(sub).data, status=status.HTTP_201_CREATED)
