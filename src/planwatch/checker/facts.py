"""Quantitative facts of a report: every figure with a unit, read with what it is about.

``find_facts(text)`` returns :class:`Fact` objects in text order: the figures of the whole text found
once (``figures``), then read sentence by sentence with the words around them (``reading``: kind, basis,
bound, modality, period, scope, subject; 分别 lists pair subjects with figures in order), and the cells of
tables flattened into text read by their columns (``table_facts``).
"""

from __future__ import annotations

from .document import Document, parse_document
from .figures import all_raw_figures, in_span
from .model import Fact
from .reading import Reading, read_sentence
from .table_facts import table_facts


def find_facts(text: str, doc: Document | None = None) -> list[Fact]:
    doc = doc or parse_document(text)
    raws = all_raw_figures(doc)
    starts = [r.start for r in raws]
    facts: list[Fact] = []
    reading = Reading()
    for sent in doc.sentences:
        mine = list(in_span(raws, starts, sent.start, sent.end))
        if not mine:
            continue
        read = read_sentence(doc, sent, mine, len(facts), reading)
        if read:
            reading.previous = read
        facts.extend(read)
    doc.lists = reading.lists
    if doc.tables:
        facts.extend(table_facts(doc, len(facts)))
        facts.sort(key=lambda f: f.start)
        for i, f in enumerate(facts, 1):
            f.id = f"F{i}"
    return facts


__all__ = ["Fact", "find_facts"]
