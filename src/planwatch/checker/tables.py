"""Tables flattened into text, as .docx and .html give them (cells joined by tabs) or PDFs (by spaces).

A table starts at a header row that names the indicator column (指标, 指标名称, 项目) and at least two other
columns a report's table of indicators has: 单位, the actual (完成值, 完成情况, 实际完成, 1-6月, 全年), its
growth (增速, 同比增长, 增长%), the year's target (年度目标, 全年目标, 全年计划), the share of the target
done (完成全年目标%, 完成进度) and whether the target is met (是否完成, 完成评价). Every following line with
as many cells is a row; each cell keeps its column's meaning: the actual and its growth are actuals, the
target column a target of the year, the completion column a share of the target (``task_share``), and a
status column (完成 / 未完成 / 是 / 否) is the report's own word on whether the target is met.

A target cell is a growth rate when the column says so (年度目标（%）) or when, the row having a growth, the
target is nearer the growth than the level (一般公共预算收入 186.4亿元, 增长5.1%, 目标 5 → 增长5%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER_NAME = re.compile(r"^(指标|指标名称|项目|主要指标|名称|任务|重点任务)$")
_COLUMNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^序号$"), "index"),
    (re.compile(r"^(指标|指标名称|项目|主要指标|名称|任务|重点任务)$"), "name"),
    (re.compile(r"^(计量)?单位$"), "unit"),
    (re.compile(r"序时进度|时间进度|牵头|责任|单位名称|备注"), ""),
    (re.compile(r"完成(全年|年度)(目标|计划|任务)|占(全年|年度)|完成进度|完成率|完成比例|进度"), "completion"),
    (re.compile(r"是否(完成|达到|达标)|完成评价|评价|完成与否|达标情况"), "status"),
    (re.compile(r"两年平均|年均"), "avg"),
    (re.compile(r"增速|增长|同比|增幅|比上年|比去年"), "growth"),
    (re.compile(r"目标|计划|预期"), "target"),
    (re.compile(r"完成|实际|1-\d{1,2}月|^全年$|累计|绝对值|总量|数值|^\d{4}年$"), "actual"),
)
_NUMBER = re.compile(r"^(?P<change>增长|下降|降低|减少)?(?P<before>约|≥|≤|不低于|不少于|不超过|不高于|<|>)?\s*(?P<num>[-−]?\d+(?:\.\d+)?)"
                     r"(?:\s*[-~～—–]\s*(?P<num2>\d+(?:\.\d+)?))?\s*(?P<pct>%)?"
                     r"(?P<unit>(?!左右|以)[万亿千]?[\u4e00-\u9fff/]{1,6}?)?\s*(?P<after>左右|以上|以内|以下)?$")
_ALIGNMENT = re.compile(r"^[:：]?-{3,}[:：]?$")
_MET = re.compile(r"^(完成|超额完成|达到|达标|是|实现|√|已完成|达到预期|完成目标)$")
_NOT_MET = re.compile(r"^(未完成|未达到|未达标|否|未实现|×|未达预期|低于预期)$")
_SPLIT_WIDE = re.compile(r"\s{2,}|\t")


@dataclass(slots=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Number:
    value: str  # as written, signed
    high: str | None
    bound: str  # eq | approx | ge | le | range
    percent: bool
    unit: str = ""  # a unit written in the cell (210万平方米), when the table has no 单位 column
    change: int = 0  # a growth written out (增长6%以上 → 1, 下降3% → -1) in a target cell


@dataclass(slots=True)
class Row:
    line: int  # 0-based line of the text
    start: int
    end: int
    name: Cell
    unit: str
    cells: dict[str, Cell] = field(default_factory=dict)  # column meaning → cell
    status: bool | None = None  # the report's word: met, not met, or none / undecided
    status_cell: Cell | None = None
    target_is_growth: bool = False


@dataclass(slots=True)
class Table:
    header_line: int
    header_start: int
    header_end: int
    columns: list[str]
    target_percent: bool  # the target column's header says %
    rows: list[Row] = field(default_factory=list)


def _split(line: str, offset: int, wide: bool) -> list[Cell]:
    cells: list[Cell] = []
    piped = line.strip().startswith("|") and line.strip().endswith("|")
    if piped:  # a Markdown table row: | a | b |
        lead = line.index("|") + 1
        offset, line = offset + lead, line[lead : line.rindex("|")]
    sep = re.compile(r"\|") if piped else (re.compile(r"\t") if "\t" in line else (_SPLIT_WIDE if wide else re.compile(r"[ \u3000]+")))
    pos = 0
    for m in [*sep.finditer(line), None]:
        end = m.start() if m else len(line)
        raw = line[pos:end]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        cells.append(Cell(offset + pos + lead, offset + pos + lead + len(stripped), stripped))
        pos = m.end() if m else len(line)
    if "\t" not in line and not piped:
        cells = [c for c in cells if c.text]
    return cells


def _meaning(header: str) -> str:
    for pattern, meaning in _COLUMNS:
        if pattern.search(header):
            return meaning
    return ""


def find_tables(norm: str, line_starts: list[int]) -> list[Table]:
    if "指标" not in norm and "项目" not in norm and "任务" not in norm:
        return []
    tables: list[Table] = []
    lines = norm.split("\n")
    i = 0
    while i < len(lines):
        table = _header(lines[i], i, line_starts[i])
        if table is None:
            i += 1
            continue
        j = i + 1
        while j < len(lines):
            cells = _split(lines[j], line_starts[j], wide=False)
            if cells and all(_ALIGNMENT.match(c.text) for c in cells):
                j += 1  # a Markdown alignment row: | :--- | ---: |
                continue
            row = _row(table, lines[j], j, line_starts[j])
            if row is None:
                break
            table.rows.append(row)
            j += 1
        if table.rows:
            tables.append(table)
        i = j
    return tables


def _header(line: str, index: int, offset: int) -> Table | None:
    if len(line) > 200 or not ("指标" in line or "项目" in line or "名称" in line or "任务" in line):
        return None
    for wide in (True, False):
        cells = _split(line, offset, wide)
        if len(cells) < 3:
            continue
        meanings = [_meaning(c.text) for c in cells]
        for i, m in enumerate(meanings):  # 实际完成 … 完成情况: the second "actual" is the status
            if m == "actual" and "actual" in meanings[:i]:
                meanings[i] = "status" if "status" not in meanings else ""
        if "name" not in meanings or not any(_HEADER_NAME.match(c.text) for c in cells):
            continue
        if sum(m in ("unit", "actual", "growth", "avg", "target", "completion", "status") for m in meanings) < 2:
            continue
        if "actual" not in meanings and "target" not in meanings:
            continue
        target_percent = any(m == "target" and "%" in c.text for m, c in zip(meanings, cells, strict=True))
        return Table(index, offset, offset + len(line), meanings, target_percent)
    return None


def _row(table: Table, line: str, index: int, offset: int) -> Row | None:
    if not line.strip():
        return None
    cells = _split(line, offset, wide="\t" in line)
    columns = table.columns
    if len(cells) != len(columns):
        if "index" in columns and len(cells) == len(columns) - 1 and not cells[0].text.isdigit():
            columns = [c for c in columns if c != "index"]  # a row without its 序号
        else:
            return None
    by = dict(zip(columns, cells, strict=True))
    name = by.get("name")
    if name is None or not name.text or _NUMBER.match(name.text):
        return None
    row = Row(index, offset, offset + len(line), name, by["unit"].text if "unit" in by else "")
    for meaning, cell in by.items():
        if meaning in ("actual", "growth", "avg", "target", "completion") and parse_cell(cell.text):
            row.cells[meaning] = cell
        elif meaning in ("status", "actual") and cell.text:
            if _MET.match(cell.text):
                row.status, row.status_cell = True, cell
            elif _NOT_MET.match(cell.text):
                row.status, row.status_cell = False, cell
    if not row.cells and row.status is None:
        return None
    row.target_is_growth = _target_is_growth(table, row)
    return row


def parse_cell(text: str) -> Number | None:
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    bound = {"约": "approx", "≥": "ge", "不低于": "ge", "不少于": "ge", "≤": "le", "不超过": "le", "不高于": "le",
             "<": "le", ">": "ge"}.get(m.group("before") or "", "eq")
    after = {"左右": "approx", "以上": "ge", "以内": "le", "以下": "le"}.get(m.group("after") or "")
    bound = after or bound
    if m.group("num2"):
        bound = "range"
    change = {"增长": 1, "下降": -1, "降低": -1, "减少": -1}.get(m.group("change") or "", 0)
    if change and not m.group("pct"):
        return None  # 增长6 without %: not a figure this reader understands
    num = m.group("num").replace("−", "-")
    if change < 0 and not num.startswith("-"):
        num = "-" + num
    return Number(num, m.group("num2"), bound, bool(m.group("pct")), "%" if m.group("pct") else m.group("unit") or "", change)


def _target_is_growth(table: Table, row: Row) -> bool:
    target = row.cells.get("target")
    if target is None:
        return False
    written = parse_cell(target.text)
    if written is not None and written.change:
        return True  # 增长6%以上
    if row.unit in ("%", "％"):
        return False
    if table.target_percent:
        return True
    growth, actual = row.cells.get("growth"), row.cells.get("actual")
    t = parse_cell(target.text)
    if growth is None or t is None:
        return False
    g = parse_cell(growth.text)
    a = parse_cell(actual.text) if actual else None
    if g is None:
        return False
    if a is None:
        return True
    tv, gv, av = float(t.value), float(g.value), float(a.value)
    return abs(tv - gv) < abs(tv - av)
