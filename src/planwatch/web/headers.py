"""Security headers Django does not set itself: the Content-Security-Policy (``settings.CONTENT_SECURITY_POLICY``:
scripts, styles, images and fonts from this server only; no inline script or style attribute — Swagger UI's
page alone may set inline styles, ``CONTENT_SECURITY_POLICY_PATHS``) and a
Permissions-Policy that switches off what a plan-monitoring page never uses."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        self.paths: dict[str, str] = getattr(settings, "CONTENT_SECURITY_POLICY_PATHS", {})

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = self.paths.get(request.path_info, self.policy)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", PERMISSIONS)
        return response
