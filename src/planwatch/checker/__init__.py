"""Report checker: read a report, find its quantitative facts, check the relations between them.

Entry points: ``reader.read_document`` (file → text), ``facts.find_facts`` (text → facts),
``checks.run_checks`` (facts → checks), and ``check_text`` which does the last two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks import Check
    from .model import Fact


def check_text(text: str) -> tuple[list[Fact], list[Check]]:
    from .checks import run_checks
    from .document import parse_document
    from .facts import find_facts

    doc = parse_document(text)
    facts = find_facts(text, doc)
    return facts, run_checks(facts, doc)
