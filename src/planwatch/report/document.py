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
