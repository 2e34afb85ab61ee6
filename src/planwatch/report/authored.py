"""The plan office's own text of a report: lead sentences and rewritten paragraphs, per period.

Stored in report.yaml (the package's report sheet) for the CLI::

    authored:
      2021H1:
        lead: {economy: 经济结构调整步伐加快，……}          # key lead.economy
        review: {security: 整段改写的文字……}               # key review.security
        measures_heading: {ecology_city: 提升生态环境和城市建设管理水平}
        en: {lead: {economy: "…"}}

and in the database (web ``ReportText``), which exports to the same block. ``lead.<area>`` opens the
area's paragraph of section 一; ``measures_heading.<area>`` is the area's heading in section 三; any other
key names a paragraph of the draft (``review.<area>``, ``problems.lagging``, ``measures.<area>`` …, the
``=key`` lines of the templates) and replaces it. Every figure typed in such text is checked against the
data (verify.py): a figure that differs is an error shown beside the paragraph and blocks the official
export.
"""

from __future__ import annotations

from typing import Any

from planwatch.core.model import Plan
from planwatch.core.periods import Period

from . import verify
from .document import Document, Paragraph

WORDING_KEYS = ("date", "meeting", "speaker", "salutation", "title", "opening", "review_intro",
                "problems_intro", "measures_intro", "closing")


def texts_for(plan: Plan, period: Period) -> tuple[dict[str, str], dict[str, str]]:
    """The authored text of ``period``: (Chinese, English) key → text (a YAML key 2021 reads as a number)."""
    raw: Any = (plan.report or {}).get("authored") or {}
    block: dict[Any, Any] = dict(raw)
    mine: dict[str, Any] = next((dict(v or {}) for k, v in block.items() if str(k) == str(period)), {})
    en = {k: " ".join(v.split()) for k, v in flatten(dict(mine.pop("en", None) or {})).items() if v}
    zh = {k: _unfold(v) for k, v in flatten(mine).items() if v}
    return zh, en


def flatten(block: dict[Any, Any], prefix: str = "") -> dict[str, str]:
    """Nested mappings as dotted paragraph keys: {lead: {economy: …}} → {"lead.economy": …}."""
    out: dict[str, str] = {}
    for k, v in block.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        elif v is not None:
            out[f"{prefix}{k}"] = str(v)
    return out


def nest(texts: dict[str, str]) -> dict[str, Any]:
    """Dotted paragraph keys back to nested mappings (report.yaml, whose sheet flattens dotted paths)."""
    out: dict[str, Any] = {}
    for key, text in texts.items():
        head, _, rest = key.partition(".")
        if rest:
            out.setdefault(head, {})[rest] = text
        else:
            out[key] = text
    return out


def _unfold(text: str) -> str:
    """YAML folds long lines with a space; Chinese prose has none (Latin words keep theirs)."""
    import re

    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text.strip())


def apply_leads(data: Any, texts: dict[str, str], texts_en: dict[str, str]) -> None:
    """Lead sentences (lead.<area>) and headings of section 三 (measures_heading.<area>) into the areas."""
    for a in data.areas:
        code = a.area.code
        if texts.get(f"lead.{code}"):
            a.lead_zh = texts[f"lead.{code}"]
        if texts_en.get(f"lead.{code}"):
            a.lead_en = texts_en[f"lead.{code}"] + " "
        if texts.get(f"measures_heading.{code}"):
            a.measures_heading_zh = texts[f"measures_heading.{code}"]
        if texts_en.get(f"measures_heading.{code}"):
            a.measures_heading_en = texts_en[f"measures_heading.{code}"]


def paragraphs(doc: Document) -> list[Paragraph]:
    return [p for _, p in doc.walk() if isinstance(p, Paragraph) and p.key]


def replace(doc: Document, texts: dict[str, str], data: Any) -> None:
    """Put the authored paragraphs in place of the draft's, checking every typed figure; check the typed
    figures of lead sentences too. Runs inside compose.render_document (figures are registered)."""
    pool = verify.entries(data)
    for para in paragraphs(doc):
        text = texts.get(para.key)
        if text and para.key not in WORDING_KEYS:
            para.runs, para.findings = verify.check(para.key, text, pool)
            para.authored = True
        elif para.key.startswith("review.") and texts.get(f"lead.{para.key[7:]}"):
            lead = texts[f"lead.{para.key[7:]}"]
            _, findings = verify.check(f"lead.{para.key[7:]}", lead, pool)
            para.findings = findings
    doc.meta["findings"] = [f.as_json() for p in paragraphs(doc) for f in p.findings]


def errors(doc: Document) -> list[dict[str, Any]]:
    """The findings that block the official (final) export."""
    return [f for f in doc.meta.get("findings", []) if f["level"] == "error"]
