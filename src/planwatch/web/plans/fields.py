"""A decimal kept exactly as published: ``3.90`` stays ``3.90`` on SQLite and PostgreSQL alike.

Stored as text so that the number of decimals written survives the round trip (a ``DecimalField``
pads to its ``decimal_places``); read back as ``Decimal``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValidationError(_("Not a number"), code="invalid")
    elif isinstance(value, int | str):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation as exc:
            raise ValidationError(_("Not a number"), code="invalid") from exc
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        raise ValidationError(_("Not a number"), code="invalid")
    if not result.is_finite():
        raise ValidationError(_("Not a finite number"), code="invalid")
    return result


class PublishedDecimalField(models.CharField):
    """A ``Decimal`` stored as its text, so the published number of decimals is kept."""

    # what the model attribute takes and gives (django-stubs reads these)
    _pyi_private_set_type: Decimal | int | str | None  # type: ignore[assignment]
    _pyi_private_get_type: Decimal | None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        return to_decimal(value)

    def to_python(self, value: Any) -> Decimal | None:
        return to_decimal(value)

    def get_prep_value(self, value: Any) -> str | None:
        number = to_decimal(value)
        return None if number is None else str(number)

    def value_to_string(self, obj: Any) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)
