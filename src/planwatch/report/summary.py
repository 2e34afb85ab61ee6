"""The short summary ``planwatch demo`` prints: headline indicators, tasks by status, warnings.

Its wording is a template (``templates/<lang>/summary.j2``) rendered through the same composer as the
report, so the figures print exactly as in the report.
"""

from __future__ import annotations

from .compose import render_document
from .context import ReportData
from .document import Paragraph, Section


def summary_lines(data: ReportData, lang: str) -> list[str]:
    """The summary of gathered ``data`` (the report's own, so nothing is computed twice)."""
    doc = render_document(f"{lang}/summary.j2", {"d": data}, lang=lang, tables={}, charts={}, meta={})
    lines = [doc.title] if doc.title else []
    for p in doc.front:
        lines.append(p.text)
    for s in doc.body:
        if isinstance(s, Section):
            lines.append(s.heading_text)
            lines.extend("  " + b.text for b in s.blocks if isinstance(b, Paragraph))
    return lines
