"""``POST /api/auth/token/`` {username, password} → {"token", "expires"}; ``POST /api/auth/logout/``;
``GET /api/me/``.

A token is issued per login, stored hashed, and expires after ``PLANWATCH_TOKEN_HOURS``; logging out revokes
the token it is sent with (``?all=1``: every token of the user). Password guessing is throttled with every
other login path (``planwatch.web.access.guard``): a locked account or address answers 429.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, logout
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from planwatch.web.access import tokens
from planwatch.web.access.forms import locked_message
from planwatch.web.access.guard import LoginGuard
from planwatch.web.access.models import ApiToken
from planwatch.web.plans.models import Membership

from ..serializers import TokenInput, TokenOutput


class TokenView(APIView):
    permission_classes = (AllowAny,)
    authentication_classes = ()

    @extend_schema(request=TokenInput, responses={200: TokenOutput}, auth=[])
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        username = data.validated_data["username"]
        lock = LoginGuard(request._request, username).locked()
        if lock is not None:
            raise exceptions.Throttled(wait=lock.seconds, detail=locked_message(lock))
        user = authenticate(request._request, username=username, password=data.validated_data["password"])
        if user is None or not user.is_active:
            lock = LoginGuard(request._request, username).locked()
            if lock is not None:  # this failure locked it
                raise exceptions.Throttled(wait=lock.seconds, detail=locked_message(lock))
            raise serializers.ValidationError({"non_field_errors": [_("Wrong user name or password")]})
        key, token = tokens.issue(user)
        return Response({"token": key, "expires": token.expires}, status=status.HTTP_200_OK)


class LogoutView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={204: None},
                   parameters=[OpenApiParameter("all", bool, description="revoke every token of the user")])
    def post(self, request: Request) -> Response:
        """Revoke the token this request carries (every token with ``?all=1``); end a page session."""
        if request.query_params.get("all") in ("1", "true", "yes"):
            tokens.revoke_all(request.user)
        elif isinstance(request.auth, ApiToken):
            tokens.revoke(request.auth)
        session = getattr(request._request, "session", None)
        if session is not None and session.session_key:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MembershipOutput(serializers.Serializer):
    plan = serializers.IntegerField()
    role = serializers.CharField()
    department = serializers.CharField(allow_null=True)


class MeOutput(serializers.Serializer):
    username = serializers.CharField()
    is_superuser = serializers.BooleanField()
    memberships = MembershipOutput(many=True)


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
