"""Report checker: read a report, find its quantitative facts, check the relations between them.

Entry points: ``reader.read_document`` (file → text), ``facts.find_facts`` (text → facts),
``relations.run_checks`` (facts → checks), ``check_text`` which does the last two, and ``check_report``
which also gives the warnings (digit runs that cannot be read cleanly, 12,34亿元).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks import Check
    from .document import Document
    from .model import Fact
    from .normalize import NumberWarning


@dataclass(slots=True)
class CheckResult:
    facts: list[Fact]
    checks: list[Check]
    warnings: list[NumberWarning]
    document: Document


def check_report(text: str) -> CheckResult:
    from .document import parse_document
    from .facts import find_facts
    from .relations import run_checks

    doc = parse_document(text)
    facts = find_facts(text, doc)
    return CheckResult(facts, run_checks(facts, doc), list(doc.warnings), doc)


def check_text(text: str) -> tuple[list[Fact], list[Check]]:
    result = check_report(text)
    return result.facts, result.checks
