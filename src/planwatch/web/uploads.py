"""Upload caps per endpoint, enforced before a byte of the body is parsed.

``settings.PLANWATCH_UPLOAD_LIMITS`` names the URL (``pages:report_upload``) and its cap in bytes; any other
URL gets ``PLANWATCH_UPLOAD_DEFAULT``. A request announcing a longer body is answered 413 at once (the body
is never read); a body without a length (chunked) is counted while it streams and dropped at the cap, and the
view sees ``request.upload_refused``. JSON and form bodies stay within ``DATA_UPLOAD_MAX_MEMORY_SIZE``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

OVERHEAD = 64 * 1024  # multipart boundaries and the form's other fields
WRITES = ("POST", "PUT", "PATCH")


def limit_for(path: str) -> int:
    limits: dict[str, int] = getattr(settings, "PLANWATCH_UPLOAD_LIMITS", {})
    try:
        match = resolve(path)
    except Resolver404:
        return int(getattr(settings, "PLANWATCH_UPLOAD_DEFAULT", 1024 * 1024))
    return int(limits.get(match.view_name, getattr(settings, "PLANWATCH_UPLOAD_DEFAULT", 1024 * 1024)))


def largest_upload() -> int:
    """The largest body any endpoint accepts (the WSGI server refuses longer ones itself)."""
    limits: dict[str, int] = getattr(settings, "PLANWATCH_UPLOAD_LIMITS", {})
    return max([int(getattr(settings, "PLANWATCH_UPLOAD_DEFAULT", 1024 * 1024)), *limits.values()]) + OVERHEAD


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g}"


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of every uploaded file of the request; past the cap the upload stops."""

    def __init__(self, request: Any, cap: int) -> None:
        super().__init__(request)
        self.cap = cap
        self.seen = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        if self.seen > self.cap:
            if self.request is not None:
                self.request.upload_refused = True  # type: ignore[attr-defined]  # read by the view
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def too_large(request: HttpRequest, cap: int) -> HttpResponse:
    message = _("The upload is larger than %(mb)s MB; nothing was read.") % {"mb": megabytes(cap)}
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else "/"
    html = render_to_string("413.html", {"message": message, "back": back})
    return HttpResponse(html, status=413)


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in WRITES:
            cap = limit_for(request.path_info)
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > cap + OVERHEAD:
                response = too_large(request, cap)
                response["Connection"] = "close"  # the unread body goes with the connection
                return response
            request.upload_handlers.insert(0, LimitedUploadHandler(request, cap))
        return self.get_response(request)
