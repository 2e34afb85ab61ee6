"""The Excel reporting template's upload as one workflow: each checked row becomes a submitted figure.

``pages.excel.parse_upload`` reads and checks the file (no database); ``save_rows`` saves its good rows
through ``create_draft`` and ``submit``, in one transaction retried on deadlocks: all or nothing, unless
the uploader asked to keep the good rows. A row already uploaded (same task, date and value:
``source_row_hash``) creates nothing again; a task with a figure awaiting approval takes no new one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.db import transaction
from django.utils.translation import gettext as _

from ..actor import Actor
from ..errors import Conflict, PermissionDenied, ValidationError
from ..models import Submission, SubmissionStatus, Task
from .locking import run_atomic
from .submissions import create_draft, submit

S = SubmissionStatus
AWAITING = (S.SUBMITTED, S.HEAD_APPROVED)


class UploadRow(Protocol):
    """A checked row of the template (``pages.excel.ParsedRow``)."""

    @property
    def row(self) -> int: ...
    @property
    def task_id(self) -> int: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def note(self) -> str: ...
    @property
    def fingerprint(self) -> str: ...
    @property
    def account(self) -> str: ...


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet row
    field: str  # value, as_of, unit, note, round, code
    message: str


@dataclass
class Saved:
    created: int = 0
    repeated: int = 0
    errors: list[RowError] = field(default_factory=list)


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
    return {"value": [str(m) for m in exc.messages]}


def save_rows(actor: Actor, tasks: Mapping[int, Task], rows: Iterable[UploadRow], *, round: Any = None,
              keep_good: bool = False, file_has_errors: bool = False, filename: str = "") -> Saved:
    """Save the rows (tasks: the uploader's tasks by id). With errors (in the file or on saving) nothing is
    saved, unless ``keep_good``."""
    rows = list(rows)

    def work() -> Saved:
        out = Saved()
        awaiting = set(Submission.objects.filter(task__in=list(tasks.values()), status__in=AWAITING)
                       .values_list("task_id", flat=True))
        for row in rows:
            task = tasks[row.task_id]
            if Submission.objects.filter(task=task, source_row_hash=row.fingerprint).exists():
                out.repeated += 1
                continue
            if task.pk in awaiting:
                out.errors.append(RowError(row.row, "value", _("A figure of this task is awaiting approval.")))
                continue
            try:
                with transaction.atomic():
                    sub = create_draft(actor, task, value=row.value, as_of=row.as_of, note=row.note, round=round,
                                       source_row_hash=row.fingerprint, source_file=filename, source_row=row.row,
                                       account=row.account)
                    submit(actor, sub, version=sub.version)
                out.created += 1
            except ValidationError as exc:
                for name, messages in _field_errors(exc).items():
                    out.errors.extend(RowError(row.row, name, m) for m in messages)
            except (Conflict, PermissionDenied) as exc:
                out.errors.append(RowError(row.row, "code", str(exc)))
        if (out.errors or file_has_errors) and not keep_good:
            transaction.set_rollback(True)
            out.created = 0
        return out

    return run_atomic(work)
