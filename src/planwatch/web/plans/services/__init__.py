"""Every change of state of plan data, in one place: the pages, the API and the CLI call these.

Each service guards the state, checks the actor's rights, then the version read, validates, saves with the
one optimistic-locking scheme (``locking``: version required, 428 missing / 409 stale; retried on
deadlocks), writes the change log (before, after, request id) and recomputes what depends on the change.
"""

from ..actor import Actor
from ..errors import Busy, Conflict, PermissionDenied, StateError, ValidationError, VersionRequired
from .locking import run_atomic, service
from .plans import awaiting_office, set_head_approval, update_settings
from .plans import update_settings as update_plan_settings
from .projects import add_update as add_project_update
from .projects import approve_update as approve_project_update
from .projects import return_update as return_project_update
from .rounds import close_round, open_due_rounds, open_round, overview, reopen_round, reporting_status
from .submissions import (
    approve,
    bulk_approve,
    bulk_return,
    create_draft,
    report,
    resubmit,
    return_,
    submit,
    update_draft,
)
from .targets import adjust_target

__all__ = [
    "Actor",
    "Busy",
    "Conflict",
    "PermissionDenied",
    "StateError",
    "ValidationError",
    "VersionRequired",
    "add_project_update",
    "adjust_target",
    "approve",
    "approve_project_update",
    "awaiting_office",
    "bulk_approve",
    "bulk_return",
    "close_round",
    "create_draft",
    "open_due_rounds",
    "open_round",
    "overview",
    "reopen_round",
    "report",
    "reporting_status",
    "resubmit",
    "return_",
    "return_project_update",
    "run_atomic",
    "service",
    "set_head_approval",
    "submit",
    "update_draft",
    "update_plan_settings",
    "update_settings",
]
