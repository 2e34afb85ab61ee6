"""The figures of a report, each with its indicator (or none), its role and its words.

Facts come from the checker's reader (``checker.facts.find_facts``); each is given the indicator it is about
(``indicators.Resolver``), whether it stands in a part of what happened or of the plan (``layout``), its
sentence and its clause as written. 三次产业增加值分别增长4.0%、6.1%、6.4% gives the three sectors in order.
"""

from __future__ import annotations

import re

from planwatch.catalogue import Catalogue

from ..document import Document
from ..model import Fact
from .indicators import Ref, Resolver
from .layout import Layout
from .model import Item

CLAUSE_MARKS = "，,；;：:。！？!?\n\t"
_SECTORS = ("primary_industry_value_added", "secondary_industry_value_added", "tertiary_industry_value_added")
_THREE_SECTORS = re.compile(r"三次产业(增加值)?$")


def sentence_text(doc: Document, fact: Fact) -> str:
    s = doc.sentences[fact.sentence]
    return doc.text[s.start : s.end].strip()


def clause_span(text: str, lo: int, hi: int, start: int, end: int, marks: str = CLAUSE_MARKS) -> tuple[int, int]:
    a = start
    while a > lo and text[a - 1] not in marks:
        a -= 1
    b = end
    while b < hi and text[b] not in marks:
        b += 1
    return a, b


def _listed(fact: Fact, facts: list[Fact], catalogue: Catalogue) -> Ref | None:
    """A 分别 list under one name for several indicators: 三次产业增加值分别… (the three sectors in order),
    城乡居民人均可支配收入分别… (urban, then rural)."""
    if fact.group < 0:
        return None
    if _THREE_SECTORS.search(fact.subject) and 0 <= fact.group_index < 3:
        entry = catalogue.by_code.get(_SECTORS[fact.group_index])
        return Ref(entry, entry.name, "subject") if entry else None
    size = sum(1 for f in facts if f.group == fact.group)
    if fact.subject.startswith("城乡") and size == 2 and fact.group_index < 2:
        m = catalogue.match(("城镇", "农村")[fact.group_index] + fact.subject[2:])
        return Ref(m.entry, m.display_name, "subject") if m else None
    return None


def collect(doc: Document, facts: list[Fact], layout: Layout, catalogue: Catalogue) -> list[Item]:
    resolver = Resolver(catalogue, doc.norm)
    items: list[Item] = []
    previous: Fact | None = None
    previous_ref: Ref | None = None
    for fact in facts:
        sent = doc.sentences[fact.sentence]
        same_sentence = previous is not None and previous.sentence == fact.sentence and fact.source == "text"
        since = previous.end if same_sentence and previous is not None else sent.start
        if fact.source == "table":
            since = fact.start
        ref: Ref | None
        if same_sentence and previous is not None and previous_ref is not None and fact.subject == previous.subject \
                and resolver.nearest(doc.norm[since : fact.start]) is None:
            ref = previous_ref  # 新设市场主体7865户，同比下降12.4%: the clause goes on with the figure before
        else:
            ref = resolver.of_fact(fact, since, previous_ref if same_sentence else None)
        ref = _listed(fact, facts, catalogue) or ref
        a, b = clause_span(doc.text, sent.start, sent.end, fact.start, fact.end)
        if fact.source == "table" and 0 <= fact.row < len(doc.rows):
            row = doc.rows[fact.row]
            a, b = row.start, row.end
        items.append(Item(fact, ref, layout.role(fact.start), sentence_text(doc, fact), doc.text[a:b].strip()))
        previous, previous_ref = fact, ref
    return items
