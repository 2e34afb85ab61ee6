"""The version of a plan's data (``Plan.data_version``), bumped in the same transaction as any change.

Two paths make sure every change is seen: the workflow services log every change to the change log
(``changelog.record``), which bumps the plan's version — their optimistic-locking writes are
``QuerySet.update`` calls that send no model signals; and every save or delete of a row the plan's
assessment reads — the plan itself, its areas, departments, indicators, observations, targets, tasks
and their co-departments, submissions, projects, warning rules — bumps it through model signals, so a
change made outside the services (the Django admin, a shell) is seen too. The web app keeps each plan's
assessment until the version moves (``assessments.current``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from .models import (
    Area,
    Department,
    Indicator,
    Observation,
    Plan,
    Project,
    Submission,
    Target,
    Task,
    TaskCoDepartment,
    WarningRule,
)

FIGURE_MODELS = (Plan, Area, Department, Indicator, Observation, Target)  # what the indicators' figures read


def bump(plan_id: int | None, *, figures: bool = False) -> None:
    """Move plan ``plan_id``'s data version on by one (inside the caller's transaction); with ``figures``
    (a change of an indicator, observation, target, area or department) its figures version too."""
    if plan_id is None:
        return
    fields: dict[str, Any] = {"data_version": models.F("data_version") + 1}
    if figures:
        fields["figures_version"] = models.F("figures_version") + 1
    Plan.objects.filter(pk=plan_id).update(**fields)


def _plan_id(instance: Any) -> int | None:
    if isinstance(instance, Plan):
        return instance.pk
    if isinstance(instance, Observation | Target):
        return Indicator.objects.filter(pk=instance.indicator_id).values_list("plan_id", flat=True).first()
    if isinstance(instance, Submission | TaskCoDepartment):
        return Task.objects.filter(pk=instance.task_id).values_list("plan_id", flat=True).first()
    return getattr(instance, "plan_id", None)


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: the fixture carries its own version
        return
    if isinstance(instance, WarningRule) and instance.plan_id is None:  # a rule of every plan
        Plan.objects.update(data_version=models.F("data_version") + 1)
        return
    bump(_plan_id(instance), figures=isinstance(instance, FIGURE_MODELS))


_MODELS = (Plan, Area, Department, Indicator, Observation, Target, Task, TaskCoDepartment, Submission, Project,
           WarningRule)


def connect() -> None:
    for model in _MODELS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"planwatch-version-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"planwatch-version-delete-{model.__name__}")
