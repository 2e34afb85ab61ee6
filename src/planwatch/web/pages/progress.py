"""Tasks as the dashboard and the ledger show them: their fields, and their progress read from the
plan's assessment (``planwatch.web.plans.assessments``), which computed every task's time progress once
for the plan's current data version. Nothing is computed here but counts of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from planwatch.core import model as core
from planwatch.core.bulk.tasks import Published
from planwatch.core.intervals import round_half_up
from planwatch.core.progress import Status
from planwatch.web.plans import assessments
from planwatch.web.plans.models import Plan, Task

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
class Latest:
    """The latest approved figure of a task on the monitoring date (in the task's unit)."""

    value: Decimal | None
    as_of: dt.date


@dataclass(frozen=True, slots=True)
class TaskRow:
    task: TaskView
    state: Published

    @property
    def status(self) -> str:
        return "error" if self.state.error else str(self.state.status)

    @property
    def error(self) -> str:
        return self.state.error

    @property
    def latest(self) -> Latest | None:
        return None if self.state.as_of is None else Latest(self.state.done, self.state.as_of)

    @property
    def done_pct(self) -> Decimal | None:
        """Share of the target done, percent, as published; 100 for a task done without a share."""
        if self.state.error:
            return None
        if self.state.done_pct is not None:
            return self.state.done_pct
        return Decimal(100) if self.state.status is Status.DONE else None

    @property
    def time_pct(self) -> Decimal | None:
        return None if self.state.error else self.state.expected_pct

    @property
    def gap_pp(self) -> Decimal | None:
        return self.state.gap_pp

    @property
    def bar_pct(self) -> Decimal:
        """Width of the progress bar, 0–100."""
        d = self.done_pct
        return max(Decimal(0), min(Decimal(100), d)) if d is not None else Decimal(0)

    @property
    def overdue(self) -> bool:
        return not self.state.error and self.state.status is Status.OVERDUE


TASK_FIELDS = ("id", "code", "name", "name_en", "unit", "target_text", "target_kind", "target_value", "deadline",
               "curve", "area_id", "area__code", "area__name", "area__name_en", "lead_id", "lead__code", "lead__name",
               "lead__name_en")
_KINDS = {str(k): k for k in core.TargetKind}


def _view(v: dict[str, Any], named: dict[tuple[str, int], Named]) -> TaskView:
    """``named``: the areas and departments already made, shared by the rows (a plan has few of them)."""
    area = named.get(("area", v["area_id"]))
    if area is None:
        area = named[("area", v["area_id"])] = Named(v["area_id"], v["area__code"], v["area__name"], v["area__name_en"])
    lead = named.get(("lead", v["lead_id"]))
    if lead is None:
        lead = named[("lead", v["lead_id"])] = Named(v["lead_id"], v["lead__code"], v["lead__name"], v["lead__name_en"])
    kind = v["target_kind"]
    return TaskView(v["id"], v["code"], v["name"], v["name_en"], v["unit"], v["target_text"],
                    _KINDS[kind] if kind else None, v["target_value"], v["deadline"], v["curve"] or "linear", area, lead)


_MISSING = Published(Status.NO_TARGET, None, None, Decimal(0), None, None, None, "not in the plan's assessment yet")


def task_rows(tasks: QuerySet[Task], plan: Plan, on: dt.date | None = None) -> list[TaskRow]:
    """The rows of ``tasks`` (a scoped, filtered queryset of the plan's tasks), in the queryset's order, with
    their progress on the plan's monitoring date (or ``on``): one query for the fields, none for progress."""
    a = assessments.current(plan, on)
    named: dict[tuple[str, int], Named] = {}
    rows = []
    for v in tasks.values(*TASK_FIELDS):
        view = _view(v, named)
        try:
            state = a.state(view.code)
        except KeyError:  # added after the assessment was made (its version moves; the next request has it)
            state = _MISSING
        rows.append(TaskRow(view, state))
    return rows


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
