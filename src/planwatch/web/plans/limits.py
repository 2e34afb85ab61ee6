"""The database's limits on text and numbers, enforced the same way on SQLite and PostgreSQL.

SQLite stores a 600-character name in a ``max_length=500`` column and a NUL byte in any text; PostgreSQL
refuses both (and lone UTF-16 surrogates, and integers beyond 32 bits in an ``integer`` column) with a
database error. So every write checks first, with PostgreSQL's rules, and a value that does not fit is a
field error (``ValidationError`` naming the field) on either database: a backup made on SQLite then
restores on PostgreSQL.

- ``problems(model, values)`` / ``require(model, values)``: check named values (an ``UPDATE``);
- a ``pre_save`` receiver checks every row of planwatch's models and of accounts saved one by one;
- the package import checks each row before its bulk insert (``instance_problems``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _

INT_RANGES: dict[str, tuple[int, int]] = {
    "SmallIntegerField": (-(2**15), 2**15 - 1),
    "PositiveSmallIntegerField": (0, 2**15 - 1),
    "IntegerField": (-(2**31), 2**31 - 1),
    "PositiveIntegerField": (0, 2**31 - 1),
    "BigIntegerField": (-(2**63), 2**63 - 1),
    "PositiveBigIntegerField": (0, 2**63 - 1),
}
MAX_JSON_DEPTH = 40


def text_problem(text: str, max_length: int | None) -> str | None:
    """Why ``text`` cannot be stored, or None."""
    if "\x00" in text:
        return _("The text contains a NUL character (\\x00), which cannot be stored")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _("The text contains a character that is not valid Unicode")
    if max_length is not None and len(text) > max_length:
        return _("At most %(n)s characters (this has %(m)s)") % {"n": max_length, "m": len(text)}
    return None


def _json_problem(value: Any, depth: int = 0) -> str | None:
    if depth > MAX_JSON_DEPTH:
        return _("Nested more than %(n)s levels deep") % {"n": MAX_JSON_DEPTH}
    if isinstance(value, str):
        return text_problem(value, None)
    if isinstance(value, dict):
        for k, v in value.items():
            found = _json_problem(str(k), depth + 1) or _json_problem(v, depth + 1)
            if found:
                return found
    elif isinstance(value, list | tuple):
        for v in value:
            found = _json_problem(v, depth + 1)
            if found:
                return found
    return None


def field_problem(field: models.Field, value: Any) -> str | None:
    """Why ``value`` does not fit ``field`` on PostgreSQL, or None."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return _json_problem(value)
    if isinstance(field, models.CharField | models.TextField):
        text = value if isinstance(value, str) else field.get_prep_value(value)
        if text is None:
            return None
        if isinstance(value, Decimal) and not isinstance(text, str):
            text = str(text)
        return text_problem(str(text), field.max_length)
    bounds = INT_RANGES.get(field.get_internal_type())
    if bounds is not None and isinstance(value, int) and not isinstance(value, bool):
        low, high = bounds
        if not low <= value <= high:
            return _("Out of range (%(low)s to %(high)s)") % {"low": low, "high": high}
    return None


def problems(model: type[models.Model], values: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.is_relation or not getattr(field, "concrete", False) or not isinstance(field, models.Field):
            continue
        found = field_problem(field, value)
        if found:
            out[name] = [found]
    return out


def require(model: type[models.Model], values: dict[str, Any]) -> None:
    found = problems(model, values)
    if found:
        raise ValidationError(found)


def instance_problems(obj: models.Model) -> dict[str, list[str]]:
    values = {f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.is_relation}
    return problems(type(obj), values)


def check_on_save(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    """``pre_save`` of planwatch's models and accounts: refuse what PostgreSQL would refuse."""
    if sender._meta.app_label not in ("plans", "auth", "access"):
        return
    found = instance_problems(instance)
    if found:
        raise ValidationError(found)
