"""The reviewer's context of figures awaiting a decision, read from the database in one query and computed
by ``planwatch.core.review`` (previous approved figure, target, share of the target, change, flags)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from planwatch.core.review import ReviewFigures, cumulative_target, review

from .models import Submission, SubmissionStatus
from .services.plans import jump_factor


def contexts(subs: Iterable[Submission]) -> dict[int, ReviewFigures]:
    """Each submission's figures against its task's approved history (tasks and plan selected with it)."""
    subs = list(subs)
    if not subs:
        return {}
    history: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    rows = (Submission.objects.filter(task_id__in={s.task_id for s in subs}, status=SubmissionStatus.APPROVED,
                                      value__isnull=False)
            .values_list("task_id", "as_of", "value"))
    for task_id, as_of, value in rows:
        if value is not None:  # filtered above; said again for the type
            history[task_id].append((as_of, value))
    out = {}
    factors: dict[int, Decimal] = {}
    for s in subs:
        plan = s.task.plan
        if plan.pk not in factors:
            factors[plan.pk] = jump_factor(plan)
        out[s.pk] = review(s.value, s.as_of, history[s.task_id],
                           cumulative_target(s.task.target_kind, s.task.target_value),
                           dt.date(plan.year, 1, 1), jump_factor=factors[plan.pk])
    return out
