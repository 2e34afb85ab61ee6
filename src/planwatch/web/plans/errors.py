"""Errors of the workflow services; the API maps them to 400, 403, 404, 409, 428 and 503."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from planwatch.core.errors import PlanwatchError

__all__ = ["Busy", "Conflict", "PermissionDenied", "StateError", "ValidationError", "VersionRequired"]


class Conflict(PlanwatchError):
    """Someone changed the object since it was read (optimistic locking): reload and try again."""

    def __init__(self, message: str, changed_by: str = "", current_version: int | None = None) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.current_version = current_version


class StateError(Conflict):
    """The object is not in a state where this action is possible (approving an approved submission)."""


class VersionRequired(Conflict):
    """A change of state sent without the ``version`` the sender read (HTTP 428 Precondition Required)."""


class Busy(Conflict):
    """The database stayed busy (deadlocks, serialization failures) through every retry: try again (503)."""
