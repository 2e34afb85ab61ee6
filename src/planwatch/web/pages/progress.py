"""Time progress of many tasks at once, for the dashboard and the ledger.

The arithmetic is the core's (``planwatch.core.progress.task_progress``); this module only fetches
the latest approved figure of every task in two queries and hands each task to the core.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from planwatch.core import model as core
from planwatch.core.intervals import round_half_up
from planwatch.core.progress import (
    Status,
    TaskProgress,
    Thresholds,
    convention_from_settings,
    task_progress,
)
from planwatch.web.plans.figures import core_task
from planwatch.web.plans.models import Plan, Submission, SubmissionStatus, Task

# the order statuses are shown in, worst last
STATUS_ORDER = (Status.DONE, Status.AHEAD, Status.ON_TRACK, Status.LAGGING, Status.SERIOUSLY_LAGGING,
                Status.OVERDUE, Status.NOT_STARTED, Status.NO_TARGET)
BEHIND = frozenset({Status.LAGGING, Status.SERIOUSLY_LAGGING, Status.OVERDUE})


@dataclass(frozen=True)
class TaskRow:
    task: Task
    progress: TaskProgress | None
    latest: Submission | None  # the latest approved submission on or before the monitoring date
    error: str = ""  # why progress could not be computed (a curve or unit that does not parse)

    @property
    def status(self) -> str:
        return str(self.progress.status) if self.progress else "error"

    @property
    def done_pct(self) -> Decimal | None:
        """Share of the target done, percent, one decimal (half up), as written on the page."""
        p = self.progress
        if p is None:
            return None
        if p.done_share is not None:
            return round_half_up(p.done_share.value, 1)
        if p.status is Status.DONE:
            return Decimal(100)
        return None

    @property
    def time_pct(self) -> Decimal | None:
        return round_half_up(self.progress.expected_share.value, 1) if self.progress else None

    @property
    def gap_pp(self) -> Decimal | None:
        p = self.progress
        return round_half_up(p.gap_pp.value, 1) if p and p.gap_pp is not None else None

    @property
    def bar_pct(self) -> Decimal:
        """Width of the progress bar, 0–100."""
        d = self.done_pct
        return max(Decimal(0), min(Decimal(100), d)) if d is not None else Decimal(0)

    @property
    def overdue(self) -> bool:
        return self.progress is not None and self.progress.status is Status.OVERDUE


def with_latest(tasks: QuerySet[Task], on: dt.date) -> QuerySet[Task]:
    """Annotate each task with the id of its latest approved submission as of ``on``."""
    latest = (Submission.objects.filter(task=OuterRef("pk"), status=SubmissionStatus.APPROVED, as_of__lte=on)
              .order_by("-as_of", "-decided_at", "-id").values("id")[:1])
    return tasks.select_related("area", "lead").annotate(latest_approved_id=Subquery(latest))


def task_rows(tasks: QuerySet[Task], plan: Plan, on: dt.date) -> list[TaskRow]:
    """Every task of ``tasks`` with its time progress on ``on``: two queries whatever the number."""
    items = list(with_latest(tasks, on))
    ids = [t.latest_approved_id for t in items if t.latest_approved_id]
    subs = {s.pk: s for s in Submission.objects.filter(pk__in=ids)} if ids else {}
    settings = plan.settings or {}
    try:
        convention = convention_from_settings(settings)
        thresholds = Thresholds.from_settings(settings)
    except ValueError:
        convention, thresholds = convention_from_settings({}), Thresholds()
    rows = []
    for t in items:
        sub = subs.get(t.latest_approved_id)
        prow = core.ProgressRow(task=t.code, as_of=sub.as_of, value=sub.value, unit=sub.unit or t.unit,
                                note=sub.note) if sub is not None else None
        try:
            tp = task_progress(core_task(t, t.lead.code, t.area.code), prow, on, convention=convention, thresholds=thresholds)
        except ValueError as exc:  # CurveError, UnitError: bad data shown on the row, not a server error
            rows.append(TaskRow(t, None, sub, error=str(exc)))
            continue
        rows.append(TaskRow(t, tp, sub))
    return rows


@dataclass(frozen=True)
class StatusCount:
    key: str  # area or department code
    name: str
    counts: dict[str, int]
    total: int

    def segments(self) -> list[tuple[str, int, Decimal]]:
        """(status, count, percent of the total) in display order, for a stacked bar."""
        out = []
        for s in STATUS_ORDER:
            n = self.counts.get(str(s), 0)
            if n:
                out.append((str(s), n, round_half_up(Decimal(n) * 100 / self.total, 1)))
        return out

    @property
    def behind(self) -> int:
        return sum(self.counts.get(str(s), 0) for s in BEHIND)


def count_by(rows: Sequence[TaskRow], key: str) -> list[StatusCount]:
    """Statuses counted per area (``key="area"``) or per lead department (``key="lead"``)."""
    groups: dict[int, tuple[str, str, Counter[str]]] = {}
    order: list[int] = []
    for r in rows:
        obj = getattr(r.task, key)
        if obj.pk not in groups:
            groups[obj.pk] = (obj.code, obj.name, Counter())
            order.append(obj.pk)
        groups[obj.pk][2][r.status] += 1
    return [StatusCount(groups[pk][0], groups[pk][1], dict(groups[pk][2]), sum(groups[pk][2].values()))
            for pk in order]


def totals(rows: Iterable[TaskRow]) -> dict[str, int]:
    c: Counter[str] = Counter(r.status for r in rows)
    return dict(c)
