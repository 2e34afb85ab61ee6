"""Markdown: headings, paragraphs, pipe tables; charts written as SVG files beside the report.

Text from data is HTML-escaped (``<``, ``>``, ``&``): Markdown passes raw HTML through, so a task named
``<script>…`` would otherwise run in whatever renders the report.
"""

from __future__ import annotations

import html
from pathlib import Path

from ..document import Block, Chart, Document, Paragraph, Section, Table, runs_text


def _md(text: str) -> str:
    """Text from data, safe in Markdown: HTML shown, not run."""
    return html.escape(text, quote=False)


def _escape_cell(text: str) -> str:
    return _md(text).replace("|", "\\|").replace("\n", " ")


def _table(t: Table) -> list[str]:
    lines = [f"**{_md(t.caption)}**", ""] if t.caption else []
    lines.append("| " + " | ".join(_escape_cell(h) for h in t.header) + " |")
    marks = {"l": ":---", "r": "---:", "c": ":---:"}
    align = t.align or ["l"] * len(t.header)
    lines.append("| " + " | ".join(marks.get(a, "---") for a in align) + " |")
    for row in t.rows:
        lines.append("| " + " | ".join(_escape_cell(runs_text(c)) for c in row) + " |")
    return lines


def render(doc: Document, chart_dir: str = "report-charts") -> str:
    """The Markdown text; charts are referenced as ``chart_dir/<key>.svg``."""
    out: list[str] = [f"# {_md(doc.title)}", ""]
    for p in doc.front:
        if p.style == "occasion":
            out += [f"*{_md(p.text.replace(chr(10), ''))}*", ""]  # Markdown leaves line breaks to the reader
        elif p.style == "speaker":
            out += [f"**{_md(p.text)}**", ""]
        else:
            out += [_md(p.text), ""]

    def block(b: Block | Section) -> None:
        if isinstance(b, Section):
            out.extend([("##" if b.level == 1 else "###") + " " + _md(b.heading_text), ""])
            for child in b.blocks:
                block(child)
        elif isinstance(b, Paragraph):
            out.extend([_md(b.text), ""])
        elif isinstance(b, Table):
            out.extend([*_table(b), ""])
        elif isinstance(b, Chart):
            out.extend([f"![{_md(b.title)}]({chart_dir}/{b.key}.svg)", "", f"*{_md(b.alt)}*", ""])

    for b in doc.body:
        block(b)
    return "\n".join(out).rstrip() + "\n"


def write(doc: Document, path: Path) -> Path:
    path = Path(path)
    chart_dir = path.with_name(path.stem + "-charts")
    path.write_text(render(doc, chart_dir.name), encoding="utf-8")
    charts = doc.charts()
    if charts:
        chart_dir.mkdir(exist_ok=True)
        for c in charts:
            (chart_dir / f"{c.key}.svg").write_text(c.svg, encoding="utf-8")
    return path
