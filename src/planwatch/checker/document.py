"""The layout of a report text: its period, its region, its sections, paragraphs, sentences and tables.

A report's period comes from its title (2021年…上半年执行情况 → 2021H1; 2023年国民经济和社会发展计划执行情况
→ 2023), never from the meeting date under it (——2024年1月10日在…); with no title, from the first year of
the body that is not part of a date. Its region's level (district, city, province) comes from the title too
(关于云州市… → city), so that 全市 in a district's report is another region and in a city's report its own.
Top-level headings (一、二、三、) split it into sections; a section whose heading speaks of measures or of
next year's plan (主要措施, 下半年…安排, 2024年主要预期目标, 计划草案) states targets. Spans inside quotation
marks or book-title marks are names (“十四五”, 《…2.0》), and so are a few place names that contain
numerals; figures there are not facts. Matching runs on ``norm``, the text with every way of writing a
number made one (``normalize``), which has the same length as ``text``.

A sentence ends at 。！？ or a line break; a sentence longer than ``MAX_SENTENCE`` characters (scraped text
on one line with no sentence ends) is cut at its last clause mark before that length, so that reading stays
linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .normalize import NumberWarning, digit_run_warnings, normalize_marks, normalize_numbers
from .numbers import NumeralError, chinese_value
from .tables import Row, Table, find_tables

_YEAR = r"(\d{4}|[二〇零一三四五六七八九]{4})"
_TITLE_PERIOD = re.compile(
    _YEAR + r"年(?!\d{1,2}月\d)[^。\n]{0,40}?(上半年|一季度|第一季度|1-3月|前三季度|1-9月|1-6月|全年|年度)"
)
_TITLE_YEAR = re.compile(_YEAR + r"年(?!\d{1,2}月)")
_DATE_LINE = re.compile(r"^\s*(——|--|—|-)")
_TITLE_LINE = re.compile(r"报告|执行情况|计划草案")
_LEVEL = re.compile(r"(自治区|省|市|州|盟|区|县|旗)")
_LEVEL_OF = {"自治区": "province", "省": "province", "市": "city", "州": "city", "盟": "city", "区": "district",
             "县": "district", "旗": "district"}
_SCOPE_WORDS = re.compile(r"全(区|县|市|省)|[我该本](区|县|市|省)")
_HEADING = re.compile(r"^[^\S\n]*(?:#{1,6}[^\S\n]*)?([一二三四五六七八九十]+)、(.+)$", re.MULTILINE)  # ## 三、 in Markdown
_MEASURES_HEADING = re.compile(r"措施|下半年|安排|打算|目标|草案|建议|思路|重点工作|重点任务|主要任务|主要工作|工作部署")
_NOT_MEASURES = re.compile(r"完成情况|执行情况|推进情况|落实情况|进展|回顾")
_SENTENCE_END = re.compile(r"[。！？!?\n]")  # ； joins clauses of one sentence
_CLAUSE_MARK = re.compile(r"[，,；;、]")
_QUOTED = re.compile(r"“[^”\n]{0,40}”|「[^」\n]{0,40}」|《[^》\n]{0,80}》|\"[^\"\n]{0,40}\"|‘[^’\n]{0,40}’")
PLACE_NAMES = ("三间房", "十八里店", "王四营", "六里屯", "三里屯", "二三级", "五环", "四环", "三环", "二环")
_PLACES = re.compile("|".join(PLACE_NAMES))
MAX_SENTENCE = 400
MIN_SOFT_SENTENCE = 12
# in an over-long sentence: a figure's unit directly followed by a new clause's first word (…2.2%居民人均…)
_SOFT_END = re.compile(
    r"(?:%|个百分点|亿元|万元|亿美元|万人|万户|万件|平方米|公顷|万亩)(?=[\u4e00-\u9fff])"
    r"(?!以上|以下|以内|左右|之间|的|和|及|与|或|、|，|；|等|为|是|增|下|同|比|较|占|分别|其中|，)"
)
PART_SUFFIX = {
    "上半年": "H1", "1-6月": "H1", "一季度": "Q1", "第一季度": "Q1", "1-3月": "Q1", "前三季度": "Q1-Q3",
    "1-9月": "Q1-Q3", "全年": "", "年度": "",
}


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    section: int  # index into Document.sections, -1 before the first heading
    paragraph: int = 0  # the line the sentence is on (0-based)


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
    norm: str = ""
    level: str = ""  # district | city | province | "" (unknown)
    warnings: list[NumberWarning] = field(default_factory=list)
    unreadable: list[tuple[int, int]] = field(default_factory=list)
    table_spans: list[tuple[int, int]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    lists: list[tuple[int, str, list[int]]] = field(default_factory=list)  # 分别: sentence, subjects, figures
    _section_starts: list[int] = field(default_factory=list)

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

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self._line_starts, pos) - 1

    def paragraph_span(self, index: int) -> tuple[int, int]:
        start = self._line_starts[index]
        end = self._line_starts[index + 1] - 1 if index + 1 < len(self._line_starts) else len(self.text)
        return start, end

    def section_of(self, pos: int) -> Section | None:
        i = bisect.bisect_right(self._section_starts, pos) - 1
        return self.sections[i] if i >= 0 else None

    def in_measures(self, pos: int) -> bool:
        sec = self.section_of(pos)
        return bool(sec and sec.measures)


def parse_document(text: str) -> Document:
    numbers = normalize_numbers(text)
    norm = normalize_marks(numbers)
    year, part, level = _title(norm)
    doc = Document(text=text, year=year, part=part, norm=norm, level=level)
    for h in _HEADING.finditer(norm):
        title = h.group(2).strip()
        if len(title) > 40:  # a numbered sentence (一是…), not a heading
            continue
        y = _TITLE_YEAR.search(title)
        named = _year(y.group(1)) if y else None
        measures = bool(_MEASURES_HEADING.search(title)) and not _NOT_MEASURES.search(title)
        if named and year and named > year and not _NOT_MEASURES.search(title):
            measures = True  # 三、2024年重点工作: next year's plan, whatever its words
        doc.sections.append(Section(h.group(1), title, h.start(), measures, named))
    doc._section_starts = [s.start for s in doc.sections]
    doc._line_starts = [0] + [m.end() for m in re.finditer("\n", norm)]
    _sentences(doc)
    doc.tables = find_tables(norm, doc._line_starts)
    for table in doc.tables:
        doc.table_spans.append((table.header_start, table.header_end))
        for row in table.rows:
            doc.table_spans.append((row.start, row.end))
            doc.rows.append(row)
    spans = [(q.start(), q.end()) for q in _QUOTED.finditer(norm)]
    spans.extend((p.start(), p.end()) for p in _PLACES.finditer(norm))
    doc.masked = _merge(spans)
    doc.warnings = [w for w in digit_run_warnings(numbers) if not doc.is_masked(w.start)]
    doc.unreadable = [(w.start, w.end) for w in doc.warnings]
    return doc


def _sentences(doc: Document) -> None:
    norm = doc.norm
    start = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(norm)]
    if not ends or ends[-1] != len(norm):
        ends.append(len(norm))
    for end in ends:
        if end - start > MAX_SENTENCE:  # text that lost its sentence ends: a figure then a new subject ends one
            for m in _SOFT_END.finditer(norm, start, end):
                if m.end() - start > MIN_SOFT_SENTENCE:
                    _add_sentence(doc, start, m.end())
                    start = m.end()
        while end - start > MAX_SENTENCE:
            cut = _cut(norm, start, start + MAX_SENTENCE)
            _add_sentence(doc, start, cut)
            start = cut
        _add_sentence(doc, start, end)
        start = end


def _add_sentence(doc: Document, start: int, end: int) -> None:
    if not doc.norm[start:end].strip():
        return
    section = bisect.bisect_right(doc._section_starts, start) - 1
    para = bisect.bisect_right(doc._line_starts, start) - 1
    doc.sentences.append(Sentence(len(doc.sentences), start, end, section, para))


def _cut(norm: str, lo: int, hi: int) -> int:
    """The end of the last clause in [lo, hi), or a point between two characters that are not digits."""
    last = -1
    for m in _CLAUSE_MARK.finditer(norm, hi - MAX_SENTENCE // 2, hi):
        last = m.end()
    if last > lo:
        return last
    i = hi
    while i > lo + 1 and (norm[i - 1].isdigit() or norm[i].isdigit()):
        i -= 1
    return i if i > lo + 1 else hi


def _title(norm: str) -> tuple[int | None, str, str]:
    """(year, part, level) from the title; the body's first year that is not in a date when no title says."""
    head = norm[:3000]
    lines = head.split("\n")
    titles = [ln for ln in lines[:15] if _TITLE_LINE.search(ln) and not _DATE_LINE.match(ln)]
    year: int | None = None
    part = ""
    for ln in titles:
        m = _TITLE_PERIOD.search(ln)
        if m:
            year, part = _year(m.group(1)), PART_SUFFIX.get(m.group(2), "")
            break
        y = _TITLE_YEAR.search(ln)
        if y and year is None:
            year = _year(y.group(1))
    if year is None:
        m = _TITLE_PERIOD.search(head)
        if m:
            year, part = _year(m.group(1)), PART_SUFFIX.get(m.group(2), "")
        else:
            body = "\n".join(ln for ln in lines if not _DATE_LINE.match(ln))
            y = _TITLE_YEAR.search(body)
            year = _year(y.group(1)) if y else None
    if year and titles and "草案" in titles[0] and "执行" not in titles[0] and _review_heading(year - 1).search(norm):
        year -= 1  # 2024年…计划草案 opening with 一、2023年计划执行情况: the figures are of 2023
    return year, part, _level(titles, head)


def _review_heading(year: int) -> re.Pattern[str]:
    return re.compile(rf"^[^\S\n]*[一二三四五六七八九十]+、{year}年[^\n]{{0,30}}(执行情况|回顾|完成情况)", re.MULTILINE)


def _level(titles: list[str], head: str) -> str:
    for ln in titles:
        before_year = re.split(r"\d{4}年|[二〇]{1}[〇零一二三四五六七八九]{3}年", ln)[0]
        found = _LEVEL.findall(before_year.replace("关于", "", 1))
        if found:
            return _LEVEL_OF[found[-1]]
    own: dict[str, int] = {}  # 我区, 该区, 本区: how a text names itself
    whole: dict[str, int] = {}  # 全区, 全市: its own region or another one
    for m in _SCOPE_WORDS.finditer(head):
        counts = own if m.group(2) else whole
        word = m.group(1) or m.group(2)
        counts[word] = counts.get(word, 0) + 1
    counts = own or whole
    if not counts:
        return ""
    return _LEVEL_OF[max(counts, key=lambda k: counts[k])]


def _year(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        return int(chinese_value(text))
    except NumeralError:
        return None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
