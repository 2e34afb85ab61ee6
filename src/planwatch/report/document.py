"""The document model: built once from the data, then rendered by every writer.

A :class:`Document` is a title block and a tree of :class:`Section` objects holding blocks:
:class:`Paragraph` (runs of plain text and :class:`FigureRun`), :class:`Table` and :class:`Chart`.
A ``FigureRun`` is a printed figure: its words as printed ("增长13.5%") and the
:class:`~planwatch.core.figures.Figure` they come from, so that every writer prints the same words and the
provenance file can say where each came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from planwatch.core.figures import Figure


@dataclass(frozen=True, slots=True)
class FigureRun:
    id: str  # "F12": stable for the same data and template, used by the provenance file and the HTML
    text: str  # the words printed: "3640.7亿元", "增长13.5%"
    figure: Figure


Run = str | FigureRun


@dataclass(slots=True)
class Paragraph:
    runs: list[Run]
    style: str = "body"  # body | title | occasion | speaker | salutation | note | closing
    key: str = ""  # the paragraph's name for authored text: "review.economy", "problems.lagging" …
    authored: bool = False  # written or rewritten by the plan office (not the draft from the data)
    findings: list[Any] = field(default_factory=list)  # the checker's findings on authored text (verify.py)

    @property
    def text(self) -> str:
        return "".join(r if isinstance(r, str) else r.text for r in self.runs)


@dataclass(slots=True)
class Table:
    key: str  # "tasks", "warnings"
    caption: str
    header: list[str]
    rows: list[list[list[Run]]]  # rows → cells → runs
    align: list[str] = field(default_factory=list)  # "l" | "r" | "c" per column
    widths: list[float] = field(default_factory=list)  # relative column widths (DOCX, HTML)


@dataclass(slots=True)
class Chart:
    key: str  # "headline", "tasks"
    title: str
    alt: str  # a sentence saying what the chart shows, for text formats
    svg: str = ""  # inline SVG (HTML, PDF)
    png: bytes = b""  # raster (DOCX)
    data: dict[str, Any] = field(default_factory=dict)  # the figures drawn, for tests


Block = Paragraph | Table | Chart


@dataclass(slots=True)
class Section:
    heading: list[Run]  # "一、上半年计划执行情况" as runs
    level: int  # 1 for 一、, 2 for （一）
    blocks: list[Block | Section] = field(default_factory=list)

    @property
    def heading_text(self) -> str:
        return "".join(r if isinstance(r, str) else r.text for r in self.heading)


@dataclass(slots=True)
class Document:
    lang: str  # "zh" | "en"
    title: str
    front: list[Paragraph] = field(default_factory=list)  # occasion, speaker, salutation, opening
    body: list[Block | Section] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # plan, period, as_of, variant
    title_lines: list[str] = field(default_factory=list)  # the title as laid out (DOCX, HTML, PDF)

    def walk(self) -> Iterator[tuple[int, Block | Section]]:
        """Every block and section in reading order with its depth (0 for the front matter)."""
        for p in self.front:
            yield 0, p
        yield from _walk(self.body, 1)

    def figure_runs(self) -> Iterator[FigureRun]:
        """Every printed figure in reading order (headings, paragraphs, table cells)."""
        for _, node in self.walk():
            for runs in _runs_of(node):
                for r in runs:
                    if isinstance(r, FigureRun):
                        yield r

    def charts(self) -> list[Chart]:
        return [node for _, node in self.walk() if isinstance(node, Chart)]

    def tables(self) -> list[Table]:
        return [node for _, node in self.walk() if isinstance(node, Table)]

    def sections(self) -> list[Section]:
        return [node for _, node in self.walk() if isinstance(node, Section)]


# The width of a 2号 (22 pt) title line in the 156 mm text block, in characters: 20 in theory; digits
# and Latin letters take about three quarters of a character with the space set around them.
TITLE_CHARS = 19.5


def _width(text: str) -> float:
    return sum(0.75 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def title_lines(parts: list[str], capacity: float = TITLE_CHARS) -> list[str]:
    """The title broken into lines at the template's break points (``|``), as GB/T 9704 asks of a long
    title: whole words per line, as few lines as fit, and of those the most even (梯形 or 菱形), never
    a word split by the line's end ("…发展计 / 划…")."""
    parts = [p for p in parts if p]
    if len(parts) <= 1 or _width("".join(parts)) <= capacity:
        return ["".join(parts)]
    best: tuple[int, float, list[str]] | None = None
    for mask in range(1 << (len(parts) - 1)):
        lines, cur = [], parts[0]
        for i, part in enumerate(parts[1:]):
            if mask >> i & 1:
                lines.append(cur)
                cur = part
            else:
                cur += part
        lines.append(cur)
        widths = [_width(x) for x in lines]
        over = sum(max(0.0, w - capacity) for w in widths)
        key = (len(lines) if not over else 99 + len(lines), max(widths) - min(widths) + over, lines)
        if best is None or key[:2] < best[:2]:
            best = key
    assert best is not None
    return best[2]


def _walk(blocks: list[Block | Section], depth: int) -> Iterator[tuple[int, Block | Section]]:
    for b in blocks:
        yield depth, b
        if isinstance(b, Section):
            yield from _walk(b.blocks, depth + 1)


def _runs_of(node: Block | Section) -> Iterator[list[Run]]:
    if isinstance(node, Section):
        yield node.heading
    elif isinstance(node, Paragraph):
        yield node.runs
    elif isinstance(node, Table):
        for row in node.rows:
            yield from row


def runs_text(runs: list[Run]) -> str:
    return "".join(r if isinstance(r, str) else r.text for r in runs)
