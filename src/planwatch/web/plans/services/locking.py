"""The one optimistic-locking scheme of every service, and the transaction it runs in.

Every change of state of an existing row goes the same way:

1. ``@service``: the service runs in one transaction; when it is the outermost one, a deadlock or a
   serialization failure (PostgreSQL), or a database that stayed locked (SQLite), rolls it back and runs it
   again (a few times, with a short random pause); if it still fails the caller gets ``Busy`` (503), never a
   server error. Nested in another service or in a view's transaction, it is a savepoint and the outermost
   ``run_atomic`` retries the whole.
2. ``lock(queryset, pk)``: the row is read ``SELECT … FOR UPDATE`` (SQLite: the IMMEDIATE transaction
   already holds the write lock).
3. the service checks the actor's right (``PermissionDenied``, 403) **before** the version, so a stale or
   missing version never tells someone without the right anything;
4. ``check_version(obj, version)``: no version → ``VersionRequired`` (428); another one → ``Conflict`` (409)
   naming who changed the row last and its current version;
5. ``write(actor, obj, fields, action)``: ``UPDATE … SET …, version = n + 1 WHERE pk = … AND version = n``,
   then the change log (before, after, request id).

Rows created by a service start at version 1; the version a client sends is the one it read.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, OperationalError, models, transaction
from django.utils.translation import gettext as _

from .. import changelog, limits
from ..actor import Actor
from ..errors import Busy, Conflict, VersionRequired

T = TypeVar("T")
ATTEMPTS = 6
RETRY_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock detected, serialization failure
UNIQUE_SQLSTATE = "23505"


def retryable(exc: BaseException) -> bool:
    """A deadlock or serialization failure (PostgreSQL), or SQLite's "database is locked"."""
    cause = exc.__cause__ or exc
    if getattr(cause, "sqlstate", None) in RETRY_SQLSTATES:
        return True
    text = str(exc).lower()
    return "database is locked" in text or "deadlock" in text


def _unique_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__ or exc
    return getattr(cause, "sqlstate", None) == UNIQUE_SQLSTATE or "unique constraint failed" in str(exc).lower()


def run_atomic(fn: Callable[..., T], *args: Any, attempts: int = ATTEMPTS, **kwargs: Any) -> T:
    """``fn`` in a transaction, retried when the database reports a deadlock or serialization failure.

    Inside another transaction it only adds a savepoint: the outermost caller retries. Two people creating
    the same unique row at the same moment get ``Conflict`` (409), not a server error."""
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            return fn(*args, **kwargs)
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                return fn(*args, **kwargs)
        except OperationalError as exc:
            if not retryable(exc):
                raise
            if attempt == attempts - 1:
                raise Busy(_("The database is busy; try again in a moment")) from exc
            time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        except IntegrityError as exc:
            if not _unique_violation(exc):
                raise
            raise Conflict(_("Someone saved the same at the same moment; reload and try again")) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def service(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorate a service: one transaction, retried on deadlocks when it is the outermost one."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        return run_atomic(fn, *args, **kwargs)

    return wrapper


M = TypeVar("M", bound=models.Model)


def lock(queryset: models.QuerySet[Any], pk: Any) -> Any:
    """The row, locked for the rest of the transaction (``of=("self",)``: joined rows stay unlocked)."""
    return queryset.select_for_update(of=("self",)).get(pk=pk)


def last_changer(obj: models.Model) -> str:
    change = changelog.changes_of(obj).order_by("-id").first()
    return change.user_name if change else ""


def _stale(obj: Any, current: int | None) -> Conflict:
    who = last_changer(obj)
    return Conflict(_("Changed by %(who)s since you read it; reload and try again") % {"who": who or "?"},
                    changed_by=who, current_version=current)


def as_version(version: Any) -> int | None:
    """The version a client sent: a whole number ≥ 1, or None when it sent none (bad text counts as none)."""
    if version is None or version == "":
        return None
    if isinstance(version, bool):
        return None
    try:
        number = int(version)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number >= 1 else None


def check_version(obj: Any, version: Any) -> int:
    """The version to write against: refuses a missing one (428) and a stale one (409)."""
    expected = as_version(version)
    if expected is None:
        raise VersionRequired(_("Send the version you read (the “version” field); reload and try again"),
                              current_version=obj.version)
    if expected != obj.version:
        raise _stale(obj, obj.version)
    return expected


def write(actor: Actor, obj: M, fields: dict[str, Any], action: Any, *, plan: Any = None,
          log: bool = True) -> M:
    """Write ``fields`` if the row is still at the version read (it is locked, so it is), bump the version,
    log before and after; answer the row as saved."""
    model = type(obj)
    limits.require(model, fields)
    before = changelog.snapshot(obj)
    expected = getattr(obj, "version")  # noqa: B009
    extra = {"updated_at": _now()} if any(f.name == "updated_at" for f in model._meta.concrete_fields) else {}
    updated = model._default_manager.filter(pk=obj.pk, version=expected).update(
        **fields, **extra, version=expected + 1)
    if updated != 1:
        fresh_version = model._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
        raise _stale(obj, fresh_version)
    obj.refresh_from_db()
    if log:
        changelog.record(actor, action, obj, before, changelog.snapshot(obj), plan=plan)
    return obj


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()
