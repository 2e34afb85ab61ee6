"""Standalone HTML: CSS inline, charts as inline SVG, system fonts with fallbacks; prints to A4.

Every printed figure is a ``<span class="fig" id="F12" title="…">`` whose title tells where it came
from, the same entry as report.provenance.json.
"""

from __future__ import annotations

import base64
import functools
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from ..compose import environment
from ..document import Block, Chart, Document, FigureRun, Paragraph, Run, Section, Table

NOTE = {
    "zh": "本报告由 planwatch 依据计划数据包生成；每个数字的来源见同目录 report.provenance.json，鼠标悬停于数字上亦可查看。",
    "en": "Written by planwatch from the plan data package; where each figure comes from is in "
    "report.provenance.json beside this file, and shown when the pointer rests on a figure.",
}


@functools.cache
def stylesheet() -> str:
    return resources.files("planwatch.report").joinpath("templates/html/style.css").read_text("utf-8")


def _source(run: FigureRun) -> str:
    p: dict[str, Any] = run.figure.provenance()
    parts = [p.get("label") or "", p["origin"]]
    ref = p.get("ref") or {}
    if ref.get("file"):
        parts.append(f"{ref['file']}:{ref.get('row', '')}")
    if p.get("formula"):
        parts.append(p["formula"])
    return " · ".join(x for x in parts if x)


def runs_html(runs: list[Run], spans: bool = True) -> str:
    """The runs as HTML; a figure is a span with its source as title (``spans=False``: plain text, for the
    PDF, where thousands of spans cost Pango time and a printed page shows no tooltips)."""
    out = []
    for r in runs:
        if isinstance(r, str):
            out.append(escape(r).replace("\n", "<br>"))  # a line break the document model chose
        elif not spans:
            out.append(escape(r.text))
        else:
            out.append(f'<span class="fig" id="{r.id}" title="{escape(_source(r))}">{escape(r.text)}</span>')
    return "".join(out)


def _table(t: Table, spans: bool = True) -> str:
    align = t.align or ["l"] * len(t.header)
    head = "".join(f"<th>{escape(h)}</th>" for h in t.header)
    rows = []
    for row in t.rows:
        cells = "".join(f'<td class="{a}">{runs_html(c, spans)}</td>' for a, c in zip(align, row, strict=False))
        rows.append(f"<tr>{cells}</tr>")
    cols = ""
    if t.widths:
        total = sum(t.widths)
        cols = "<colgroup>" + "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in t.widths) + "</colgroup>"
    return (f'<table class="{t.key}"><caption>{escape(t.caption)}</caption>{cols}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _chart(c: Chart, raster: bool = False) -> str:
    """The chart as inline SVG; ``raster``: as the PNG in a data: URL (the PDF: WeasyPrint lays out an SVG
    of glyph outlines ten times slower than it places an image)."""
    if raster and c.png:
        img = f'<img src="data:image/png;base64,{base64.b64encode(c.png).decode("ascii")}" alt="{escape(c.alt)}">'
        return f'<figure class="chart {c.key}">{img}<figcaption>{escape(c.alt)}</figcaption></figure>'
    return (f'<figure class="chart {c.key}" role="img" aria-label="{escape(c.alt)}">{c.svg}'
            f"<figcaption>{escape(c.alt)}</figcaption></figure>")


def body_html(doc: Document, spans: bool = True) -> str:
    """The body; ``spans=False`` is the print form (the PDF): figures as plain text, charts as images."""
    out: list[str] = []
    for p in doc.front:
        out.append(f'<p class="{p.style}">{runs_html(p.runs, spans)}</p>')

    def block(b: Block | Section) -> None:
        if isinstance(b, Section):
            tag = "h2" if b.level == 1 else "h3"
            out.append(f"<section><{tag}>{runs_html(b.heading, spans)}</{tag}>")
            for child in b.blocks:
                block(child)
            out.append("</section>")
        elif isinstance(b, Paragraph):
            key = f' data-key="{escape(b.key)}"' if b.key and spans else ""
            out.append(f'<p class="{b.style}"{key}>{runs_html(b.runs, spans)}</p>')
        elif isinstance(b, Table):
            out.append(_table(b, spans))
        elif isinstance(b, Chart):
            out.append(_chart(b, raster=not spans))

    for b in doc.body:
        block(b)
    return "\n".join(out)


ILLUSTRATIVE = {
    "zh": "工作版说明：本报告所用数据包含示意数据（数据包中标注 illustrative 的行），详见 report.provenance.json。",
    "en": "Working edition: the package includes illustrative rows (marked illustrative), listed in "
    "report.provenance.json.",
}


def render(doc: Document, *, spans: bool = True) -> str:
    """The page; the working edition ends with a note on the figures' provenance (and on illustrative data
    when the package has any); the official edition has no line about the software."""
    template = environment().get_template("html/page.html.j2")
    notes = []
    if doc.meta.get("footer", True):
        notes.append(NOTE[doc.lang])
        if doc.meta.get("illustrative"):
            notes.append(ILLUSTRATIVE[doc.lang])
    return template.render(doc=_Escaped(doc), css=stylesheet(), body=body_html(doc, spans),
                           note="<br>".join(escape(n) for n in notes))


class _Escaped:
    """The document's title and language, escaped for the page template (which does not autoescape)."""

    def __init__(self, doc: Document) -> None:
        self.title = escape(doc.title)
        self.heading = "<br>".join(escape(line) for line in (doc.title_lines or [doc.title]))
        self.lang = doc.lang


def write(doc: Document, path: Path) -> Path:
    path = Path(path)
    path.write_text(render(doc), encoding="utf-8")
    return path
