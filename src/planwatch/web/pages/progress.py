"""Time progress of many tasks at once, for the dashboard and the ledger.

The arithmetic is the core's (``planwatch.core.progress.progress_state``), run for many tasks by
``planwatch.web.plans.figures.progress_states`` (as for the API); this module only fetches the latest
approved figure of every task in two queries, keeps the rows in a memo and counts them.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from planwatch.core import model as core
from planwatch.core.intervals import round_half_up
from planwatch.core.progress import ProgressState, Status
from planwatch.web.plans.figures import progress_states
from planwatch.web.plans.models import Plan, Submission, SubmissionStatus, Task

# the order statuses are shown in, worst last
STATUS_ORDER = (Status.DONE, Status.AHEAD, Status.ON_TRACK, Status.LAGGING, Status.SERIOUSLY_LAGGING,
                Status.OVERDUE, Status.NOT_STARTED, Status.NO_TARGET)
BEHIND = frozenset({Status.LAGGING, Status.SERIOUSLY_LAGGING, Status.OVERDUE})


@dataclass(frozen=True, slots=True)
class Named:
    """An area or a department as a row shows it."""

    pk: int
    code: str
    name: str
    name_en: str = ""


@dataclass(frozen=True, slots=True)
class TaskView:
    """The fields of a task the ledger and the dashboard show, read without building model objects
    (a city-sized plan has thousands of tasks; model instances cost more than the arithmetic). It has
    the terms the progress rules read (``core.progress.TaskTerms``), so no ``core.Task`` is built either."""

    pk: int
    code: str
    name: str
    name_en: str
    unit: str
    target_text: str
    target_kind: core.TargetKind | None
    target_value: Decimal | None
    deadline: dt.date | None
    curve: str
    area: Named
    lead: Named


@dataclass(frozen=True, slots=True)
class Figure:
    """The latest approved figure of a task."""

    pk: int
    value: Decimal | None
    unit: str
    as_of: dt.date
    note: str


@dataclass(frozen=True, slots=True)
class TaskRow:
    task: TaskView
    progress: ProgressState | None
    latest: Figure | None  # the latest approved submission on or before the monitoring date
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
        if p.done_pct is not None:
            return round_half_up(p.done_pct, 1)
        if p.status is Status.DONE:
            return Decimal(100)
        return None

    @property
    def time_pct(self) -> Decimal | None:
        return round_half_up(self.progress.expected_pct, 1) if self.progress else None

    @property
    def gap_pp(self) -> Decimal | None:
        p = self.progress
        return round_half_up(p.gap_pp, 1) if p and p.gap_pp is not None else None

    @property
    def bar_pct(self) -> Decimal:
        """Width of the progress bar, 0–100."""
        d = self.done_pct
        return max(Decimal(0), min(Decimal(100), d)) if d is not None else Decimal(0)

    @property
    def overdue(self) -> bool:
        return self.progress is not None and self.progress.status is Status.OVERDUE


TASK_FIELDS = ("id", "code", "name", "name_en", "unit", "target_text", "target_kind", "target_value", "deadline",
               "curve", "area_id", "area__code", "area__name", "area__name_en", "lead_id", "lead__code", "lead__name",
               "lead__name_en", "latest_approved_id")


def with_latest(tasks: QuerySet[Task], on: dt.date) -> QuerySet[Task]:
    """Annotate each task with the id of its latest approved submission as of ``on``."""
    latest = (Submission.objects.filter(task=OuterRef("pk"), status=SubmissionStatus.APPROVED, as_of__lte=on)
              .order_by("-as_of", "-decided_at", "-id").values("id")[:1])
    return tasks.annotate(latest_approved_id=Subquery(latest))


_KINDS = {str(k): k for k in core.TargetKind}
_NO_SOURCE = core.Source()  # one shared (frozen) instance rather than a new one per row


def _view(v: dict[str, Any], named: dict[tuple[str, int], Named] | None = None) -> TaskView:
    """``named``: the areas and departments already made, shared by the rows (a plan has few of them)."""
    named = {} if named is None else named
    area = named.get(("area", v["area_id"]))
    if area is None:
        area = named[("area", v["area_id"])] = Named(v["area_id"], v["area__code"], v["area__name"], v["area__name_en"])
    lead = named.get(("lead", v["lead_id"]))
    if lead is None:
        lead = named[("lead", v["lead_id"])] = Named(v["lead_id"], v["lead__code"], v["lead__name"], v["lead__name_en"])
    kind = v["target_kind"]
    return TaskView(v["id"], v["code"], v["name"], v["name_en"], v["unit"], v["target_text"],
                    _KINDS[kind] if kind else None, v["target_value"], v["deadline"], v["curve"] or "linear", area, lead)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while thousands of rows are built.

    The rows hold no reference cycles, so the collector finds nothing in them; but building a city's
    rows allocates enough objects to start a full collection of everything the process holds, which
    cost more than the arithmetic (~120 ms of a 300 ms cold request with 5,000 tasks, bench_pages).
    Reference counting frees garbage as usual meanwhile; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compute_rows(tasks: QuerySet[Task], plan: Plan, on: dt.date) -> list[TaskRow]:
    """Every task of ``tasks`` with its time progress on ``on``: two queries whatever the number."""
    with _no_cycle_collection():
        return _compute_rows(tasks, plan, on)


def _compute_rows(tasks: QuerySet[Task], plan: Plan, on: dt.date) -> list[TaskRow]:
    items = list(with_latest(tasks, on).values(*TASK_FIELDS))
    ids = [v["latest_approved_id"] for v in items if v["latest_approved_id"]]
    subs = ({f["id"]: Figure(f["id"], f["value"], f["unit"], f["as_of"], f["note"])
            for f in Submission.objects.filter(pk__in=ids).order_by().values("id", "value", "unit", "as_of", "note")}
            if ids else {})
    named: dict[tuple[str, int], Named] = {}
    views = [_view(v, named) for v in items]

    def rows_in() -> Iterable[tuple[int, TaskView, core.ProgressRow | None]]:
        for t, v in zip(views, items, strict=True):
            sub = subs.get(v["latest_approved_id"])
            prow = core.ProgressRow(task=t.code, as_of=sub.as_of, value=sub.value, unit=sub.unit or t.unit,
                                    note=sub.note, source=_NO_SOURCE) if sub is not None else None
            yield t.pk, t, prow

    states = progress_states(plan, on, rows_in())
    rows = []
    for t, v in zip(views, items, strict=True):
        state = states[t.pk]
        sub = subs.get(v["latest_approved_id"])
        rows.append(TaskRow(t, None, sub, error=state) if isinstance(state, str) else TaskRow(t, state, sub))
    return rows


# --- a memo of the whole plan's rows ----------------------------------------------------------------
#
# Computing the time progress of a city's 5,000 tasks takes over a hundred milliseconds of Python (the
# queries, the rows, the core's arithmetic; docs/benchmarks-pages.md). So the rows of a plan are kept in this process and brought up to
# date on every request: one query finds the tasks whose submissions changed since the rows were made
# (``Submission.updated_at``, set by every workflow service), and only those tasks are computed again.
# Everything is computed afresh when the plan's tasks (their count or newest id), its settings or the
# monitoring date change, and at the latest after ``MEMO_SECONDS`` (so an edit of a task made outside
# the services, in the Django admin, shows within that time). Scoping stays in the queryset: the memo
# holds every task of the plan, and a request keeps the rows whose ids its own scoped queryset answers.

MEMO_SECONDS = 300.0
MEMO_PLANS = 8
CLOCK_MARGIN = dt.timedelta(seconds=5)  # transactions in flight and clocks of several server processes


@dataclass
class _Entry:
    key: tuple[Any, ...]
    made: float  # time.monotonic() of the full computation
    since: dt.datetime  # submissions updated from this time on are looked at again
    by_id: dict[int, TaskRow]


_memo: dict[int, _Entry] = {}
_memo_lock = threading.Lock()


def _plan_key(plan: Plan, on: dt.date) -> tuple[Any, ...]:
    t = Task.objects.filter(plan=plan).aggregate(n=Count("id"), m=Max("id"))
    return (on, t["n"], t["m"], json.dumps(plan.settings or {}, sort_keys=True, default=str))


def plan_rows(plan: Plan, on: dt.date, wanted: list[int] | None = None) -> dict[int, TaskRow]:
    """The plan's tasks with their progress on ``on``, by task id (two queries when up to date).

    With the memo cold, a request that wants only a small part of the plan (``wanted``: a department's
    tasks) gets just those computed, and the memo is left for a request that needs the whole plan.
    """
    key = _plan_key(plan, on)
    started = timezone.now()
    entry = _memo.get(plan.pk)
    if entry is None or entry.key != key or time.monotonic() - entry.made > MEMO_SECONDS:
        if wanted is not None and len(wanted) * 4 < (key[1] or 0):
            return {r.task.pk: r for r in compute_rows(Task.objects.filter(pk__in=wanted), plan, on)}
        rows = compute_rows(Task.objects.filter(plan=plan), plan, on)
        entry = _Entry(key, time.monotonic(), started - CLOCK_MARGIN, {r.task.pk: r for r in rows})
    else:
        changed = set(Submission.objects.filter(task__plan=plan, updated_at__gte=entry.since)
                      .order_by().values_list("task_id", flat=True))  # no ordering: no join of plan and region
        if not changed:
            return entry.by_id
        fresh = compute_rows(Task.objects.filter(pk__in=changed), plan, on)
        entry = _Entry(key, entry.made, started - CLOCK_MARGIN, {**entry.by_id, **{r.task.pk: r for r in fresh}})
    with _memo_lock:
        if plan.pk not in _memo and len(_memo) >= MEMO_PLANS:
            del _memo[next(iter(_memo))]
        _memo[plan.pk] = entry
    return entry.by_id


def forget_memo() -> None:
    with _memo_lock:
        _memo.clear()


def task_rows(tasks: QuerySet[Task], plan: Plan, on: dt.date) -> list[TaskRow]:
    """The rows of ``tasks`` (a scoped, filtered queryset of the plan's tasks) in the queryset's order."""
    ids = list(tasks.values_list("id", flat=True))
    by_id = plan_rows(plan, on, ids)
    missing = [pk for pk in ids if pk not in by_id]
    if missing:  # a task added since the stamp was read: compute it now
        by_id = {**by_id, **{r.task.pk: r for r in compute_rows(Task.objects.filter(pk__in=missing), plan, on)}}
    return [by_id[pk] for pk in ids if pk in by_id]


@dataclass(frozen=True)
class StatusCount:
    key: str  # area or department code
    name: str
    counts: dict[str, int]
    total: int
    name_en: str = ""

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
    groups: dict[int, tuple[Named, Counter[str]]] = {}  # by area or department id
    order: list[int] = []
    for r in rows:
        obj: Named = getattr(r.task, key)
        if obj.pk not in groups:
            groups[obj.pk] = (obj, Counter())
            order.append(obj.pk)
        groups[obj.pk][1][r.status] += 1
    return [StatusCount(groups[pk][0].code, groups[pk][0].name, dict(groups[pk][1]), sum(groups[pk][1].values()),
                        groups[pk][0].name_en) for pk in order]


def totals(rows: Iterable[TaskRow]) -> dict[str, int]:
    c: Counter[str] = Counter(r.status for r in rows)
    return dict(c)
