"""Session timeouts: a session ends after ``PLANWATCH_SESSION_IDLE_MINUTES`` without a request, and
``PLANWATCH_SESSION_HOURS`` after the login at the latest, whatever the activity."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

STARTED = "planwatch_login_at"
SEEN = "planwatch_seen_at"
WRITE_EVERY = 60  # seconds: the last-seen time is saved at most once a minute (no write per request)


def mark_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """``user_logged_in``: the session's clock starts."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[SEEN] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            session = request.session
            started = int(session.get(STARTED, now))
            seen = int(session.get(SEEN, now))
            idle = int(settings.PLANWATCH_SESSION_IDLE_MINUTES) * 60
            longest = int(settings.PLANWATCH_SESSION_HOURS) * 3600
            if now - seen > idle or now - started > longest:
                logout(request)
            else:
                if STARTED not in session:
                    session[STARTED] = now
                if now - seen >= WRITE_EVERY or SEEN not in session:
                    session[SEEN] = now
        return self.get_response(request)
