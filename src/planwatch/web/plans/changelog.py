"""Writes the change log: called by the services, the importer and the CLI, never from signals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from .actor import Actor


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete fields of a row as JSON (foreign keys by id), for before/after."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        out[f.attname] = _jsonable(getattr(obj, f.attname))
    return out


def record(actor: Actor, action: Any, obj: models.Model, before: dict[str, Any] | None,
           after: dict[str, Any] | None, plan: Any = None) -> Any:
    from .models import ObjectChange
    from .versioning import FIGURE_MODELS, bump

    if plan is not None:  # every logged change of a plan's rows moves its data version, in this transaction
        bump(getattr(plan, "pk", plan), figures=isinstance(obj, FIGURE_MODELS))
    user = actor.user if getattr(actor.user, "pk", None) else None
    return ObjectChange.objects.create(
        user=user, user_name=actor.name[:150], request_id=actor.request_id[:64], action=str(action),
        plan=plan, object_type=obj._meta.label_lower, object_id=str(obj.pk), object_repr=str(obj)[:300],
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )


def changes_of(obj: models.Model) -> models.QuerySet:
    from .models import ObjectChange

    return ObjectChange.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def changes_of_type(object_type: str, ids: list[str]) -> list[Any]:
    """Changes of the rows ``ids`` of ``object_type`` ("plans.reporttext"), newest first."""
    from .models import ObjectChange

    return list(ObjectChange.objects.filter(object_type=object_type, object_id__in=ids).order_by("-time", "-id"))
