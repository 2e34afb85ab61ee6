"""Gather what a report says from the plan's assessment: nothing here computes a figure.

``gather(assessment)`` returns a :class:`ReportData` with the headline indicators' figures, every task's
time progress, the warnings (grouped the way section 二 of the report groups them), the rankings that
fell and the counts — all read from one ``core.assess.Assessment`` — and the wording the office keeps in
the package (report.yaml, narrative.csv, measures.csv).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from planwatch.core import growth, wording
from planwatch.core.assess import Assessment
from planwatch.core.figures import Figure
from planwatch.core.model import Area, Indicator, IndicatorKind, Plan, Task
from planwatch.core.periods import Period
from planwatch.core.warnings import RankChange

from . import qualify

LAGGING = {"lagging", "seriously_lagging", "overdue"}
INDICATOR_WARNINGS = {"below_base", "rank_fell", "growth_below_target"}


def _action_heading(name: str) -> str:
    """A heading of section 三 says what will be done: the area's first clause, continued (继续强化…)."""
    first = name.replace(",", "，").split("，")[0]
    return first if first.startswith(("继续", "持续", "加快", "着力")) else f"继续{first}"


@dataclass(slots=True)
class IndicatorItem:
    indicator: Indicator
    figures: Any  # core.measures.IndicatorFigures
    wording: dict[str, str]  # name / verb for this report, from report.yaml `indicators`
    base_label_zh: str = ""
    base_label_en: str = ""
    avg_years: int = 0  # 2 for 两年平均 (period year − base year)
    joined: bool = False  # report.yaml `join: true`: its clause continues the previous clause's sentence
    share: Figure | None = None  # report.yaml `share_of: CODE`: this value as a percentage of that one's
    account: str = ""  # observations.csv `account`: the department's words on the work behind the figure
    warned: bool = False  # the subject of a warning (below base, rank fell …): told in 二, not in 一

    @property
    def short(self) -> bool:
        """One fact only (a rate, or growth with no comparison to a base): joined to the next by a comma."""
        f = self.figures
        return f.vs_base is None and f.avg_annual is None and not (f.value is not None and f.yoy is not None)


@dataclass(slots=True)
class TaskItem:
    task: Task
    progress: Any  # core.progress.TaskProgress
    lead_name: str
    lead_name_en: str
    remaining: Figure | None = None
    measure_zh: str = ""
    measure_en: str = ""
    # report.yaml `tasks`: progress_zh / progress_en, how the task's progress is worded ("{done}" marks
    # where the done figure goes; without it the figure follows the words). Absent: "<name>完成<done>".
    wording: dict[str, str] = field(default_factory=dict)
    row: Any = None  # the approved progress row read (core.model.ProgressRow), None if none yet
    account: str = ""  # progress.csv `account` / the submission's 进展情况
    scope: str = ""  # progress.csv `scope`: "differs"/"unclear" when the figure may not count toward the target

    @property
    def status(self) -> str:
        return str(self.progress.status)

    @property
    def counts(self) -> bool:
        """Whether the done figure may be set against the target (its scope, 口径, is the target's)."""
        return self.scope in ("", "same")


@dataclass(slots=True)
class MeasureGroup:
    """One sentence of section 三 and the tasks it covers (the office often covers several in one)."""

    text: str  # the office's wording (may be "": the template then words it from the data)
    items: list[TaskItem]

    @property
    def remaining(self) -> list[TaskItem]:
        return [t for t in self.items if t.remaining is not None and t.counts]


def measure_groups(tasks: list[TaskItem], lang: str) -> list[MeasureGroup]:
    """Tasks grouped by their measure sentence, in task order; tasks without one stand alone."""
    groups: list[MeasureGroup] = []
    by_text: dict[str, MeasureGroup] = {}
    for t in tasks:
        text = (t.measure_en if lang == "en" else t.measure_zh).strip().rstrip("。；;.，, ")
        if text and text in by_text:
            by_text[text].items.append(t)
            continue
        g = MeasureGroup(text, [t])
        groups.append(g)
        if text:
            by_text[text] = g
    return groups


@dataclass(slots=True)
class AreaItem:
    area: Area
    heading_zh: str
    heading_en: str
    measures_heading_zh: str
    measures_heading_en: str
    lead_zh: str = ""
    lead_en: str = ""
    indicators: list[IndicatorItem] = field(default_factory=list)
    tasks: list[TaskItem] = field(default_factory=list)

    @property
    def has_facts(self) -> bool:
        """Whether section 一 has anything to say of this area (an indicator, or a task with progress)."""
        return bool(self.lead_zh or self.indicators or any(t.progress.done is not None for t in self.tasks))

    @property
    def open_tasks(self) -> list[TaskItem]:
        return [t for t in self.tasks if t.status not in {"done", "no_target"} or t.measure_zh]

    @property
    def measures_zh(self) -> list[MeasureGroup]:
        return measure_groups(self.open_tasks, "zh")

    @property
    def measures_en(self) -> list[MeasureGroup]:
        return measure_groups(self.open_tasks, "en")


@dataclass(slots=True)
class RankItem:
    """A ranking that fell (a rank_fell warning), told in section 二 as the seed tells it."""

    name: str
    name_en: str
    rank: Figure
    previous: Figure
    places: Figure  # computed: rank − previous
    period_zh: str  # "6月份"; "" for the report's own period
    period_en: str
    previous_zh: str
    previous_en: str


@dataclass(slots=True)
class WarningGroup:
    """Warnings of one rule type, told together in section 二 when there are many."""

    rule_type: str
    warnings: list[Any]
    count: Figure
    names_en: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [str(w.subject_name or w.subject) for w in self.warnings]


@dataclass(slots=True)
class ReportData:
    plan: Plan
    period: Period
    on: dt.date
    annual: bool
    headline: list[IndicatorItem]
    areas: list[AreaItem]
    tasks: list[TaskItem]
    warnings: list[Any]  # core.rules.Warning
    lagging: list[TaskItem]
    below_base: list[IndicatorItem]
    rank_fell: list[Any]
    rankings: list[RankItem]
    other_warnings: list[Any]
    other_groups: list[WarningGroup]
    status_counts: dict[str, Figure]
    time_progress: Figure | None
    wording: dict[str, Any]
    projects: dict[str, Figure] = field(default_factory=dict)  # counts: all, by category, started, completed
    slightly_behind: list[TaskItem] = field(default_factory=list)  # below time progress, status still on track
    unreported: list[TaskItem] = field(default_factory=list)  # no approved progress (the working annex)
    words: Any = None  # periodwords.PeriodWords: 上半年 / 前三季度 / 1-9月 / 全年 (set by build)
    next_plan: Plan | None = None  # next year's package, for an annual report's section on next year


def _count(n: int, what: str) -> Figure:
    return Figure(value=Decimal(n), unit="", decimals=0, origin="count", ref={"of": what}, label=what)


def _base_labels(base_period: str) -> tuple[str, str]:
    if not base_period:
        return "", ""
    p = Period.parse(base_period)
    return p.label_zh(), p.label_en()


def _departments(plan: Plan) -> dict[str, tuple[str, str]]:
    return {d.code: (d.name, d.name_en or d.name) for d in plan.departments}


def _narrative(plan: Plan) -> dict[str, dict[str, str]]:
    """narrative.csv by area: headings and lead sentences."""
    return {n.area: {k: getattr(n, k) for k in ("heading_zh", "heading_en", "measures_heading_zh",
                                                "measures_heading_en", "lead_zh", "lead_en")} for n in plan.narrative}


def _measures(plan: Plan) -> dict[str, dict[str, str]]:
    """measures.csv by task: section 三's wording."""
    return {m.task: {"text_zh": m.text_zh, "text_en": m.text_en} for m in plan.measures}


def gather(a: Assessment) -> ReportData:
    """What the report of ``a.plan`` for ``a.period`` as of ``a.on`` says, read from the assessment."""
    plan, p, on = a.plan, a.period, a.on
    wording_: dict[str, Any] = dict(plan.report or {})
    ind_wording: dict[str, Any] = dict(wording_.get("indicators") or {})
    task_wording: dict[str, Any] = dict(wording_.get("tasks") or {})
    depts = _departments(plan)
    narrative = _narrative(plan)
    measure_rows = _measures(plan)

    def item(ind: Indicator, figs: Any) -> IndicatorItem:
        w = dict(ind_wording.get(ind.code) or {})
        if "verb" in w:  # a verb the office chose is used for rates too (the template's default otherwise)
            w["rate_verb"] = w["verb"] or ""
        w.setdefault("name", ind.name)
        w.setdefault("name_en", ind.name_en or ind.name)
        default_verb = "为" if ind.kind is IndicatorKind.RATE else ("完成" if ind.headline else "达到")
        w.setdefault("verb", default_verb)
        w.setdefault("verb_en", "was" if ind.kind is IndicatorKind.RATE else "reached")
        base = getattr(figs, "base_period", "") or ""
        zh, en = _base_labels(base)
        years = p.year - Period.parse(base).year if base else (p.year - plan.base_year if plan.base_year else 2)
        obs = getattr(figs, "observation", None)
        if obs is not None and obs.bound and figs.value is not None:
            figs = dataclasses.replace(figs, value=qualify.with_bound(figs.value, obs.bound))
        return IndicatorItem(ind, figs, {k: "" if v is None else str(v) for k, v in w.items()}, zh, en, years,
                             account=obs.account if obs is not None else "")

    heads = sorted((i for i in plan.indicators if i.headline), key=lambda i: i.order)
    headline = [item(i, a.indicator(i.code)) for i in heads]
    headline = [h for h in headline if _has_figures(h.figures)]

    latest: dict[str, Any] = {}  # the approved progress row read for each task: its account and scope (口径)
    for r in plan.progress:
        if r.as_of <= on and (r.task not in latest or r.as_of > latest[r.task].as_of):
            latest[r.task] = r
    tasks: list[TaskItem] = []
    for task in plan.tasks:
        tp = a.task(task.code)
        row = latest.get(task.code)
        lead, lead_en = depts.get(task.lead, (task.lead, task.lead))
        m = measure_rows.get(task.code, {})
        tasks.append(
            TaskItem(
                task, tp, lead, lead_en, tp.remaining,
                measure_zh=m.get("text_zh", "") or task.measure,
                measure_en=m.get("text_en", ""),
                wording={k: "" if v is None else str(v) for k, v in dict(task_wording.get(task.code) or {}).items()},
                row=row, account=row.account if row is not None else "",
                scope=row.scope if row is not None else "",
            )
        )

    areas: list[AreaItem] = []
    for area in sorted(plan.areas, key=lambda a_: (a_.order, a_.code)):
        n = narrative.get(area.code, {})
        ai = AreaItem(
            area,
            heading_zh=n.get("heading_zh") or area.name,
            heading_en=n.get("heading_en") or area.name_en or area.name,
            measures_heading_zh=n.get("measures_heading_zh") or _action_heading(n.get("heading_zh") or area.name),
            measures_heading_en=n.get("measures_heading_en") or n.get("heading_en") or area.name_en or area.name,
            lead_zh=n.get("lead_zh", ""),
            lead_en=n.get("lead_en", ""),
        )
        for ind in sorted(plan.indicators, key=lambda i: (i.order, i.code)):
            if ind.area == area.code and not ind.headline and a.row(ind.code) is not None:
                ai.indicators.append(item(ind, a.indicator(ind.code)))
        ai.tasks = [t for t in tasks if t.task.area == area.code and not t.task.parent]
        _pair_indicators(ai.indicators, ind_wording)
        if ai.indicators or ai.tasks or ai.lead_zh:
            areas.append(ai)

    warnings = list(a.warnings)
    by_task = {t.task.code: t for t in tasks}
    lagging_codes = [w.subject for w in warnings if _rule_type(w) == "task_behind_time" and w.subject in by_task]
    lagging = [by_task[c] for c in dict.fromkeys(lagging_codes)]
    lagging.sort(key=lambda t: t.progress.gap_pp.value if t.progress.gap_pp is not None else Decimal(0))
    # one status vocabulary: a task the table calls 基本同步 is not told among the lagging ones in 二
    slightly_behind = [t for t in lagging if t.status not in LAGGING]
    lagging = [t for t in lagging if t.status in LAGGING]
    below_codes = [w.subject for w in warnings if _rule_type(w) == "below_base"]
    below_base = [item(plan.indicator(c), a.indicator(c)) for c in dict.fromkeys(below_codes)]
    rank_fell = [w for w in warnings if _rule_type(w) == "rank_fell"]
    rankings = [_rank_item(plan, p, r) for r in a.rankings]
    warned = {w.subject for w in warnings if _rule_type(w) in INDICATOR_WARNINGS}
    for ai in areas:
        for it in ai.indicators:
            it.warned = it.indicator.code in warned
    # unreported tasks are an internal compliance matter: the working edition's annex, never section 二
    handled = {"task_behind_time", "below_base", "rank_fell", "no_recent_progress"}
    other = [w for w in warnings if _rule_type(w) not in handled]
    groups: dict[str, list[Any]] = {}
    for w in other:
        groups.setdefault(_rule_type(w), []).append(w)
    other_groups = [WarningGroup(k, v, _count(len(v), f"warnings {k}"), [subject_name_en(plan, w) for w in v])
                    for k, v in groups.items()]

    counts = a.counts
    status_counts = {s: _count(n, f"tasks {s}") for s, n in counts.items() if n}
    status_counts["all"] = _count(len(tasks), "tasks")
    status_counts["lagging_all"] = _count(sum(counts.get(s, 0) for s in LAGGING), "tasks behind time progress")
    projects = {k: Figure(value=Decimal(len(v)), unit="个", decimals=0, origin="count",
                          ref={"of": f"projects {k}", "file": "projects.csv", "codes": ";".join(v)},
                          label=f"重点项目数 {k}") for k, v in a.project_groups().items()}

    return ReportData(
        plan=plan, period=p, on=on, annual=p.months == 12, headline=headline, areas=areas, tasks=tasks,
        warnings=warnings, lagging=lagging, below_base=below_base, rank_fell=rank_fell, rankings=rankings,
        other_warnings=other, other_groups=other_groups, status_counts=status_counts,
        time_progress=a.time_progress if tasks else None, wording=wording_, projects=projects,
        slightly_behind=slightly_behind,
        unreported=[t for t in tasks if t.row is None and not t.task.parent],
    )


def _rank_item(plan: Plan, period: Period, r: RankChange) -> RankItem:
    ind = plan.indicator(r.indicator)
    same = r.period == period  # the report's own period goes without saying
    year = period.year
    return RankItem(ind.name, ind.name_en or ind.name, r.rank, r.previous, r.places,
                    "" if same else wording.period_zh(r.period, in_year=year),
                    "" if same else wording.period_en(r.period, in_year=year),
                    wording.period_zh(r.previous_period, in_year=year),
                    wording.period_en(r.previous_period, in_year=year))


def _pair_indicators(items: list[IndicatorItem], ind_wording: dict[str, Any]) -> None:
    """Apply report.yaml's `join` and `share_of` to an area's indicators.

    ``join: true`` writes the indicator's clause after the previous one's with a comma ("新增5G基站291站，
    累计达到4312站"); ``share_of: CODE`` adds this value as a percentage of that indicator's value, computed
    by core.growth.share (the landing rate of "朝阳组团任务62项，已落地49项，落地率达79%").
    """
    by_code = {it.indicator.code: it for it in items}
    for it in items:
        raw = dict(ind_wording.get(it.indicator.code) or {})
        it.joined = bool(raw.get("join")) and it is not items[0]
        whole = by_code.get(str(raw.get("share_of") or ""))
        part_fig, whole_fig = it.figures.value, whole.figures.value if whole else None
        if part_fig is None or whole_fig is None or part_fig.unit != whole_fig.unit or whole_fig.value <= 0:
            continue
        decimals = int(raw.get("share_decimals", 1))
        it.share = Figure(
            value=growth.share(part_fig.value, whole_fig.value), unit="%", decimals=decimals,
            origin="computation", formula="part / whole × 100", inputs=(part_fig, whole_fig),
            label=f"{it.indicator.name} / {whole.indicator.name if whole else ''}",
        )


def subject_name_en(plan: Plan, w: Any) -> str:
    """The English name of a warning's subject (task, indicator or project), its Chinese name if none."""
    kinds: dict[str, list[Any]] = {"task": plan.tasks, "indicator": plan.indicators, "project": plan.projects}
    for obj in kinds.get(str(w.subject_type), []):
        if obj.code == w.subject:
            return str(obj.name_en or obj.name)
    return str(w.subject_name or w.subject)


def _has_figures(f: Any) -> bool:
    return any(x is not None for x in (f.value, f.yoy, f.vs_base, f.avg_annual))


def _code(indicator: Any) -> str:
    return indicator if isinstance(indicator, str) else str(indicator.code)


def _rule_type(w: Any) -> str:
    """The rule's type (task_behind_time, below_base …); a warning without one is known by its rule id."""
    return str(getattr(w, "rule_type", "") or w.rule)
