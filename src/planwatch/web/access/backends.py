"""The one authentication backend: Django's, behind the login guard (every login path goes through it)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .guard import LoginGuard


class ThrottledBackend(ModelBackend):
    """Refuses every attempt while the account or the client address is locked; counts failures."""

    def authenticate(self, request: Any, username: Any = None, password: Any = None, **kwargs: Any) -> Any:
        if username is None:
            from django.contrib.auth import get_user_model

            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        guard = LoginGuard(request, username)
        if guard.locked():
            raise PermissionDenied("locked")  # authenticate() stops here: no other backend is asked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            guard.failed()
        else:
            guard.succeeded()
        return user
