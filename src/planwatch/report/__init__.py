"""The execution report: built once from the data as a document model, written in every format.

    doc = build_document(plan, "2021H1", lang="zh")
    write_report(doc, out_dir, formats=("md", "html", "docx", "pdf"))

writes report.md, report.html, report.docx, report.pdf and always report.provenance.json.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path

from .build import build_document
from .compose import ReportTemplateError
from .document import Document

FORMATS = ("md", "html", "docx", "pdf")
_WRITERS = {"md": "markdown", "html": "html", "docx": "docx", "pdf": "pdf", "provenance.json": "provenance"}

__all__ = ["FORMATS", "Document", "ReportTemplateError", "build_document", "write_report"]


def write_report(doc: Document, out_dir: str | Path, formats: Iterable[str] = FORMATS) -> dict[str, Path]:
    """Write ``doc`` into ``out_dir`` as report.<format> for each format, and report.provenance.json."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    for fmt in [*wanted, "provenance.json"]:
        module = importlib.import_module(f"planwatch.report.writers.{_WRITERS[fmt]}")
        written[fmt] = module.write(doc, out / f"report.{fmt}")
    return written
