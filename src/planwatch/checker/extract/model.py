"""The objects of a draft: what was read, how sure the reader is, and what a person should look at.

Every row of a draft package carries its source sentence (``Source.quote``) and a ``Review``: a confidence
between 0 and 1 and the reasons that lowered it, written to the package's ``review.csv``. Statements that a
target was or was not met are ``Note`` rows (``notes.csv``). A ``Conflict`` is two statements of one figure
that disagree (地区生产总值1256.8亿元 … 全年GDP达到1258.6亿元): the first is drafted, both are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.core.model import Plan

from ..model import Fact
from .indicators import Ref
from .reasons import Reason

# how sure the reader is, by how a row was read (the reasons are shown beside the figure)
SURE = 0.95
LIKELY = 0.85
GUESS = 0.6
DOUBT = 0.4
REVIEW_BELOW = 0.75  # rows under this, and every conflict, are the ones to look at first


@dataclass(slots=True)
class Item:
    """A figure of the report with what the draft makes of it."""

    fact: Fact
    ref: Ref | None
    role: str  # actual | plan
    sentence: str  # the sentence it stands in, as written
    clause: str  # its clause (between clause marks), as written
    used: bool = False


@dataclass(slots=True)
class Review:
    """How sure the reader is of one row of the draft, and why not more."""

    sheet: str  # indicators | observations | targets | tasks | notes
    key: str  # the row's key in its sheet: gdp; gdp 2023; gdp 2024 growth_at_least; T003
    confidence: float
    reasons: list[Reason] = field(default_factory=list)
    source: str = ""
    line: int = 0
    conflict: bool = False
    name: str = ""  # the indicator's or the task's name, shown beside its key

    def lower(self, to: float, reason: Reason) -> None:
        self.confidence = min(self.confidence, to)
        if reason not in self.reasons:
            self.reasons.append(reason)


@dataclass(frozen=True, slots=True)
class Note:
    """A statement of the report that a target was met or not: on an indicator, or ``*`` on the plan."""

    indicator: str  # indicator code, or "*" when the statement names none (8个预期性指标未达到预期)
    period: str
    status: str  # met | not_met
    text: str  # the words of the statement
    source: str  # its sentence
    line: int = 0


@dataclass(frozen=True, slots=True)
class Conflict:
    sheet: str
    key: str
    field: str
    kept: str
    other: str
    other_source: str
    other_line: int


@dataclass(slots=True)
class Draft:
    """A drafted plan with its review rows, notes and conflicts."""

    plan: Plan
    reviews: list[Review] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def to_review(self) -> list[Review]:
        """The rows a person should look at first: conflicts, then the least sure, in text order within each."""
        doubtful = [r for r in self.reviews if r.conflict or r.confidence < REVIEW_BELOW]
        return sorted(doubtful, key=lambda r: (not r.conflict, r.confidence, r.line))
