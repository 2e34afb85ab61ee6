"""Drafting next year's plan package from last year's report (or this year's plan speech): ``planwatch extract``.

``draft(text)`` reads a report with the checker's reader and returns a ``Draft``: a ``core.model.Plan``
whose

- indicators are the statistical indicators the report states, named and coded by the catalogue
  (``planwatch.catalogue``: 规上工业增加值 and 规模以上工业增加值 are one code), plus measured quantities the
  catalogue does not know, never fragments, durations or counts of months (``indicators``);
- observations are what happened in the report's own period (``observations``);
- targets are the plan year's targets of those indicators in the plan's target forms (``targets``);
- tasks are the quantified commitments and deadlines of the plan's measures (``tasks``), under areas from
  the sub-headings, their lead department left to assign;

with a review row (confidence, reasons, conflicts) for every row and notes on targets met or not
(``notes``), written as the package's ``review.csv`` and ``notes.csv``. ``Draft.to_review()`` is what a
person should look at first (``planwatch extract --review``).
"""

from __future__ import annotations

from planwatch.catalogue import Catalogue
from planwatch.catalogue import default as default_catalogue
from planwatch.core.model import Plan

from ..document import parse_document
from ..facts import find_facts
from .assemble import PLACEHOLDER_LEAD, assemble
from .collect import collect
from .indicators import Resolver
from .layout import layout as read_layout
from .layout import package_period
from .model import Conflict, Draft, Review
from .notes import notes as read_notes
from .observations import Drafted, observe
from .targets import figure_targets, qualitative_targets
from .tasks import figure_tasks, milestone_tasks

__all__ = ["PLACEHOLDER_LEAD", "Draft", "Review", "draft", "draft_plan", "package_period"]


def draft(text: str, source_name: str = "", catalogue: Catalogue | None = None) -> Draft:
    """The draft package of a report's text (``source_name``: the file it came from, for the rows' sources)."""
    cat = catalogue or default_catalogue()
    doc = parse_document(text)
    facts = find_facts(text, doc)
    layout = read_layout(doc)
    items = collect(doc, facts, layout, cat)
    resolver = Resolver(cat, doc.norm)
    table: dict[str, Drafted] = {}
    conflicts: list[Conflict] = []
    observe(items, layout, table, conflicts)
    targets = figure_targets(items, layout, table, conflicts)
    targets += qualitative_targets(layout, resolver, table, items, targets)
    tasks = figure_tasks(items, layout) + milestone_tasks(items, layout)
    notes = read_notes(layout, resolver)
    plan, reviews = assemble(layout, table, targets, tasks, notes, conflicts)
    if source_name:
        plan.report["source"] = source_name
    return Draft(plan, reviews, notes, conflicts)


def draft_plan(text: str, source_name: str = "", catalogue: Catalogue | None = None) -> Plan:
    """Only the plan of ``draft``."""
    return draft(text, source_name, catalogue).plan
