"""Every change of state of plan data, in one place: the pages, the API and the CLI call these.

Each service guards the state, checks the actor's rights, then the version read, validates, saves with the
one optimistic-locking scheme (``locking``: version required, 428 missing / 409 stale; retried on
deadlocks), writes the change log (before, after, request id) and recomputes what depends on the change.
"""

from ..actor import Actor
from ..errors import Busy, Conflict, PermissionDenied, StateError, ValidationError, VersionRequired
from .locking import run_atomic, service
from .plans import awaiting_office, set_head_approval
from .plans import update_settings as update_plan_settings
from .projects import add_update as add_project_update
from .rounds import close_round, open_round, reporting_status
from .submissions import approve, bulk_approve, create_draft, report, resubmit, return_, submit, update_draft

__all__ = [
    "Actor",
    "Busy",
    "Conflict",
    "PermissionDenied",
    "StateError",
    "ValidationError",
    "VersionRequired",
    "add_project_update",
    "approve",
    "awaiting_office",
    "bulk_approve",
    "close_round",
    "create_draft",
    "open_round",
    "report",
    "reporting_status",
    "resubmit",
    "return_",
    "run_atomic",
    "service",
    "set_head_approval",
    "submit",
    "update_draft",
    "update_plan_settings",
]
