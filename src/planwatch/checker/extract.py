"""Bootstrapping a draft plan package from a report: targets become tasks, headline figures observations.

``draft_plan(text)`` reads the facts of a report and builds a ``core.model.Plan``:

- indicators and observations from the headline paragraph (the paragraph of the report's own period
  with the most growth figures): one indicator per subject, its level, yoy, vs-base and average growth;
- targets for target figures about one of those indicators, tasks for every other target figure
  (the measures section, 全年…不少于, 力争, 确保 …), with the kind, value and deadline read by
  ``planwatch.core.targets.parse_target_text`` where it agrees with the figure;
- areas from the sub-headings ((一)…) the targets sit under; one placeholder lead department.

Every row's ``source`` is the sentence it was read from. Rows are drafts for a person to review.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

from planwatch.core.model import (
    Aggregation,
    Area,
    Department,
    Indicator,
    IndicatorKind,
    Observation,
    Plan,
    Region,
    Source,
    Target,
    TargetKind,
    Task,
)
from planwatch.core.targets import parse_target_text

from .document import Document, parse_document
from .facts import find_facts
from .model import Fact

KNOWN_CODES = {
    "GDP": "gdp", "地区生产总值": "gdp", "一般公共预算收入": "budget_revenue", "固定资产投资": "fixed_investment",
    "建安投资": "construction_investment", "总消费": "total_consumption", "社会消费品零售额": "retail_sales",
    "社会消费品零售总额": "retail_sales", "居民人均可支配收入": "disposable_income",
    "城镇登记失业率": "unemployment_rate", "万元GDP能耗": "energy_intensity", "规模以上工业增加值": "industry_value_added",
}
_SUBHEADING = re.compile(r"^[^\S\n]*[(（]([一二三四五六七八九十]+)[)）]([^\n]{1,60})$", re.MULTILINE)
_TITLE = re.compile(r"关于(\S{1,12}?[区县市州旗])(\d{4})年")
_NUMERAL = re.compile(r"^[-−－]?[\d.,零〇一二两三四五六七八九十百千万亿点]+?(?=[万亿]?[^\d.,零〇一二两三四五六七八九十百千点])")
PLACEHOLDER_LEAD = "tbd"


def draft_plan(text: str, source_name: str = "") -> Plan:
    doc = parse_document(text)
    facts = find_facts(text, doc)
    title_line = next((ln.strip() for ln in text.splitlines() if "报告" in ln and len(ln.strip()) < 80), "")
    m = _TITLE.search(text[:3000])
    region = Region(code="draft", name=m.group(1) if m else "", name_en="")
    # an annual report that sets next year's targets drafts next year's plan: its targets become the ledger
    target_years = [int(f.period[:4]) for f in facts if f.modality == "target" and f.period[:4].isdigit()]
    year = max([doc.year or 0, *target_years])
    plan = Plan(region=region, year=year, title=title_line or "计划草稿", title_en="Draft plan (extracted)",
                base_year=doc.year - 2 if doc.year else None,
                illustrative_note="由 planwatch extract 自动抽取的草稿，导入前请逐行核对。 Draft read by planwatch extract: review every row.")
    plan.departments.append(Department(code=PLACEHOLDER_LEAD, name="待定（请填写牵头单位）", name_en="to be assigned",
                                       source=Source(quote="", illustrative=True)))
    indicators = _headline(plan, doc, facts)
    _targets_and_tasks(plan, doc, facts, indicators, source_name)
    if not plan.areas:
        plan.areas.append(Area(code="a0", name="其他", name_en="other", order=0))
    return plan


def _sentence(doc: Document, f: Fact) -> str:
    s = doc.sentences[f.sentence]
    return doc.text[s.start : s.end].strip()


def _paragraph(doc: Document, f: Fact) -> int:
    return doc.text.count("\n", 0, f.start)


def written_unit(f: Fact) -> str:
    """The unit as written with its scale: 3640.7亿元 → 亿元; 7成 → %."""
    if f.unit in ("%", "pp") or f.kind == "rank":
        return f.unit
    m = _NUMERAL.match(f.text)
    rest = f.text[m.end() :] if m else f.text
    return rest.replace("余", "").replace("多", "").strip() or f.unit


def _headline(plan: Plan, doc: Document, facts: list[Fact]) -> dict[str, str]:
    actual = [f for f in facts if f.modality == "actual" and f.period == doc.period]
    growth_by_para = Counter(_paragraph(doc, f) for f in actual if f.kind == "growth")
    if not growth_by_para:
        return {}
    para = growth_by_para.most_common(1)[0][0]
    chosen = [f for f in actual if _paragraph(doc, f) == para]
    codes: dict[str, str] = {}
    period = package_period(doc.period)
    for subject in dict.fromkeys(f.subject for f in chosen if f.subject):
        mine = [f for f in chosen if f.subject == subject]
        level = next((f for f in mine if f.kind in ("amount", "rate", "share") and f.bound == "eq"), None)
        growth = {f.basis: f for f in mine if f.kind == "growth" and f.unit == "%"}
        yoy = growth.get("yoy") or growth.get("none")
        vs = growth.get("vs_period")
        avg = growth.get("avg_annual")
        pp = next((f for f in mine if f.kind == "pp_change" and f.basis == "yoy"), None)
        if not (level or yoy or vs or avg or pp):
            continue  # nothing an observation can hold (a pp change against another region …)
        code = _code(subject, codes)
        codes[subject] = code
        kind = IndicatorKind.RATE if level and level.kind in ("rate", "share") else (
            IndicatorKind.LEVEL if level else IndicatorKind.INDEX)
        quote = _sentence(doc, mine[0])
        src = Source(file="", row=0, quote=quote)
        plan.indicators.append(Indicator(
            code=code, name=subject, unit=written_unit(level) if level else "", kind=kind,
            aggregation=Aggregation.POINT if kind == IndicatorKind.RATE else Aggregation.CUMULATIVE,
            comparable=subject in ("GDP", "地区生产总值") or "增加值" in subject, headline=True,
            order=len(plan.indicators) + 1, source=src,
        ))
        plan.observations.append(Observation(
            indicator=code, period=period, value=level.written if level else None,
            unit=written_unit(level) if level else "", yoy_pct=yoy.value if yoy else None,
            vs_base_pct=vs.value if vs else None, base_period=package_period(vs.base_period) if vs else "",
            avg_pct=avg.value if avg and not vs else None, yoy_pp=pp.value if pp else None, source=src,
        ))
    return codes


def package_period(period: str) -> str:
    """The package's name of a period: 前三季度 (2021Q1-Q3, year to date) is 2021-09."""
    return period.replace("Q1-Q3", "-09")


def _code(subject: str, taken: dict[str, str]) -> str:
    for name, code in KNOWN_CODES.items():
        if name in subject and code not in taken.values():
            return code
    return f"ind{len(taken) + 1:02d}"


def _targets_and_tasks(plan: Plan, doc: Document, facts: list[Fact], codes: dict[str, str], source_name: str) -> None:
    areas: dict[int, str] = {}
    heads = [(h.start(), h.group(1), h.group(2).strip()) for h in _SUBHEADING.finditer(doc.text)]
    for f in facts:
        if f.modality != "target" or f.kind == "rank":
            continue
        area = _area_of(plan, heads, f.start, areas)
        sentence = _sentence(doc, f)
        clause = _clause(doc, f)
        kind, value, unit, due = _target_form(f, clause, doc.year)
        src = Source(file=source_name, row=0, quote=sentence)
        code = _indicator_of(plan, f, codes, unit)
        if code and not any(t.indicator == code and t.kind == kind for t in plan.targets):
            plan.targets.append(Target(indicator=code, period=package_period(f.period) or str(doc.year), kind=kind, value=value,
                                       unit=unit, text=clause, due=due, source=src))
            continue
        plan.tasks.append(Task(
            code=f"T{len(plan.tasks) + 1:03d}", name=f.subject or clause[:20], area=area, lead=PLACEHOLDER_LEAD,
            target_kind=kind, target_value=value, unit=unit, deadline=due, target_text=clause, source=src,
        ))


def _indicator_of(plan: Plan, f: Fact, codes: dict[str, str], unit: str) -> str:
    """The headline indicator a target figure is about: same name, and a growth or a level in its unit."""
    if not f.subject:
        return ""
    for name, code in codes.items():
        if name != f.subject and not (len(name) >= 3 and name in f.subject):
            continue
        ind = next(i for i in plan.indicators if i.code == code)
        if f.kind == "growth" or (f.kind == "amount" and ind.unit == unit) or (f.kind == "rate" and ind.unit == "%"):
            return code
    return ""


def _area_of(plan: Plan, heads: list[tuple[int, str, str]], pos: int, areas: dict[int, str]) -> str:
    current = [h for h in heads if h[0] <= pos]
    if not current:
        return "a0" if any(a.code == "a0" for a in plan.areas) else _add_area(plan, -1, "a0", "其他", areas)
    start, _, name = current[-1]
    if start in areas:
        return areas[start]
    return _add_area(plan, start, f"a{len(plan.areas) + 1}", name, areas)


def _add_area(plan: Plan, key: int, code: str, name: str, areas: dict[int, str]) -> str:
    plan.areas.append(Area(code=code, name=name, name_en="", order=len(plan.areas) + 1))
    areas[key] = code
    return code


def _clause(doc: Document, f: Fact) -> str:
    s = doc.sentences[f.sentence]
    text = doc.text
    a = f.start
    while a > s.start and text[a - 1] not in "，,；;。：:\n":
        a -= 1
    b = f.end
    while b < s.end and text[b] not in "，,；;。、\n":
        b += 1
    return text[a:b].strip()


def _target_form(f: Fact, clause: str, year: int | None) -> tuple[TargetKind, Decimal | None, str, dt.date | None]:
    unit = written_unit(f)
    parsed = parse_target_text(clause, year)
    due = parsed[3] if parsed else None
    if parsed and parsed[1] is not None and abs(parsed[1]) == abs(f.written):
        return parsed[0], parsed[1], parsed[2], due
    value = abs(f.written)
    if f.kind == "growth":
        if f.sign < 0:
            return TargetKind.REDUCTION_AT_LEAST, value, "%", due
        kind = TargetKind.GROWTH_AT_MOST if f.bound in ("le", "lt") else TargetKind.GROWTH_AT_LEAST
        return kind, value, "%", due
    if f.kind in ("rate", "share"):
        kind = TargetKind.RATE_AT_MOST if f.bound in ("le", "lt") else TargetKind.RATE_AT_LEAST
        return kind, value, "%", due
    kind = TargetKind.LEVEL_AT_MOST if f.bound in ("le", "lt") else TargetKind.LEVEL_AT_LEAST
    return kind, value, unit, due
