"""The two editions of a report.

- **official**: what goes to the standing committee. GB/T 9704 layout, the text only: no charts, no
  task or warning tables, no annexes (unreported tasks are an internal compliance matter), no line
  about the software. Refused while the checker has errors on authored text (``final=True``).
- **working**: for the plan office. Charts, the task table, the warning list, the annex of unreported
  tasks, the figures' provenance, and a mark on illustrative figures.
"""

from __future__ import annotations

from typing import Any

from planwatch.core.errors import PlanwatchError

from .document import Chart, Document, Section, Table

EDITIONS = ("working", "official")


class EditionError(PlanwatchError):
    """An unknown edition, or an official edition asked for while figures typed in it are wrong."""


def check(edition: str) -> None:
    if edition not in EDITIONS:
        raise EditionError(f"未知的版本 {edition!r}（working 或 official） / unknown edition {edition!r}: "
                           "working or official")


def apply(doc: Document, edition: str, data: Any) -> Document:
    """Cut ``doc`` to ``edition`` (in place) and return it."""
    check(edition)
    doc.meta["edition"] = edition
    if edition == "official":
        doc.body = [b for b in doc.body if not _annex(b)]
        for _, node in list(doc.walk()):
            if isinstance(node, Section):
                node.blocks = [b for b in node.blocks if not isinstance(b, Chart | Table)]
        doc.meta["footer"] = False
    else:
        doc.meta["footer"] = True
        doc.meta["illustrative"] = bool(getattr(data.plan, "illustrative_note", ""))
        if not data.unreported:
            doc.body = [b for b in doc.body if not (isinstance(b, Section) and _annex(b) and _empty(b))]
    return doc


def _annex(block: Any) -> bool:
    return isinstance(block, Section) and block.heading_text.startswith(("附表", "Annex", "Table"))


def _empty(section: Section) -> bool:
    return not any(isinstance(b, Table) and b.rows for b in section.blocks)


def require_final(doc: Document) -> None:
    """Raise EditionError when authored text has figures that differ from the data (no final export)."""
    from .authored import errors

    wrong = errors(doc)
    if wrong:
        lines = "；".join(f"{f['key']}：{f['message_zh']}" for f in wrong[:5])
        raise EditionError(f"正式版未生成：{len(wrong)}处数字与数据不符（{lines}） / no official edition: "
                           f"{len(wrong)} typed figure(s) differ from the data")
