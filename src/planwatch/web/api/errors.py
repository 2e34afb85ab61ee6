"""Maps the workflow services' errors onto HTTP: field errors 400, no right 403, stale version or wrong state
409, no version sent 428, the database busy through every retry 503 (never a 500)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from planwatch.web.plans.errors import Busy, Conflict, StateError, VersionRequired
from planwatch.web.plans.services.locking import retryable


def _field_errors(exc: DjangoValidationError) -> dict[str, Any]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_field_errors(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, VersionRequired):
        return Response({"detail": str(exc), "code": "version_required", "current_version": exc.current_version},
                        status=status.HTTP_428_PRECONDITION_REQUIRED)
    elif isinstance(exc, Busy) or (isinstance(exc, OperationalError) and retryable(exc)):
        return Response({"detail": str(exc) if isinstance(exc, Busy) else "busy", "code": "busy"},
                        status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "1"})
    if isinstance(exc, Conflict):
        body: dict[str, Any] = {"detail": str(exc), "code": "state" if isinstance(exc, StateError) else "stale"}
        if exc.changed_by:
            body["changed_by"] = exc.changed_by
        if exc.current_version is not None:
            body["current_version"] = exc.current_version
        return Response(body, status=status.HTTP_409_CONFLICT)
    return drf_handler(exc, context)
