"""report.provenance.json: for every figure printed, its words and where it came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..document import Document, Paragraph, Section, Table


def entries(doc: Document) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(runs: list[Any], where: str) -> None:
        for r in runs:
            if not isinstance(r, str):
                out.append({"id": r.id, "text": r.text, "where": where, **r.figure.provenance()})

    for p in doc.front:
        add(p.runs, "front")

    def walk(blocks: list[Any], where: str) -> None:
        for b in blocks:
            if isinstance(b, Section):
                add(b.heading, b.heading_text)
                walk(b.blocks, b.heading_text)
            elif isinstance(b, Paragraph):
                add(b.runs, where)
            elif isinstance(b, Table):
                for row in b.rows:
                    for cell in row:
                        add(cell, f"{where} / {b.caption}")

    walk(doc.body, "")
    out.sort(key=lambda e: int(e["id"][1:]))
    return out


def render(doc: Document) -> str:
    data = {"report": {"title": doc.title, **doc.meta}, "figures": entries(doc)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write(doc: Document, path: Path) -> Path:
    path = Path(path)
    path.write_text(render(doc), encoding="utf-8")
    return path
