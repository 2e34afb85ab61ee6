"""Errors of the workflow services; the API maps them to 400, 403, 404 and 409."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["Conflict", "PermissionDenied", "StateError", "ValidationError"]


class Conflict(Exception):
    """Someone changed the object since it was read (optimistic locking): reload and try again."""

    def __init__(self, message: str, changed_by: str = "", current_version: int | None = None) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.current_version = current_version


class StateError(Conflict):
    """The object is not in a state where this action is possible (approving an approved submission)."""
