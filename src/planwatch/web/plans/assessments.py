"""The assessment of each plan (``core.assess``), kept in this process until the plan's data change.

A page, an API call or an export asks ``current(plan)``: one query reads the plan's data version
(``Plan.data_version``, bumped in the transaction of every change, see ``versioning``); while it is the
version the kept assessment was made from, the request reads its figures and renders. When it moved, the
plan is read from the database once (``importexport.export_plan``, approved figures only), assessed for
its monitoring period and date (``core.assess.monitoring_period`` / ``monitoring_date``) with the rules in
force, and kept. Several server processes each keep their own; each sees the version move on its next
request. An assessment on another date (the API's ``?on=``) is made from the same plan and kept beside it.

A kept assessment of a city-sized plan is close to a million objects; Python's cycle collector would walk
them all in each full collection (half a second, at random requests). They hold no reference cycles and go
by reference counting when replaced, so after each build they are moved out of the collector's sight
(``gc.freeze``).

What a page makes from the kept assessment (its rows, its cards) can be kept with it too (``derived``): it
goes when the assessment goes, so it is never older than the data.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from planwatch.core import model as core
from planwatch.core.assess import Assessment, assess, monitoring_date, monitoring_period

from . import clock
from .models import Plan

KEEP_PLANS = 8  # plans kept per process
KEEP_DATES = 4  # assessments on other dates kept per plan
KEEP_DERIVED = 256  # values made from a kept assessment (``derived``) kept with it
T = TypeVar("T")


@dataclass
class _Entry:
    key: tuple[Any, ...]
    plan: core.Plan
    rules: list[Any]
    main: Assessment
    by_date: OrderedDict[dt.date, Assessment] = field(default_factory=OrderedDict)
    derived: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)


_kept: OrderedDict[int, _Entry] = OrderedDict()
_lock = threading.Lock()
_building: dict[int, threading.Lock] = {}


def _key(plan: Plan, today: dt.date) -> tuple[Any, ...] | None:
    row = Plan.objects.filter(pk=plan.pk).values_list("data_version", "created_at", "figures_version").first()
    if row is None:
        return None
    return (plan.pk, row[0], row[1], today, row[2])


def _build(plan: Plan, key: tuple[Any, ...], today: dt.date, before: _Entry | None) -> _Entry:
    """Read the plan and assess it. While its figures version is the one ``before`` was made at (an
    approval of a task's figure, a project update), the indicators, observations and targets are not
    read again and their columns are not computed again: only tasks, progress and projects are."""
    from .importexport import export_plan
    from .recompute import rules_in_force

    obj = Plan.objects.select_related("region").get(pk=plan.pk)
    same = before is not None and before.key[2] == key[2] and before.key[4] == key[4]
    cplan = export_plan(obj, figures=before.plan if same and before is not None else None)
    rules = rules_in_force(obj, cplan)
    on = monitoring_date(cplan, today)
    reuse = before.main if same and before is not None else None
    return _Entry(key, cplan, rules, assess(cplan, monitoring_period(cplan, on), on, rules=rules, reuse=reuse))


def _settle() -> None:
    """The young garbage collected, then everything alive (the new assessment) frozen: full collections
    no longer walk the kept plans (an assessment has no reference cycles; it goes by reference counting)."""
    gc.collect(1)
    gc.freeze()


def current(plan: Plan, on: dt.date | None = None) -> Assessment:
    """The assessment of ``plan`` for its monitoring period, as of its monitoring date (or ``on``)."""
    today = clock.today()  # the workflow's one clock (tests and `admin remind --today` move it)
    key = _key(plan, today)
    if key is None:
        raise Plan.DoesNotExist(f"plan {plan.pk} is gone")
    entry = _kept.get(plan.pk)
    if entry is None or entry.key != key:
        with _lock:
            building = _building.setdefault(plan.pk, threading.Lock())
        with building:  # one thread builds; the others wait for it and read what it made
            before = _kept.get(plan.pk)
            entry = before
            if entry is None or entry.key != key:
                entry = _build(plan, key, today, before)
                _settle()
                with _lock:
                    _kept[plan.pk] = entry
                    _kept.move_to_end(plan.pk)
                    while len(_kept) > KEEP_PLANS:
                        _kept.popitem(last=False)
    if on is None or on == entry.main.on:
        return entry.main
    with _lock:
        found = entry.by_date.get(on)
    if found is None:
        found = assess(entry.plan, entry.main.period, on, rules=entry.rules)
        with _lock:
            entry.by_date[on] = found
            while len(entry.by_date) > KEEP_DATES:
                entry.by_date.popitem(last=False)
    return found


def derived(plan: Plan, a: Assessment, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, kept with ``a`` while ``a`` is the plan's kept assessment (else made afresh each time).

    For what a page makes from the assessment and the plan's rows, which change only when the plan's data
    version moves (and the assessment with it): ``key`` names it and everything else it depends on (the
    viewer's role and department, the filters, the language)."""
    entry = _kept.get(plan.pk)
    if entry is None or entry.main is not a:
        return make()
    with _lock:
        if key in entry.derived:
            entry.derived.move_to_end(key)
            return entry.derived[key]
    value = make()
    with _lock:
        entry.derived[key] = value
        while len(entry.derived) > KEEP_DERIVED:
            entry.derived.popitem(last=False)
    return value


def kept(plan: Plan) -> Assessment | None:
    """The assessment this process last made of ``plan``, whatever the plan's version now (None if none):
    for a caller that needs only what did not change, such as the monitoring date and period."""
    entry = _kept.get(plan.pk)
    return None if entry is None else entry.main


def forget() -> None:
    """Drop every kept assessment (tests; a process that changed data behind the ORM's back)."""
    with _lock:
        _kept.clear()
