"""Serializers of the API. Output serializers show figures as published text; inputs are validated by
the workflow services (``planwatch.web.plans.services``), which give the field errors."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from planwatch.web.plans import models as m
from planwatch.web.plans.models.projects import Phase


@extend_schema_field({"type": "string", "nullable": True, "example": "91.4"})
class DecimalText(serializers.Field):
    """A published decimal, written as text exactly as published (``"3.90"``)."""

    def to_representation(self, value: Any) -> str | None:
        return None if value is None else str(value)

    def to_internal_value(self, data: Any) -> Any:
        return data


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Department
        fields = ("id", "code", "name", "name_en", "kind", "version")


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Area
        fields = ("id", "code", "name", "name_en", "order")


class PlanSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = m.Plan
        fields = ("id", "region", "region_name", "year", "title", "title_en", "base_year",
                  "require_head_approval", "four_eyes", "settings", "version")


VERSION_HELP = "the version you read: 428 when missing, 409 when someone changed it since"


class VersionInput(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP)


class PlanSettingsInput(VersionInput):
    require_head_approval = serializers.BooleanField(required=False)
    four_eyes = serializers.BooleanField(required=False, help_text="nobody approves a figure they submitted")


class TaskSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="lead.code", read_only=True)
    department_name = serializers.CharField(source="lead.name", read_only=True)
    area = serializers.CharField(source="area.code", read_only=True)
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]  # the task's parent, not the Field's
    co = serializers.SerializerMethodField()
    target_value = DecimalText(read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = m.Task
        fields = ("id", "plan", "code", "name", "name_en", "area", "parent", "department", "department_name",
                  "co", "target_kind", "target_value", "unit", "deadline", "curve", "target_text", "progress")

    @extend_schema_field(OpenApiTypes.STR)
    def get_parent(self, obj: m.Task) -> str:
        return obj.parent.code if obj.parent_id and obj.parent else ""

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_co(self, obj: m.Task) -> list[str]:
        return [link.department.code for link in obj.co_links.all()]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_progress(self, obj: m.Task) -> dict[str, Any] | None:
        return (self.context.get("progress") or {}).get(obj.pk)


class SubmissionSerializer(serializers.ModelSerializer):
    task_code = serializers.CharField(source="task.code", read_only=True)
    department = serializers.CharField(source="task.lead.code", read_only=True)
    value = DecimalText(read_only=True)
    submitted_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decided_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username", read_only=True)
    head_decided_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username",
                                                                                      read_only=True)

    class Meta:
        model = m.Submission
        fields = ("id", "task", "task_code", "department", "round", "value", "unit", "as_of", "note", "account",
                  "scope", "status",
                  "comment", "version", "submitted_by", "head_decided_by", "decided_by", "created_at",
                  "submitted_at", "decided_at")
        read_only_fields = fields


class NumbersAsText(serializers.Serializer):
    """Accepts a JSON number where a figure is expected, and keeps it as the text it was written as."""

    number_fields: tuple[str, ...] = ("value",)

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "items"):
            data = dict(data.items())
            for name in self.number_fields:
                item = data.get(name)
                if isinstance(item, int | float) and not isinstance(item, bool):
                    data[name] = repr(item) if isinstance(item, float) else str(item)
        return super().to_internal_value(data)


class SubmissionInput(NumbersAsText):
    """A figure to report: validated in full (non-number, unit, date, cumulative) by the service."""

    value = serializers.CharField(max_length=40, required=False, allow_null=True, allow_blank=True,
                                  help_text="cumulative figure, as text or number: 91.4")
    as_of = serializers.DateField()
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    account = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="",
                                    help_text="进展情况: one to three sentences on the work done; "
                                              "required for a task without a quantity")
    scope = serializers.CharField(max_length=10, required=False, allow_blank=True, default="",
                                  help_text="口径: blank or same (counts toward the target), differs, unclear")
    unit = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    round = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)



class DraftInput(SubmissionInput):
    task = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class DraftUpdate(NumbersAsText):
    value = serializers.CharField(max_length=40, required=False, allow_null=True, allow_blank=True)
    as_of = serializers.DateField(required=False)
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    account = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    scope = serializers.CharField(max_length=10, required=False, allow_blank=True)
    unit = serializers.CharField(max_length=40, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP)


class ReturnInput(VersionInput):
    comment = serializers.CharField(max_length=4000, allow_blank=True)


class BulkItem(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP)


class BulkApproveInput(serializers.Serializer):
    submissions = BulkItem(many=True, max_length=1000, allow_empty=False)  # type: ignore[call-arg]  # ListSerializer's


class BulkApproveResult(serializers.Serializer):
    approved = SubmissionSerializer(many=True)
    failed = serializers.DictField(child=serializers.CharField())


class ObservationSerializer(serializers.ModelSerializer):
    value = DecimalText(read_only=True)
    yoy_pct = DecimalText(read_only=True)
    vs_base_pct = DecimalText(read_only=True)
    avg_pct = DecimalText(read_only=True)
    yoy_pp = DecimalText(read_only=True)

    class Meta:
        model = m.Observation
        fields = ("period", "value", "unit", "yoy_pct", "vs_base_pct", "base_period", "avg_pct", "yoy_pp", "source")


class TargetSerializer(serializers.ModelSerializer):
    value = DecimalText(read_only=True)

    class Meta:
        model = m.Target
        fields = ("period", "kind", "value", "unit", "text", "due")


class IndicatorSerializer(serializers.ModelSerializer):
    area: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    department: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    observations = ObservationSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    growth = serializers.SerializerMethodField()

    class Meta:
        model = m.Indicator
        fields = ("id", "plan", "code", "name", "name_en", "unit", "kind", "aggregation", "higher_is_better",
                  "comparable", "headline", "area", "department", "observations", "targets", "growth")

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_growth(self, obj: m.Indicator) -> list[dict[str, Any]]:
        return (self.context.get("growth") or {}).get(obj.pk, [])


class WarningSerializer(serializers.ModelSerializer):
    department: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = m.WarningRecord
        fields = ("id", "plan", "rule", "level", "subject_type", "subject_code", "department", "message",
                  "figures", "computed_at")


class ProjectUpdateSerializer(serializers.ModelSerializer):
    investment_done = DecimalText(read_only=True)
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = m.ProjectUpdate
        fields = ("id", "phase", "investment_done", "actual_start", "as_of", "note", "created_by", "created_at")


class ProjectSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="lead.code", read_only=True)
    investment_plan = DecimalText(read_only=True)
    investment_done = DecimalText(read_only=True)
    updates = ProjectUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = m.Project
        fields = ("id", "plan", "code", "name", "name_en", "category", "department", "planned_start",
                  "actual_start", "planned_finish", "phase", "investment_plan", "investment_done", "as_of",
                  "version", "updates")


class ProjectUpdateInput(NumbersAsText):
    number_fields = ("investment_done",)

    phase = serializers.ChoiceField(choices=Phase.choices)
    investment_done = serializers.CharField(max_length=40, required=False, allow_null=True, allow_blank=True)
    actual_start = serializers.DateField(required=False, allow_null=True)
    as_of = serializers.DateField()
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP)


class RoundSerializer(serializers.ModelSerializer):
    reported = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()

    class Meta:
        model = m.ReportingRound
        fields = ("id", "plan", "label", "period", "opens", "deadline", "status", "version", "reported", "missing")
        read_only_fields = ("status", "version", "reported", "missing")

    def _status(self, obj: m.ReportingRound) -> dict[str, list[Any]]:
        cache = cast(dict[str, Any], self.context).setdefault("_round_status", {})
        if obj.pk not in cache:
            from planwatch.web.plans.services import reporting_status

            cache[obj.pk] = reporting_status(obj)
        return cache[obj.pk]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_reported(self, obj: m.ReportingRound) -> list[str]:
        return [d.code for d in self._status(obj)["reported"]]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_missing(self, obj: m.ReportingRound) -> list[str]:
        return [d.code for d in self._status(obj)["missing"]]


class RoundInput(serializers.Serializer):
    plan = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    label = serializers.CharField(max_length=60)  # type: ignore[assignment]  # the round's label, not the Field's
    period = serializers.CharField(max_length=20)
    opens = serializers.DateField()
    deadline = serializers.DateField()


class ChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.ObjectChange
        fields = ("id", "time", "user_name", "request_id", "action", "object_type", "object_id", "object_repr",
                  "before", "after")


class TokenInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, style={"input_type": "password"}, trim_whitespace=False)


class TokenOutput(serializers.Serializer):
    token = serializers.CharField(help_text="send as `Authorization: Token <token>`; shown this once")
    expires = serializers.DateTimeField()
