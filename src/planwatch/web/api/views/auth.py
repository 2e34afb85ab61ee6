"""``POST /api/auth/token/`` {username, password} → {"token": …}; ``GET /api/me/``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from planwatch.web.plans.models import Membership

from ..serializers import TokenInput, TokenOutput


class TokenView(APIView):
    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "token"

    @extend_schema(request=TokenInput, responses={200: TokenOutput}, auth=[])
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request._request, username=data.validated_data["username"],
                            password=data.validated_data["password"])
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Wrong user name or password")]})
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key}, status=status.HTTP_200_OK)


class MeOutput(serializers.Serializer):
    username = serializers.CharField()
    is_superuser = serializers.BooleanField()
    memberships = serializers.ListField(child=serializers.DictField())


class MeView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(responses=MeOutput)
    def get(self, request: Request) -> Response:
        user: Any = request.user
        rows = Membership.objects.filter(user=user).select_related("plan", "department")
        return Response({
            "username": user.get_username(),
            "is_superuser": user.is_superuser,
            "memberships": [{"plan": r.plan_id, "role": r.role,
                             "department": r.department.code if r.department else None} for r in rows],
        })

