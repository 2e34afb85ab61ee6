"""Gives every request an id (from ``X-Request-ID`` when a proxy sets one) for the change log."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_SAFE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE.match(given) else uuid.uuid4().hex
        request.id = request_id  # type: ignore[attr-defined]  # read by the change log (actor.py)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
