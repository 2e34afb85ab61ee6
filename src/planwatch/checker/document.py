"""The layout of a report text: its period, its sections, its sentences, and spans that are names.

A report's period comes from its title (2021年…上半年执行情况 → 2021H1). Top-level headings (一、二、三、)
split it into sections; the section whose heading speaks of measures (主要措施, 下半年…安排) states
targets as a whole. Spans inside quotation marks or book-title marks are names (“十四五”, 《…2.0》),
and so are a few place names that contain numerals; figures there are not facts.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_TITLE_PERIOD = re.compile(r"(\d{4})年[^。\n]{0,40}?(上半年|一季度|第一季度|前三季度|1-6月|全年|年度)")
_ANY_YEAR = re.compile(r"(?<!\d)(20\d{2})年")
_HEADING = re.compile(r"^[^\S\n]*([一二三四五六七八九十]+)、(.+)$", re.MULTILINE)
_MEASURES_HEADING = re.compile(r"措施|下半年|安排|打算|目标")
_SENTENCE_END = re.compile(r"[。！？!?\n]")  # ； joins clauses of one sentence
_QUOTED = re.compile(r"“[^”\n]{0,40}”|「[^」\n]{0,40}」|《[^》\n]{0,80}》|\"[^\"\n]{0,40}\"|‘[^’\n]{0,40}’")
PLACE_NAMES = ("三间房", "十八里店", "王四营", "六里屯", "三里屯", "二三级", "五环", "四环", "三环", "二环")

PART_SUFFIX = {
    "上半年": "H1", "1-6月": "H1", "一季度": "Q1", "第一季度": "Q1", "前三季度": "Q1-Q3",
    "全年": "", "年度": "",
}


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    section: int  # index into Document.sections, -1 before the first heading


@dataclass(frozen=True, slots=True)
class Section:
    number: str  # 一, 二, 三
    title: str
    start: int
    measures: bool
    year: int | None = None  # a year named in the heading (二、2024年主要目标)


@dataclass(slots=True)
class Document:
    text: str
    year: int | None
    part: str  # "H1", "Q1", "" for a whole year
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    masked: list[tuple[int, int]] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)

    @property
    def period(self) -> str:
        return f"{self.year}{self.part}" if self.year else ""

    def is_masked(self, pos: int) -> bool:
        i = bisect.bisect_right(self.masked, (pos, 10**12)) - 1
        return i >= 0 and self.masked[i][0] <= pos < self.masked[i][1]

    def line_col(self, pos: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an offset."""
        i = bisect.bisect_right(self._line_starts, pos) - 1
        return i + 1, pos - self._line_starts[i] + 1

    def section_of(self, pos: int) -> Section | None:
        current: Section | None = None
        for sec in self.sections:
            if sec.start <= pos:
                current = sec
        return current

    def in_measures(self, pos: int) -> bool:
        sec = self.section_of(pos)
        return bool(sec and sec.measures)


def parse_document(text: str) -> Document:
    year: int | None = None
    part = ""
    m = _TITLE_PERIOD.search(text[:3000])
    if m:
        year, part = int(m.group(1)), PART_SUFFIX.get(m.group(2), "")
    else:
        y = _ANY_YEAR.search(text[:3000])
        year = int(y.group(1)) if y else None
    doc = Document(text=text, year=year, part=part)
    for h in _HEADING.finditer(text):
        title = h.group(2).strip()
        if len(title) > 40:  # a numbered sentence (一是…), not a heading
            continue
        y = _ANY_YEAR.search(title)
        doc.sections.append(
            Section(h.group(1), title, h.start(), bool(_MEASURES_HEADING.search(title)), int(y.group(1)) if y else None)
        )
    start = 0
    for end_m in _SENTENCE_END.finditer(text):
        end = end_m.end()
        if text[start:end].strip():
            doc.sentences.append(Sentence(len(doc.sentences), start, end, _section_index(doc, start)))
        start = end
    if text[start:].strip():
        doc.sentences.append(Sentence(len(doc.sentences), start, len(text), _section_index(doc, start)))
    spans = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]
    for name in PLACE_NAMES:
        spans.extend((p.start(), p.end()) for p in re.finditer(re.escape(name), text))
    doc.masked = _merge(spans)
    doc._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return doc


def _section_index(doc: Document, pos: int) -> int:
    idx = -1
    for i, sec in enumerate(doc.sections):
        if sec.start <= pos:
            idx = i
    return idx


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
