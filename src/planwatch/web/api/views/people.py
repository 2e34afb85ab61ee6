"""People and departments of a plan, written by its plan office through ``plans.services.people``.

``/api/people/``: the members of the plans where the user is the plan office (others see an empty list, and
404 on one member); ``POST`` adds a person (a new account's password, given or generated, is answered once),
``PATCH`` changes role, department or whether the account is active, ``POST …/password/`` resets the
password. ``/api/departments/``: everyone in a plan reads them; the plan office creates and renames them.
Changes carry the ``version`` read (428 without it, 409 when someone changed the row since).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from planwatch.web.plans import scoping
from planwatch.web.plans.models import Department, Membership, ObjectChange, Plan, Role
from planwatch.web.plans.models.org import DepartmentKind
from planwatch.web.plans.services import people

from ..serializers import VERSION_HELP, ChangeSerializer, DepartmentSerializer
from .base import ChangesMixin, ScopedViewSet, actor_of
from .plans import DepartmentViewSet

BIGGEST = 2**63 - 1


class PersonSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    full_name = serializers.SerializerMethodField()
    email = serializers.CharField(source="user.email", read_only=True)
    is_active = serializers.BooleanField(source="user.is_active", read_only=True)
    last_login = serializers.DateTimeField(source="user.last_login", read_only=True, allow_null=True)
    department = serializers.CharField(source="department.code", read_only=True, allow_null=True, default=None)
    department_name = serializers.CharField(source="department.name", read_only=True, allow_null=True,
                                            default=None)

    class Meta:
        model = Membership
        fields: tuple[str, ...] = ("id", "plan", "username", "full_name", "email", "role", "department",
                                   "department_name", "is_active", "last_login", "version")

    def get_full_name(self, obj: Membership) -> str:
        return obj.user.get_full_name()


class PersonDetail(PersonSerializer):
    pass


class PersonCreated(PersonDetail):
    password = serializers.SerializerMethodField(help_text="the new account's password, shown this once")

    class Meta(PersonDetail.Meta):
        fields = (*PersonDetail.Meta.fields, "password")

    def get_password(self, obj: Membership) -> str | None:
        return self.context.get("password")


class PersonInput(serializers.Serializer):
    plan = serializers.IntegerField(min_value=1, max_value=BIGGEST)
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices)
    department = serializers.CharField(max_length=60, required=False, allow_blank=True, allow_null=True,
                                       help_text="department code (heads and reporters)")
    password = serializers.CharField(max_length=128, required=False, allow_blank=True, trim_whitespace=False,
                                     style={"input_type": "password"},
                                     help_text="blank: a password is generated and answered once")
    full_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)


class PersonUpdate(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    department = serializers.CharField(max_length=60, required=False, allow_blank=True, allow_null=True)
    is_active = serializers.BooleanField(required=False)
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP)


class PasswordInput(serializers.Serializer):
    password = serializers.CharField(max_length=128, required=False, allow_blank=True, trim_whitespace=False,
                                     style={"input_type": "password"}, help_text="blank: one is generated")
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP)


class PasswordOutput(serializers.Serializer):
    password = serializers.CharField(help_text="the new password, shown this once")


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ChangesMixin, ScopedViewSet):
    """The members of the plans where the user is the plan office."""

    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Membership]:
        q = scoping.scope_q(self.request.user, "plan", None, None, roles=frozenset({scoping.PLANOFFICE}))
        qs = Membership.objects.filter(q).select_related("user", "department").order_by("plan_id", "role", "id")
        plan = self.request.query_params.get("plan", "")
        if plan.isascii() and plan.isdigit() and int(plan) <= BIGGEST:
            qs = qs.filter(plan_id=int(plan))
        return qs

    def get_serializer_class(self) -> Any:
        return PersonDetail if self.action == "retrieve" else PersonSerializer

    @extend_schema(request=PersonInput, responses={201: PersonCreated})
    def create(self, request: Request) -> Response:
        """Add a person to a plan: a new account, or an existing one not yet in the plan."""
        data = PersonInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        plan = Plan.objects.visible_to(request.user).filter(pk=v["plan"]).first()
        if plan is None:
            raise NotFound()
        added = people.add_person(actor_of(request), plan, username=v["username"], role=v["role"],
                                  department=v.get("department") or None, password=v.get("password") or None,
                                  full_name=v.get("full_name", ""), email=v.get("email", ""))
        return Response(PersonCreated(added.membership, context={"password": added.password}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=PersonUpdate, responses=PersonDetail)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        """Change the role, the department (a code) or whether the account is active."""
        member = self.get_object()
        data = PersonUpdate(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        member = people.update_member(actor_of(request), member, version=v.get("version"), role=v.get("role"),
                                      department=(v.get("department") or "") if "department" in v else None,
                                      is_active=v.get("is_active"))
        member = Membership.objects.select_related("user", "department").get(pk=member.pk)
        return Response(PersonDetail(member).data)

    @extend_schema(responses=ChangeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def changes(self, request: Request, pk: Any = None) -> Response:  # type: ignore[override]
        """The change log of the membership and of the account (activation, password) in this plan."""
        member = self.get_object()
        rows = (ObjectChange.objects.filter(Q(object_type="plans.membership", object_id=str(member.pk))
                                            | Q(object_type=member.user._meta.label_lower,
                                                object_id=str(member.user_id), plan_id=member.plan_id))
                .order_by("-time", "-id")[:500])
        return Response(ChangeSerializer(rows, many=True).data)

    @extend_schema(request=PasswordInput, responses=PasswordOutput)
    @action(detail=True, methods=["post"])
    def password(self, request: Request, pk: Any = None) -> Response:
        """Reset the password: the given one, or a generated one answered once. Old tokens stop working."""
        member = self.get_object()
        data = PasswordInput(data=request.data)
        data.is_valid(raise_exception=True)
        new = people.reset_password(actor_of(request), member, data.validated_data.get("password") or None,
                                    version=data.validated_data.get("version"))
        return Response({"password": new})


class DepartmentDetail(DepartmentSerializer):
    in_use = serializers.SerializerMethodField(help_text="referred to by tasks, projects, people…: code fixed")

    class Meta:
        model = Department
        fields = ("id", "code", "name", "name_en", "kind", "version", "in_use")

    def get_in_use(self, obj: Department) -> bool:
        return people.department_in_use(obj)


class DepartmentInput(serializers.Serializer):
    plan = serializers.IntegerField(min_value=1, max_value=BIGGEST)
    code = serializers.CharField(max_length=60)
    name = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=DepartmentKind.choices, required=False)


class DepartmentUpdate(serializers.Serializer):
    code = serializers.CharField(max_length=60, required=False, help_text="only while nothing refers to it")
    name = serializers.CharField(max_length=200, required=False)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=DepartmentKind.choices, required=False)
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP)


class DepartmentWriteViewSet(DepartmentViewSet):
    """``/api/departments/``: read by every member of the plan; created and renamed by its plan office."""

    def get_serializer_class(self) -> Any:
        return DepartmentDetail if self.action == "retrieve" else DepartmentSerializer

    @extend_schema(request=DepartmentInput, responses={201: DepartmentDetail})
    def create(self, request: Request) -> Response:
        data = DepartmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        plan = Plan.objects.visible_to(request.user).filter(pk=v["plan"]).first()
        if plan is None:
            raise NotFound()
        dept = people.create_department(actor_of(request), plan, code=v["code"], name=v["name"],
                                        name_en=v.get("name_en", ""), kind=v.get("kind") or "department")
        return Response(DepartmentDetail(dept).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DepartmentUpdate, responses=DepartmentDetail)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        """Rename (name, English name, kind); the code only while nothing refers to the department."""
        dept = self.get_object()
        data = DepartmentUpdate(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        dept = people.update_department(actor_of(request), dept, name=v.get("name"), name_en=v.get("name_en"),
                                        kind=v.get("kind"), code=v.get("code"), version=v.get("version"))
        return Response(DepartmentDetail(dept).data)

