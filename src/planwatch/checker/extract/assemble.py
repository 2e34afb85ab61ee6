"""The draft's rows as a plan package (``core.model.Plan``) with its review and notes sheets.

Indicators carry their catalogue code (unknown ones ``ind01`` …, to be named by the office), the
catalogue's English name, kind, aggregation, comparability and direction; observations the report's
period; targets the plan year; tasks the placeholder lead department ``tbd`` (待定, to be assigned: the
report does not say who leads). Every row's ``source`` is its sentence. Two extra sheets go with the
package and are kept through import and export: ``review.csv`` (each row's confidence and the reasons
that lowered it; conflicts) and ``notes.csv`` (statements that a target was met or not).
"""

from __future__ import annotations

import re

from planwatch.core.model import Area, Department, Indicator, Observation, Plan, Region, Source, Target, Task

from .layout import Layout, package_period
from .model import GUESS, REVIEW_BELOW, Conflict, Note, Review
from .observations import Drafted, aggregation_of, doubt_of, growth_of, observation_bound, value_of
from .reasons import because
from .targets import DraftTarget
from .tasks import DraftTask

PLACEHOLDER_LEAD = "tbd"
_REGION = re.compile(r"(?:关于)?([\u4e00-\u9fff]{1,10}?(?:自治区|省|市|区|县|州|旗))(?:\d{4}|[二〇零一三四五六七八九]{4})年")
REVIEW_COLUMNS = ("sheet", "key", "name", "confidence", "review", "conflict", "reasons", "reasons_en", "line", "source")
NOTE_COLUMNS = ("indicator", "period", "status", "text", "line", "source")


def region_of(text: str) -> Region:
    head = "\n".join(ln for ln in text.splitlines()[:12] if "报告" in ln or "计划" in ln)
    m = _REGION.search(head) or _REGION.search(text[:3000])
    return Region(code="draft", name=m.group(1) if m else "", name_en="")


def assemble(
    layout: Layout,
    table: dict[str, Drafted],
    targets: list[DraftTarget],
    tasks: list[DraftTask],
    notes: list[Note],
    conflicts: list[Conflict],
) -> tuple[Plan, list[Review]]:
    doc = layout.doc
    region = region_of(doc.text)
    base_years = [int(d.vs_base.fact.base_period[:4]) for d in table.values() if d.vs_base is not None]
    plan = Plan(
        region=region, year=layout.plan_year, title=f"{region.name}{layout.plan_year}年国民经济和社会发展计划（草稿）",
        title_en=f"{layout.plan_year} development plan (draft read from a report)",
        base_year=min(base_years) if base_years else None,
        illustrative_note="由 planwatch extract 从报告抽取的草稿：每行的 source 为原文句子，review.csv 列出置信度与待核对之处，"
                          "牵头单位待定（tbd）。Draft read by planwatch extract: each row's source is its sentence; "
                          "review.csv gives confidences and what to check; lead departments are to be assigned (tbd).",
    )
    plan.departments.append(Department(code=PLACEHOLDER_LEAD, name="待定（请填写牵头单位）", name_en="to be assigned",
                                       source=Source(quote="", illustrative=True)))
    reviews: list[Review] = []
    targeted = {t.indicator.key for t in targets}
    codes = _codes([d for d in table.values() if d.has_figures or d.key in targeted])
    for d in table.values():
        code = codes.get(d.key)
        if code is None:
            continue
        d.code = code
        _indicator(plan, d, targets)
        reviews.append(Review("indicators", code, d.confidence, list(d.reasons), d.source, d.line, name=d.name))
        if d.has_figures:
            reviews.append(_observation(plan, d, layout))
    for t in targets:
        plan.targets.append(Target(indicator=t.indicator.code, period=t.period, kind=t.kind, value=t.value, unit=t.unit,
                                   text=t.text, source=Source(quote=t.source)))
        reviews.append(Review("targets", f"{t.indicator.code} {t.period}", t.confidence, list(t.reasons), t.source, t.line))
    _tasks(plan, tasks, reviews)
    _conflicts(conflicts, reviews, codes)
    plan.extra["review"] = [_review_row(r) for r in sorted(reviews, key=lambda r: r.line)]
    plan.extra["notes"] = [{"indicator": codes.get(n.indicator, n.indicator), "period": n.period, "status": n.status,
                            "text": n.text, "line": str(n.line), "source": n.source}
                           for n in notes if n.indicator == "*" or n.indicator in codes]
    return plan, reviews


def _codes(drafted: list[Drafted]) -> dict[str, str]:
    out: dict[str, str] = {}
    n = 0
    for d in drafted:
        if d.entry is not None:
            out[d.key] = d.entry.code
        else:
            n += 1
            out[d.key] = f"ind{n:02d}"
    return out


def _indicator(plan: Plan, d: Drafted, targets: list[DraftTarget]) -> None:
    level_target = next((t for t in targets if t.indicator is d and t.unit and t.unit != "%"), None)
    unit = d.unit or (level_target.unit if level_target else "") or (d.entry.unit if d.entry else "")
    if d.rate or (d.entry is not None and d.entry.kind.value == "rate"):
        unit = "%"
    e = d.entry
    plan.indicators.append(Indicator(
        code=d.code, name=d.name, unit=unit, name_en=e.name_en if e else "", kind=d.kind,
        aggregation=aggregation_of(d), higher_is_better=e.higher_is_better if e else True,
        comparable=e.comparable if e else False, headline=e is not None and d.has_figures,
        order=len(plan.indicators) + 1, source=Source(quote=d.source),
    ))


def _observation(plan: Plan, d: Drafted, layout: Layout) -> Review:
    items = [i for i in (d.level, d.yoy, d.vs_base, d.avg, d.pp) if i is not None]
    first = min(items, key=lambda i: i.fact.start)
    vs = d.vs_base
    plan.observations.append(Observation(
        indicator=d.code, period=layout.period, value=value_of(d.level), unit=d.unit if d.level else "",
        yoy_pct=growth_of(d.yoy), vs_base_pct=growth_of(vs),
        base_period=package_period(vs.fact.base_period) if vs else "",
        avg_pct=growth_of(d.avg) if vs is None else None, yoy_pp=growth_of(d.pp), bound=observation_bound(d.level),
        source=Source(quote=first.sentence),
    ))
    # the indicator's own doubts (not in the catalogue …) stand on its row; here, the figures' only
    review = Review("observations", f"{d.code} {layout.period}", 0.95, [], first.sentence, first.fact.line, name=d.name)
    for confidence, reason in doubt_of(d):
        review.lower(confidence, reason)
    return review


def _tasks(plan: Plan, tasks: list[DraftTask], reviews: list[Review]) -> None:
    areas: dict[str, str] = {}
    for i, t in enumerate(sorted(tasks, key=lambda t: t.line), 1):
        name = t.area or "其他"
        if name not in areas:
            areas[name] = f"a{len(areas) + 1}"
            plan.areas.append(Area(code=areas[name], name=name, name_en="", order=len(areas)))
        code = f"T{i:03d}"
        plan.tasks.append(Task(
            code=code, name=t.name, area=areas[name], lead=PLACEHOLDER_LEAD, target_kind=t.kind, target_value=t.value,
            unit=t.unit, deadline=t.due, target_text=t.text, source=Source(quote=t.source),
        ))
        review = Review("tasks", code, t.confidence, list(t.reasons), t.source, t.line, name=t.name)
        review.reasons.append(because("lead_tbd"))
        reviews.append(review)
    if not plan.areas:
        plan.areas.append(Area(code="a0", name="其他", name_en="other", order=0))


def _conflicts(conflicts: list[Conflict], reviews: list[Review], codes: dict[str, str]) -> None:
    for c in conflicts:
        code = codes.get(c.key, c.key)
        reason = because("conflict", field=c.field, kept=c.kept, other=c.other, line=c.other_line)
        row = next((r for r in reviews if r.sheet == c.sheet and r.key.split(" ")[0] == code), None)
        if row is None:
            continue
        row.conflict = True
        row.lower(GUESS, reason)


def _review_row(r: Review) -> dict[str, str]:
    return {
        "sheet": r.sheet, "key": r.key, "name": r.name, "confidence": f"{r.confidence:.2f}",
        "review": "yes" if r.conflict or r.confidence < REVIEW_BELOW else "", "conflict": "yes" if r.conflict else "",
        "reasons": "；".join(x.text("zh") for x in r.reasons), "reasons_en": "; ".join(x.text("en") for x in r.reasons),
        "line": str(r.line), "source": r.source,
    }
