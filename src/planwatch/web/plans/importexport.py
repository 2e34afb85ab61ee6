"""The plan data package in and out of the database, losslessly.

``import_package`` writes a whole ``core.model.Plan`` in one transaction: a row that does not fit (an
unknown area, a duplicate code, a text longer than its column or holding a NUL, a number out of range —
the same on SQLite and PostgreSQL, ``limits``) raises ``PackageImportError`` naming the file, row and
field, and leaves the database as it was. An import creates a new plan and touches no other plan's data:
the region it names is shared by every plan of that region, so its name changes only when the importer is
the plan office of every one of them (or the administrator), and the change is logged. With
``recompute=True`` the warnings are computed inside the same transaction. ``export_plan`` reads it back into a ``core.model.Plan``; approved submissions
become the progress rows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from planwatch.core import model as core
from planwatch.core.errors import PlanwatchError

from . import adapters, changelog, limits, scoping
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


class PackageImportError(PlanwatchError):
    """A row of the package that cannot go into the database: says file, row, field and why."""

    def __init__(self, file: str, row: int, field: str, why: str) -> None:
        self.file, self.row, self.field, self.why = file, row, field, why
        where = f"{file}" + (f", row {row}" if row else "") + (f", field {field}" if field else "")
        super().__init__(f"{where}: {why}")


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


def import_package(plan: core.Plan, user: Any = None, actor: Actor | None = None, *,
                   recompute: bool = False) -> Plan:
    """Write a whole plan into the database in one transaction and return the new ``Plan`` row; with
    ``recompute`` its warnings too, in the same transaction (a failed recompute imports nothing)."""
    actor = actor or (Actor.for_user(user) if user is not None else Actor.cli())
    with transaction.atomic():
        try:
            obj = _import(plan, actor)
        except IntegrityError as exc:
            raise PackageImportError("plan.yaml", 0, "", f"does not fit the database: {exc}") from exc
        changelog.record(actor, "import", obj, None, {"region": plan.region.code, "year": plan.year,
                                                      "tasks": len(plan.tasks), "indicators": len(plan.indicators),
                                                      "projects": len(plan.projects)}, plan=obj)
        if recompute:
            from .recompute import recompute_warnings

            recompute_warnings(obj)
    return obj


def _administrator(actor: Actor) -> bool:
    return (actor.user is None and actor.name.startswith("cli:")) or scoping.is_superuser(actor.user)


def _region(plan: core.Plan, actor: Actor) -> Region:
    """The plan's region: created, or the existing one — renamed only by someone whose scope covers every
    plan of that region (else the import stops: it may not change other plans' data)."""
    wanted = {"name": plan.region.name, "name_en": plan.region.name_en}
    _fits(Region, {"code": plan.region.code, **wanted}, "plan.yaml", 0, "region")
    region = Region.objects.select_for_update().filter(code=plan.region.code).first()
    if region is None:
        region = Region.objects.create(code=plan.region.code, **wanted)
        changelog.record(actor, "create", region, None, changelog.snapshot(region))
        return region
    if (region.name, region.name_en) == (wanted["name"], wanted["name_en"]):
        return region
    plans = list(Plan.objects.filter(region=region).values_list("pk", flat=True))
    if not (_administrator(actor) or all(scoping.is_planoffice(actor.user, p) for p in plans)):
        raise PackageImportError("plan.yaml", 0, "region.name",
                                 f"the region {region.code} is named {region.name!r} by plans you do not manage; "
                                 f"write that name, or ask the administrator to rename the region")
    before = changelog.snapshot(region)
    region.name, region.name_en = wanted["name"], wanted["name_en"]
    region.save(update_fields=["name", "name_en"])
    changelog.record(actor, "update", region, before, changelog.snapshot(region))
    return region


def _fits(model: Any, values: dict[str, Any], file: str, row: int, what: str = "") -> None:
    """The row's values fit the database's columns (``limits``), else the import stops naming the field."""
    found = limits.problems(model, values)
    if found:
        name, messages = next(iter(found.items()))
        raise PackageImportError(file, row, f"{what}.{name}" if what else name, messages[0])


def _check_rows(objs: list[Any], sources: list[core.Source], file: str) -> list[Any]:
    for obj, source in zip(objs, sources, strict=True):
        found = limits.instance_problems(obj)
        if found:
            name, messages = next(iter(found.items()))
            f, r = _where(source, file)
            raise PackageImportError(f, r, name, messages[0])
    return objs


_FILES = {"departments": "departments.csv", "areas": "areas.csv", "indicators": "indicators.csv",
          "observations": "observations.csv", "targets": "targets.csv", "tasks": "tasks.csv",
          "progress": "progress.csv", "projects": "projects.csv"}
_WHAT = {"areas": "area", "departments": "department", "indicators": "indicator", "tasks": "task"}


def _rows_of(table: str, items: list[Any], made: dict[str, dict[str, Any]], **fixed: Any) -> list[Any]:
    """The model rows of a table of the package, as the field list maps them (``adapters``): each core
    field to the model field of its name, each code naming another table's row to that row (an unknown
    code stops the import naming file, row and field); a task's parent and co-departments come after."""
    mp = adapters.MAPPINGS[table]
    file = _FILES[table]
    refs = [(name, ref) for name, ref in mp.refs.items() if ref != table]
    rows = []
    for n, o in enumerate(items):
        kw = adapters.model_values(table, o)
        for name, ref in refs:
            code = getattr(o, name)
            kw[name] = _lookup(made[ref], code, o.source, file, name, _WHAT[ref]) if code else None
        rows.append(mp.model(seq=n, **fixed, **kw))
    return _check_rows(rows, [o.source for o in items], file)


def _import(plan: core.Plan, actor: Actor) -> Plan:
    rules = plan.settings.get("rules") if isinstance(plan.settings, dict) else None
    if isinstance(rules, str) and not _administrator(actor):
        raise PackageImportError("plan.yaml", 0, "settings.rules",
                                 "a rules file on the server is not read from an upload: write the rules "
                                 "into plan.yaml settings.rules")
    region = _region(plan, actor)
    if Plan.objects.filter(region=region, year=plan.year).exists():
        raise PackageImportError("plan.yaml", 0, "year",
                                 f"a plan of {plan.region.code} for {plan.year} is already in the database")
    head = {"title": plan.title, "title_en": plan.title_en, "base_year": plan.base_year,
            "illustrative_note": plan.illustrative_note, "settings": plan.settings,
            "report": _without_authored(plan.report), "extra": _extra(plan)}
    _fits(Plan, head, "plan.yaml", 0)
    obj = Plan.objects.create(region=region, year=plan.year, **head,
                              require_head_approval=bool(plan.settings.get("require_head_approval", False)),
                              four_eyes=plan.settings.get("four_eyes", True) is not False)
    _unique([(d.code, d.source) for d in plan.departments], "departments.csv")
    _unique([(a.code, a.source) for a in plan.areas], "areas.csv")
    _unique([(i.code, i.source) for i in plan.indicators], "indicators.csv")
    _unique([(t.code, t.source) for t in plan.tasks], "tasks.csv")
    _unique([(p.code, p.source) for p in plan.projects], "projects.csv")

    made: dict[str, dict[str, Any]] = {}
    made["departments"] = {d.code: d for d in Department.objects.bulk_create(
        _rows_of("departments", plan.departments, made, plan=obj))}
    made["areas"] = {a.code: a for a in Area.objects.bulk_create(_rows_of("areas", plan.areas, made, plan=obj))}
    made["indicators"] = {i.code: i for i in Indicator.objects.bulk_create(
        _rows_of("indicators", plan.indicators, made, plan=obj))}
    seen_obs: set[tuple[str, str]] = set()
    for o in plan.observations:
        if (o.indicator, o.period) in seen_obs:
            f, r = _where(o.source, "observations.csv")
            raise PackageImportError(f, r, "period", f"a second observation of {o.indicator} for {o.period}")
        seen_obs.add((o.indicator, o.period))
    Observation.objects.bulk_create(_rows_of("observations", plan.observations, made), batch_size=2000)
    Target.objects.bulk_create(_rows_of("targets", plan.targets, made))
    made["tasks"] = tasks = {t.code: t for t in Task.objects.bulk_create(_rows_of("tasks", plan.tasks, made, plan=obj))}
    depts = made["departments"]
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
    Submission.objects.bulk_create(_rows_of("progress", plan.progress, made, status=SubmissionStatus.APPROVED,
                                            created_by=user, submitted_by=user, decided_by=user, submitted_at=now,
                                            decided_at=now), batch_size=1000)
    Project.objects.bulk_create(_rows_of("projects", plan.projects, made, plan=obj), batch_size=1000)
    ReportText.objects.bulk_create(_check_rows([
        ReportText(plan=obj, period=period, lang=lang, key=key, text=text, updated_by=user)
        for period, lang, key, text in _authored_rows(plan.report)],
        [core.Source(file="report.yaml")] * len(_authored_rows(plan.report)), "report.yaml"), batch_size=1000)
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


def export_plan(obj: Plan, figures: core.Plan | None = None) -> core.Plan:
    """The plan as a ``core.model.Plan``: what was imported, plus the approved progress since.

    ``figures``: a plan exported earlier whose indicators, observations, targets, areas and departments
    are still the database's (the plan's figures version has not moved): they are taken from it, the
    very same lists, instead of being read again."""
    depts = _ids(obj.departments.all())
    areas = _ids(obj.areas.all())
    if figures is not None:
        indicators, observations, targets = figures.indicators, figures.observations, figures.targets
    else:
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
