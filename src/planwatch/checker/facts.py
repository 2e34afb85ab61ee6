"""Quantitative facts of a report: every figure with a unit, read with what it is about.

``find_facts(text)`` returns :class:`Fact` objects in text order: the figures of each sentence
(``figures``) read with the words around them (``reading``: kind, basis, bound, modality, subject;
分别 lists pair subjects with figures in order).
"""

from __future__ import annotations

from .document import Document, parse_document
from .figures import raw_figures
from .model import Fact
from .reading import read_sentence


def find_facts(text: str, doc: Document | None = None) -> list[Fact]:
    doc = doc or parse_document(text)
    facts: list[Fact] = []
    groups = [0]
    for sent in doc.sentences:
        read = read_sentence(doc, sent, raw_figures(doc, sent), len(facts), groups)
        previous = facts[-1] if facts else None
        if previous and previous.subject and "\n" not in text[previous.end : sent.start]:
            for f in read:  # 两年平均增长3.9%。 opening a sentence speaks of the previous sentence's subject
                if f.subject:
                    break
                f.subject = previous.subject
        facts.extend(read)
    return facts


__all__ = ["Fact", "find_facts"]
