"""The plan data package in and out of the database, losslessly.

``import_package`` writes a whole ``core.model.Plan`` in one transaction: a row that does not fit (an
unknown area, a duplicate code) raises ``PackageImportError`` naming the file, row and field, and leaves
the database as it was. ``export_plan`` reads it back into a ``core.model.Plan``; approved submissions
become the progress rows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from planwatch.core import model as core

from . import adapters, changelog
from .actor import Actor
from .models import (
    Area,
    Department,
    Indicator,
    Observation,
    Plan,
    Project,
    Region,
    ReportText,
    Submission,
    SubmissionStatus,
    Target,
    Task,
    TaskCoDepartment,
)


class PackageImportError(ValueError):
    """A row of the package that cannot go into the database: says file, row, field and why."""

    def __init__(self, file: str, row: int, field: str, why: str) -> None:
        self.file, self.row, self.field, self.why = file, row, field, why
        where = f"{file}" + (f", row {row}" if row else "") + (f", field {field}" if field else "")
        super().__init__(f"{where}: {why}")


def _src(source: core.Source) -> dict[str, Any]:
    return {"source": source.quote, "illustrative": source.illustrative,
            "origin_file": source.file, "origin_row": source.row}


def _where(source: core.Source, default_file: str) -> tuple[str, int]:
    return (source.file or default_file, source.row)


def _lookup(table: dict[str, Any], code: str, source: core.Source, file: str, field: str, what: str) -> Any:
    try:
        return table[code]
    except KeyError:
        f, r = _where(source, file)
        raise PackageImportError(f, r, field, f"unknown {what} {code!r}") from None


def _unique(codes: list[tuple[str, core.Source]], file: str) -> None:
    seen: set[str] = set()
    for code, source in codes:
        if code in seen:
            f, r = _where(source, file)
            raise PackageImportError(f, r, "code", f"duplicate code {code!r}")
        seen.add(code)


def import_package(plan: core.Plan, user: Any = None, actor: Actor | None = None) -> Plan:
    """Write a whole plan into the database in one transaction and return the new ``Plan`` row."""
    actor = actor or (Actor.for_user(user) if user is not None else Actor.cli())
    with transaction.atomic():
        try:
            obj = _import(plan, actor)
        except IntegrityError as exc:
            raise PackageImportError("plan.yaml", 0, "", f"does not fit the database: {exc}") from exc
        changelog.record(actor, "import", obj, None, {"region": plan.region.code, "year": plan.year,
                                                      "tasks": len(plan.tasks), "indicators": len(plan.indicators),
                                                      "projects": len(plan.projects)}, plan=obj)
    return obj


def _import(plan: core.Plan, actor: Actor) -> Plan:
    region, created = Region.objects.get_or_create(
        code=plan.region.code, defaults={"name": plan.region.name, "name_en": plan.region.name_en})
    if not created and (region.name, region.name_en) != (plan.region.name, plan.region.name_en):
        region.name, region.name_en = plan.region.name, plan.region.name_en
        region.save()
    if Plan.objects.filter(region=region, year=plan.year).exists():
        raise PackageImportError("plan.yaml", 0, "year",
                                 f"a plan of {plan.region.code} for {plan.year} is already in the database")
    obj = Plan.objects.create(region=region, year=plan.year, title=plan.title, title_en=plan.title_en,
                              base_year=plan.base_year, illustrative_note=plan.illustrative_note,
                              settings=plan.settings, report=_without_authored(plan.report),
                              extra=_extra(plan),
                              require_head_approval=bool(plan.settings.get("require_head_approval", False)))
    _unique([(d.code, d.source) for d in plan.departments], "departments.csv")
    _unique([(a.code, a.source) for a in plan.areas], "areas.csv")
    _unique([(i.code, i.source) for i in plan.indicators], "indicators.csv")
    _unique([(t.code, t.source) for t in plan.tasks], "tasks.csv")
    _unique([(p.code, p.source) for p in plan.projects], "projects.csv")

    depts = {d.code: d for d in Department.objects.bulk_create([
        Department(plan=obj, seq=i, code=d.code, name=d.name, name_en=d.name_en, kind=d.kind, **_src(d.source))
        for i, d in enumerate(plan.departments)])}
    areas = {a.code: a for a in Area.objects.bulk_create([
        Area(plan=obj, seq=i, code=a.code, name=a.name, name_en=a.name_en, order=a.order, **_src(a.source))
        for i, a in enumerate(plan.areas)])}

    def opt(table: dict[str, Any], code: str, src: core.Source, file: str, field: str, what: str) -> Any:
        return _lookup(table, code, src, file, field, what) if code else None

    inds = {i.code: i for i in Indicator.objects.bulk_create([
        Indicator(plan=obj, seq=n, code=i.code, name=i.name, name_en=i.name_en, unit=i.unit, kind=str(i.kind),
                  aggregation=str(i.aggregation), higher_is_better=i.higher_is_better, comparable=i.comparable,
                  headline=i.headline, order=i.order,
                  area=opt(areas, i.area, i.source, "indicators.csv", "area", "area"),
                  department=opt(depts, i.department, i.source, "indicators.csv", "department", "department"),
                  **_src(i.source))
        for n, i in enumerate(plan.indicators)])}
    seen_obs: set[tuple[str, str]] = set()
    for o in plan.observations:
        if (o.indicator, o.period) in seen_obs:
            f, r = _where(o.source, "observations.csv")
            raise PackageImportError(f, r, "period", f"a second observation of {o.indicator} for {o.period}")
        seen_obs.add((o.indicator, o.period))
    Observation.objects.bulk_create([
        Observation(indicator=_lookup(inds, o.indicator, o.source, "observations.csv", "indicator", "indicator"),
                    seq=n, period=o.period, value=o.value, unit=o.unit, yoy_pct=o.yoy_pct,
                    vs_base_pct=o.vs_base_pct, base_period=o.base_period, avg_pct=o.avg_pct, yoy_pp=o.yoy_pp,
                    bound=o.bound, account=o.account, **_src(o.source))
        for n, o in enumerate(plan.observations)])
    Target.objects.bulk_create([
        Target(indicator=_lookup(inds, t.indicator, t.source, "targets.csv", "indicator", "indicator"),
               seq=n, period=t.period, kind=str(t.kind), value=t.value, unit=t.unit, text=t.text, due=t.due,
               **_src(t.source))
        for n, t in enumerate(plan.targets)])

    tasks = {t.code: t for t in Task.objects.bulk_create([
        Task(plan=obj, seq=n, code=t.code, name=t.name, name_en=t.name_en,
             area=_lookup(areas, t.area, t.source, "tasks.csv", "area", "area"),
             lead=_lookup(depts, t.lead, t.source, "tasks.csv", "lead", "department"),
             target_kind=str(t.target_kind) if t.target_kind else "", target_value=t.target_value, unit=t.unit,
             deadline=t.deadline, curve=t.curve, target_text=t.target_text, measure=t.measure, **_src(t.source))
        for n, t in enumerate(plan.tasks)])}
    parents: list[Task] = []
    links: list[TaskCoDepartment] = []
    for t in plan.tasks:
        row = tasks[t.code]
        if t.parent:
            if t.parent == t.code:
                f, r = _where(t.source, "tasks.csv")
                raise PackageImportError(f, r, "parent", "a task cannot be its own parent")
            row.parent = _lookup(tasks, t.parent, t.source, "tasks.csv", "parent", "task")
            parents.append(row)
        for k, code in enumerate(t.co):
            links.append(TaskCoDepartment(task=row, seq=k,
                                          department=_lookup(depts, code, t.source, "tasks.csv", "co", "department")))
    Task.objects.bulk_update(parents, ["parent"], batch_size=500)
    TaskCoDepartment.objects.bulk_create(links, batch_size=1000)

    now = timezone.now()
    user = actor.user
    Submission.objects.bulk_create([
        Submission(task=_lookup(tasks, p.task, p.source, "progress.csv", "task", "task"), seq=n, value=p.value,
                   unit=p.unit, as_of=p.as_of, note=p.note, account=p.account, scope=p.scope,
                   status=SubmissionStatus.APPROVED, created_by=user,
                   submitted_by=user, decided_by=user, submitted_at=now, decided_at=now, **_src(p.source))
        for n, p in enumerate(plan.progress)], batch_size=1000)
    Project.objects.bulk_create([
        Project(plan=obj, seq=n, code=p.code, name=p.name, name_en=p.name_en, category=p.category,
                lead=_lookup(depts, p.lead, p.source, "projects.csv", "lead", "department"),
                planned_start=p.planned_start, actual_start=p.actual_start, planned_finish=p.planned_finish,
                phase=p.phase, investment_plan=p.investment_plan, investment_done=p.investment_done,
                as_of=p.as_of, **_src(p.source))
        for n, p in enumerate(plan.projects)], batch_size=1000)
    ReportText.objects.bulk_create([
        ReportText(plan=obj, period=period, lang=lang, key=key, text=text, updated_by=user)
        for period, lang, key, text in _authored_rows(plan.report)], batch_size=1000)
    return obj


# report.yaml `authored: {PERIOD: {KEY: text, en: {KEY: text}}}`: the plan office's own text of a report
# (planwatch.report.authored) lives in the database as ReportText rows, and goes back to report.yaml on export.
def _without_authored(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in (report or {}).items() if k != "authored"}


def _authored_rows(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    from planwatch.report.authored import flatten

    rows: list[tuple[str, str, str, str]] = []
    for period, texts in dict((report or {}).get("authored") or {}).items():
        block = dict(texts or {})
        en = flatten(dict(block.pop("en", None) or {}))
        rows.extend((str(period), "zh", k, v) for k, v in flatten(block).items())
        rows.extend((str(period), "en", k, v) for k, v in en.items())
    return rows


def authored_block(obj: Plan) -> dict[str, Any]:
    """The plan's ReportText rows as report.yaml's ``authored`` mapping (empty texts left out)."""
    from planwatch.report.authored import nest

    flat: dict[str, dict[str, dict[str, str]]] = {}
    for t in ReportText.objects.filter(plan=obj).exclude(text="").order_by("period", "lang", "key"):
        flat.setdefault(t.period, {}).setdefault(t.lang, {})[t.key] = t.text
    out: dict[str, Any] = {}
    for period, langs in flat.items():
        block = nest(langs.get("zh", {}))
        if langs.get("en"):
            block["en"] = nest(langs["en"])
        out[period] = block
    return out


def _extra(plan: core.Plan) -> dict[str, Any]:
    """``Plan.extra``: the package's other sheets, and measures.csv and narrative.csv as rows."""
    rows = {name: adapters.extra_rows(name, getattr(plan, name)) for name in adapters.IN_EXTRA if getattr(plan, name)}
    return {**plan.extra, **rows}


def _rows(table: str, queryset: Any, codes: dict[str, dict[int, str]]) -> list[Any]:
    """The core rows of ``table`` read from ``queryset`` in one query, as the field list maps them."""
    return adapters.read_rows(table, queryset, codes)


def _ids(queryset: Any) -> dict[int, str]:
    return dict(queryset.values_list("id", "code"))


def export_indicators(
    obj: Plan, areas: dict[int, str], depts: dict[int, str]
) -> tuple[list[core.Indicator], list[core.Observation], list[core.Target]]:
    """The plan's indicators, observations and targets as core objects (``areas``/``depts``: pk → code)."""
    inds = Indicator.objects.filter(plan=obj).order_by("seq", "id")
    codes = {"areas": areas, "departments": depts, "indicators": _ids(inds)}
    indicators = _rows("indicators", inds, codes)
    observations = _rows("observations", Observation.objects.filter(indicator__plan=obj).order_by("seq", "id"), codes)
    targets = _rows("targets", Target.objects.filter(indicator__plan=obj).order_by("seq", "id"), codes)
    return indicators, observations, targets


def export_plan(obj: Plan) -> core.Plan:
    """The plan as a ``core.model.Plan``: what was imported, plus the approved progress since."""
    depts = _ids(obj.departments.all())
    areas = _ids(obj.areas.all())
    indicators, observations, targets = export_indicators(obj, areas, depts)
    task_qs = Task.objects.filter(plan=obj).order_by("seq", "id")
    codes = {"areas": areas, "departments": depts, "tasks": _ids(task_qs)}
    co: dict[str, list[str]] = {}
    for task_id, dept_id in (TaskCoDepartment.objects.filter(task__plan=obj).order_by("task_id", "seq")
                             .values_list("task_id", "department_id")):
        co.setdefault(codes["tasks"][task_id], []).append(depts[dept_id])
    tasks = [replace(t, co=tuple(co[t.code])) if t.code in co else t for t in _rows("tasks", task_qs, codes)]
    report = dict(obj.report or {})
    authored = authored_block(obj)
    if authored:
        report["authored"] = authored
    extra = dict(obj.extra or {})
    kept = {name: adapters.from_extra(name, extra.pop(name, None) or []) for name in adapters.IN_EXTRA}
    return core.Plan(
        region=core.Region(code=obj.region.code, name=obj.region.name, name_en=obj.region.name_en),
        year=obj.year, title=obj.title, title_en=obj.title_en, base_year=obj.base_year,
        illustrative_note=obj.illustrative_note,
        settings=dict(obj.settings or {}), report=report, extra=extra,
        departments=_rows("departments", obj.departments.order_by("seq", "id"), codes),
        areas=_rows("areas", obj.areas.order_by("seq", "id"), codes),
        indicators=indicators, observations=observations, targets=targets, tasks=tasks,
        progress=_rows("progress", Submission.objects.filter(task__plan=obj, status=SubmissionStatus.APPROVED)
                       .order_by("seq", "decided_at", "id"), codes),
        projects=_rows("projects", Project.objects.filter(plan=obj).order_by("seq", "id"), codes),
        measures=kept["measures"], narrative=kept["narrative"],
    )
