"""What each part of a report is for: what happened, what is planned, and the work to be done.

``Layout`` reads a parsed report (``checker.document``) for the draft: the report's own period (its
figures become observations of it), the year of the plan being drafted, the role of each top-level section
(``actual`` — what happened, problems included; ``plan`` — next year's or the rest of the year's targets and
measures), the sub-headings a plan section's work sits under (（一）扩大有效投资 → an area), and the
deadline a clause names (9月底前, 年底前, 年内, 三季度末前; 上半年 in a plan for a later year).

The plan year: the year a plan section's heading names when it is later than the report's (二、2024年主要
预期目标), else the report's year for a half-year or three-quarter report (its measures complete this
year's plan), else the next year (an annual report without a plan section still starts next year's draft).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from planwatch.core.targets import parse_due

from ..document import Document, Section

_SUBHEADING = re.compile(r"^[^\S\n]*(?:#{1,6}[^\S\n]*)?[（(]([一二三四五六七八九十]+)[)）]\s*([^\n。；]{1,40})", re.MULTILINE)
_TARGETS_ONLY = re.compile(r"目标|指标")
_WORK = re.compile(r"任务|工作|措施|安排|打算|举措|草案|计划$")
_DUE_WORDS = re.compile(
    r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月(底|末|份)?(前|之前)|年底前|年内|年末前|年底|"
    r"(第?[一二三四1-4])季度(末|底)?前|(第?[一二三四1-4])季度末"
)
_FIRST_HALF = re.compile(r"上半年(前|内)?(?=[建完实开投启运])")


@dataclass(frozen=True, slots=True)
class Area:
    """A sub-heading of a plan section: the area its tasks belong to."""

    start: int
    number: str
    name: str


@dataclass(slots=True)
class Layout:
    doc: Document
    period: str  # the report's own period in package form: 2023, 2022H1, 2022-09
    plan_year: int
    plan_sections: list[Section] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    _area_starts: list[int] = field(default_factory=list)

    def role(self, pos: int) -> str:
        """``plan`` inside a section of targets or measures, else ``actual``."""
        sec = self.doc.section_of(pos)
        return "plan" if sec is not None and sec in self.plan_sections else "actual"

    def targets_only(self, pos: int) -> bool:
        """A section of main targets (二、2024年主要预期目标), not of work to do."""
        sec = self.doc.section_of(pos)
        return bool(sec and sec in self.plan_sections and _TARGETS_ONLY.search(sec.title) and not _WORK.search(sec.title))

    def area_of(self, pos: int) -> Area | None:
        """The sub-heading (（一）…) of the plan section that ``pos`` stands under, if any."""
        i = bisect.bisect_right(self._area_starts, pos) - 1
        if i < 0:
            return None
        area = self.areas[i]
        sec = self.doc.section_of(pos)
        return area if sec is not None and self.doc.section_of(area.start) is sec else None

    def due(self, clause: str) -> dt.date | None:
        """The deadline a clause names in the plan year: 9月底前 → 30 Sept; 年底前, 年内 → 31 Dec."""
        if _DUE_WORDS.search(clause):
            return parse_due(clause, self.plan_year)
        if self.plan_year > (self.doc.year or 0) and _FIRST_HALF.search(clause):
            return dt.date(self.plan_year, 6, 30)
        return None


def package_period(period: str) -> str:
    """The package's name of a period: 前三季度 (2021Q1-Q3, year to date) is 2021-09."""
    return period.replace("Q1-Q3", "-09")


def layout(doc: Document) -> Layout:
    plan_sections = [s for s in doc.sections if s.measures]
    later = [s.year for s in plan_sections if s.year and doc.year and s.year > doc.year]
    if later:
        plan_year = min(later)
    elif doc.part or not doc.year:
        plan_year = doc.year or 0
    else:
        plan_year = doc.year + 1
    out = Layout(doc, package_period(doc.period), plan_year, plan_sections)
    for m in _SUBHEADING.finditer(doc.norm):
        if out.role(m.start()) == "plan":
            name = re.split(r"[。；，]", m.group(2))[0].strip()
            out.areas.append(Area(m.start(), m.group(1), name))
    out._area_starts = [a.start for a in out.areas]
    return out
