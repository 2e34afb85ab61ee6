"""Checks on a progress figure before it is saved: field-level errors (English msgids, translated)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from planwatch.core.periods import PeriodError, parse_period

from .fields import to_decimal
from .models import ReportingRound, RoundStatus, Submission, SubmissionStatus, Task

QUALITATIVE = {"", "milestone"}


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError({"as_of": [_("Write the date as YYYY-MM-DD")]})


def last_approved(task: Task, as_of: dt.date, exclude_id: int | None = None) -> Submission | None:
    """The latest approved figure strictly before ``as_of`` (one of the same date is being corrected)."""
    qs = task.submissions.filter(status=SubmissionStatus.APPROVED, as_of__lt=as_of, value__isnull=False)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return qs.order_by("-as_of", "-decided_at", "-id").first()


def next_approved(task: Task, as_of: dt.date, exclude_id: int | None = None) -> Submission | None:
    """The earliest approved figure after ``as_of``: a figure for an earlier date cannot exceed it."""
    qs = task.submissions.filter(status=SubmissionStatus.APPROVED, as_of__gt=as_of, value__isnull=False)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return qs.order_by("as_of", "decided_at", "id").first()


def clean_figure(task: Task, value: Any, unit: Any, as_of: Any, round_: ReportingRound | None,
                 exclude_id: int | None = None) -> tuple[Decimal | None, str, dt.date]:
    """Return the value, unit and date to store, or raise ``ValidationError`` with every field's errors."""
    errors: dict[str, list[str]] = {}
    number: Decimal | None = None
    try:
        number = to_decimal(value)
    except ValidationError:
        errors["value"] = [_("Not a number: %(value)s") % {"value": str(value)[:40]}]
    if number is None and "value" not in errors and task.target_kind not in QUALITATIVE:
        errors["value"] = [_("The cumulative figure is required")]
    if number is not None and number < 0:
        errors["value"] = [_("A cumulative figure cannot be negative")]
    if number is not None and abs(number.adjusted()) > 15:
        errors["value"] = [_("The figure is out of range")]

    unit_text = "" if unit is None else str(unit).strip()
    if unit_text and task.unit and unit_text != task.unit:
        errors["unit"] = [_("The unit should be “%(expected)s”, not “%(given)s”")
                          % {"expected": task.unit, "given": unit_text}]
    unit_text = unit_text or task.unit

    day: dt.date | None = None
    try:
        day = _as_date(as_of)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    year = task.plan.year
    if day is not None and day.year != year:
        errors.setdefault("as_of", []).append(
            _("The date must fall within the plan year %(year)s")
            % {"year": year})
    if round_ is not None:
        if round_.plan_id != task.plan_id:
            errors["round"] = [_("The round belongs to another plan")]
        elif round_.status != RoundStatus.OPEN:
            errors["round"] = [_("The reporting round is closed")]
        elif day is not None:
            try:
                period = parse_period(round_.period)
            except PeriodError:
                period = None
            if period is not None and not (period.start <= day <= period.end):
                errors.setdefault("as_of", []).append(
                    _("The date must fall within the round %(label)s (%(start)s – %(end)s)")
                    % {"label": round_.label, "start": period.start, "end": period.end})
    if number is not None and day is not None and "value" not in errors:
        prior = last_approved(task, day, exclude_id)
        later = next_approved(task, day, exclude_id)
        if prior is not None and prior.value is not None and number < prior.value:
            errors["value"] = [
                _("The cumulative figure %(value)s is below %(prior)s, approved as of %(date)s: a cumulative figure cannot go down")
                % {"value": number, "date": prior.as_of, "prior": prior.value}]
        elif later is not None and later.value is not None and number > later.value:
            errors["value"] = [
                _("The cumulative figure %(value)s is above %(later)s, approved as of the later %(date)s: a cumulative figure cannot go down")
                % {"value": number, "date": later.as_of, "later": later.value}]
    if errors:
        raise ValidationError(errors)
    assert day is not None
    return number, unit_text, day


ACCOUNT_MAX_CHARS = 400  # 进展情况: one to three sentences
_SENTENCE_END = re.compile(r"[。！？!?；;]+|\.(?:\s|$)")
SCOPES = ("", "same", "differs", "unclear")


def clean_account(task: Task, account: Any, scope: Any = "") -> tuple[str, str]:
    """The department's account of the work done (进展情况): at most three sentences, required for a task
    without a quantity (a milestone or a task with no target value), whose progress is told in words."""
    text = " ".join(str(account or "").split())
    if len(text) > ACCOUNT_MAX_CHARS:
        raise ValidationError({"account": [_("Keep the account to three sentences (at most %(n)d characters)")
                                           % {"n": ACCOUNT_MAX_CHARS}]})
    if len([s for s in _SENTENCE_END.split(text) if s.strip()]) > 3:
        raise ValidationError({"account": [_("Keep the account to one to three sentences")]})
    if not text and task.target_value is None:
        raise ValidationError({"account": [_("This task has no quantity: say in one to three sentences what was done")]})
    scope_text = str(scope or "")
    if scope_text not in SCOPES:
        raise ValidationError({"scope": [_("Unknown scope")]})
    return text, scope_text
