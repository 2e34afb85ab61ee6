"""Login forms that say when an account or address is locked, instead of "wrong password"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import ngettext

from .guard import Lockout, LoginGuard


def locked_message(lock: Lockout) -> str:
    return ngettext("Too many failed logins: try again in %(n)d minute.",
                    "Too many failed logins: try again in %(n)d minutes.", lock.minutes) % {"n": lock.minutes}


class _Throttled:
    request: Any
    data: Any

    def clean(self) -> Any:
        lock = LoginGuard(self.request, self.data.get("username", "")).locked()
        if lock is not None:
            raise forms.ValidationError(locked_message(lock), code="locked")
        return super().clean()  # type: ignore[misc]


class ThrottledLoginForm(_Throttled, AuthenticationForm):
    """The pages' login form."""


class ThrottledAdminLoginForm(_Throttled, AdminAuthenticationForm):
    """The admin site's login form."""
