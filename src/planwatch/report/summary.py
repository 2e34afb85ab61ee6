"""The short summary ``planwatch demo`` prints: headline indicators, tasks by status, warnings.

Its wording is a template (``templates/<lang>/summary.j2``) rendered through the same composer as the
report, so the figures print exactly as in the report.
"""

from __future__ import annotations

import datetime as dt

from planwatch.core.model import Plan
from planwatch.core.periods import Period

from .compose import render_document
from .context import gather
from .document import Paragraph, Section


def summary_lines(plan: Plan, period: Period, on: dt.date | None, lang: str) -> list[str]:
    data = gather(plan, period, on)
    doc = render_document(f"{lang}/summary.j2", {"d": data}, lang=lang, tables={}, charts={}, meta={})
    lines = [doc.title] if doc.title else []
    for p in doc.front:
        lines.append(p.text)
    for s in doc.body:
        if isinstance(s, Section):
            lines.append(s.heading_text)
            lines.extend("  " + b.text for b in s.blocks if isinstance(b, Paragraph))
    return lines
