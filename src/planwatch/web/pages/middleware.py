"""A one-time password is changed before anything else: the pages send its owner to the change form.

Whether it must be changed is read at login into the session (``services.accounts.on_login``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from planwatch.web.plans.services.accounts import SESSION_FLAG

ALLOWED = ("/accounts/", "/i18n/", "/static/", "/api/", "/admin/")


class PasswordChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_FLAG) and not request.path.startswith(ALLOWED):
            return redirect("pages:password_change")
        return self.get_response(request)
