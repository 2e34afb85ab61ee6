"""Measuring the fact reader against a hand-labelled set (tests/data/labels/, format in its README).

``evaluate(text, labels_tsv)`` compares the facts found in the labelled paragraphs with the labels:
a found fact *matches* a label when its span starts where the label's figure starts (or overlaps it);
it is *correct* when value, unit, kind, basis, bound and modality all agree. Precision is correct / found,
recall is correct / labelled; detection precision and recall count matches only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.core.errors import PlanwatchError

from .facts import find_facts
from .model import Fact

FIELDS = ("value", "unit", "kind", "basis", "bound", "modality")


class LabelError(PlanwatchError):
    pass


@dataclass(frozen=True, slots=True)
class Label:
    line: int  # line of the label file
    start: int
    end: int
    value: Decimal
    unit: str
    kind: str
    basis: str
    bound: str
    modality: str
    subject: str = ""


@dataclass(slots=True)
class Score:
    labelled: int = 0
    found: int = 0
    matched: int = 0
    correct: int = 0
    field_errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    subject_checked: int = 0
    subject_correct: int = 0
    misses: list[str] = field(default_factory=list)  # labels not found
    extras: list[str] = field(default_factory=list)  # found, not labelled
    wrong: list[str] = field(default_factory=list)  # found, some field differs

    def add(self, other: Score) -> None:
        self.labelled += other.labelled
        self.found += other.found
        self.matched += other.matched
        self.correct += other.correct
        for k, v in other.field_errors.items():
            self.field_errors[k] += v
        self.subject_checked += other.subject_checked
        self.subject_correct += other.subject_correct
        self.misses += other.misses
        self.extras += other.extras
        self.wrong += other.wrong

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 0.0

    @property
    def detection_precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def detection_recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 0.0


def parse_labels(text: str, tsv: str, name: str = "labels") -> tuple[list[Label], set[int]]:
    """Labels and the set of labelled paragraphs (line numbers of the text, 0-based)."""
    labels: list[Label] = []
    scope: set[int] = set()
    for n, raw in enumerate(tsv.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if cols[0] == "@scope":
            hits = [i for i in range(len(text)) if text.startswith(cols[1], i)] if cols[1] else []
            if not hits:
                raise LabelError(f"{name}:{n}: scope context not in text: {cols[1]!r}")
            scope.update(_line_of(text, i) for i in hits)
            continue
        if len(cols) < 7:
            raise LabelError(f"{name}:{n}: 需要 7 列 (need 7 tab-separated columns), got {len(cols)}")
        ctx = cols[0]
        if ctx.count("[") != 1 or ctx.count("]") != 1:
            raise LabelError(f"{name}:{n}: context must bracket the figure once: {ctx!r}")
        plain = ctx.replace("[", "").replace("]", "")
        at = _find_unique(text, plain, name, n)
        start = at + ctx.index("[")
        end = at + ctx.index("]") - 1
        labels.append(Label(n, start, end, Decimal(cols[1]), cols[2], cols[3], cols[4], cols[5], cols[6],
                            cols[7] if len(cols) > 7 else ""))
        scope.add(_line_of(text, start))
    return labels, scope


def _find_unique(text: str, needle: str, name: str, n: int) -> int:
    first = text.find(needle)
    if first < 0:
        raise LabelError(f"{name}:{n}: context not in text: {needle!r}")
    if text.find(needle, first + 1) >= 0:
        raise LabelError(f"{name}:{n}: context not unique: {needle!r}")
    return first


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def _same_value(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("0.001") * max(Decimal(1), abs(b))


def evaluate(text: str, tsv: str, name: str = "labels") -> Score:
    labels, scope = parse_labels(text, tsv, name)
    facts = [f for f in find_facts(text) if _line_of(text, f.start) in scope]
    score = Score(labelled=len(labels), found=len(facts))
    unmatched = list(facts)
    for lab in labels:
        fact = _match(lab, unmatched)
        if fact is None:
            score.misses.append(f"{name}:{lab.line}: {text[lab.start:lab.end]}")
            continue
        unmatched.remove(fact)
        score.matched += 1
        errors = [k for k in FIELDS if not _field_ok(k, fact, lab)]
        for k in errors:
            score.field_errors[k] += 1
        if errors:
            got = ", ".join(f"{k}={getattr(fact, k)}≠{getattr(lab, k)}" for k in errors)
            score.wrong.append(f"{name}:{lab.line}: {fact.text}: {got}")
        else:
            score.correct += 1
        if lab.subject:
            score.subject_checked += 1
            score.subject_correct += fact.subject == lab.subject
    score.extras = [f"{name}: line {_line_of(text, f.start) + 1}: {f.text}" for f in unmatched]
    return score


def _match(lab: Label, facts: list[Fact]) -> Fact | None:
    for f in facts:
        if f.start == lab.start:
            return f
    for f in facts:
        if f.start < lab.end and lab.start < f.end:
            return f
    return None


def _field_ok(name: str, fact: Fact, lab: Label) -> bool:
    if name == "value":
        return _same_value(fact.value, lab.value)
    return bool(getattr(fact, name) == getattr(lab, name))
