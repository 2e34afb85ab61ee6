"""Measuring the checker's relations against the labelled set in tests/data/relations/ (format in its README).

Each text is checked as written (its correct version) and once per ``@edit`` (a doctored version):

- relation precision: checks reported on the correct versions that a ``@rel`` label names (same relation, a
  fact of the check at the labelled figure) / all checks reported there; relation recall: labels matched /
  labels;
- doctored recall: doctored versions in which an inconsistent check of the edit's relation includes the
  changed figure / doctored versions;
- false alarms: inconsistent checks on correct versions, and inconsistent checks on doctored versions that
  do not include the changed figure; alarm precision: inconsistent checks at a changed figure / all
  inconsistent checks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from planwatch.core.errors import PlanwatchError


class RelationLabelError(PlanwatchError):
    """A relation label file that does not parse."""


class _FactLike(Protocol):
    id: str
    start: int
    end: int


class _CheckLike(Protocol):
    relation: str
    facts: list[str]
    status: str


Checker = Callable[[str], tuple[Sequence[Any], Sequence[Any]]]


@dataclass(frozen=True, slots=True)
class Span:
    relation: str
    start: int
    end: int
    line: int  # of the label file
    replacement: str = ""


@dataclass(slots=True)
class Case:
    name: str
    level: str
    period: str
    text: str
    rels: list[Span]
    edits: list[Span]


@dataclass(slots=True)
class RelationScore:
    texts: int = 0
    labelled: int = 0
    matched_labels: int = 0
    found: int = 0
    matched_found: int = 0
    edits: int = 0
    caught: int = 0
    caught_any: int = 0
    alarms: int = 0
    false_alarms: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    uncaught: list[str] = field(default_factory=list)
    wrong_alarms: list[str] = field(default_factory=list)

    def add(self, other: RelationScore) -> None:
        for name in ("texts", "labelled", "matched_labels", "found", "matched_found", "edits", "caught",
                     "caught_any", "alarms", "false_alarms"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.extras += other.extras
        self.uncaught += other.uncaught
        self.wrong_alarms += other.wrong_alarms

    @property
    def precision(self) -> float:
        return self.matched_found / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched_labels / self.labelled if self.labelled else 0.0

    @property
    def doctored_recall(self) -> float:
        return self.caught / self.edits if self.edits else 0.0

    @property
    def alarm_precision(self) -> float:
        return (self.alarms - self.false_alarms) / self.alarms if self.alarms else 1.0

    def summary(self) -> dict[str, float | int]:
        return {
            "texts": self.texts, "labelled": self.labelled, "found": self.found,
            "precision": round(self.precision, 3), "recall": round(self.recall, 3),
            "doctored": self.edits, "caught": self.caught, "doctored_recall": round(self.doctored_recall, 3),
            "alarms": self.alarms, "false_alarms": self.false_alarms,
            "alarm_precision": round(self.alarm_precision, 3),
        }


def parse_case(raw: str, name: str = "case") -> Case:
    header, sep, text = raw.partition("\n---\n")
    if not sep:
        raise RelationLabelError(f"{name}: no line '---' between the header and the text")
    level = period = ""
    rels: list[Span] = []
    edits: list[Span] = []
    for n, line in enumerate(header.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "@about" and len(cols) == 3:
            level, period = cols[1], cols[2]
        elif cols[0] == "@rel" and len(cols) == 3:
            start, end = _locate(text, cols[2], name, n)
            rels.append(Span(cols[1], start, end, n))
        elif cols[0] == "@edit" and len(cols) == 4:
            start, end = _locate(text, cols[2], name, n)
            edits.append(Span(cols[1], start, end, n, cols[3]))
        else:
            raise RelationLabelError(f"{name}:{n}: not a header line (@about, @rel, @edit): {line!r}")
    return Case(name, level, period, text, rels, edits)


def _locate(text: str, context: str, name: str, n: int) -> tuple[int, int]:
    ctx = context.replace("\\t", "\t")
    if ctx.count("[") != 1 or ctx.count("]") != 1 or ctx.index("[") > ctx.index("]"):
        raise RelationLabelError(f"{name}:{n}: the context must bracket the figure once: {context!r}")
    plain = ctx.replace("[", "").replace("]", "")
    at = text.find(plain)
    if at < 0:
        raise RelationLabelError(f"{name}:{n}: context not in the text: {plain!r}")
    if text.find(plain, at + 1) >= 0:
        raise RelationLabelError(f"{name}:{n}: context not unique: {plain!r}")
    start = at + ctx.index("[")
    return start, at + ctx.index("]") - 1


def load_cases(folder: str | Path) -> list[Case]:
    paths = sorted(Path(folder).glob("*.txt"))
    return [parse_case(p.read_text(encoding="utf-8"), p.stem) for p in paths]


def _touches(check: _CheckLike, facts: dict[str, _FactLike], start: int, end: int) -> bool:
    for fid in check.facts:
        f = facts.get(fid)
        if f is not None and f.start < max(end, start + 1) and start < f.end:
            return True
    return False


def evaluate_case(case: Case, checker: Checker) -> RelationScore:
    score = RelationScore(texts=1, labelled=len(case.rels), edits=len(case.edits))
    facts, checks = checker(case.text)
    by_id = {f.id: f for f in facts}
    score.found = len(checks)
    matched: set[int] = set()
    for c in checks:
        hits = [i for i, r in enumerate(case.rels) if r.relation == c.relation and _touches(c, by_id, r.start, r.end)]
        if hits:
            score.matched_found += 1
            matched.update(hits)
        else:
            score.extras.append(f"{case.name}: {c.relation} {c.status} {_figures(c, by_id, case.text)}")
        if c.status == "inconsistent":
            score.alarms += 1
            score.false_alarms += 1
            score.wrong_alarms.append(f"{case.name} (correct): {c.relation} {_figures(c, by_id, case.text)}")
    score.matched_labels = len(matched)
    for i, r in enumerate(case.rels):
        if i not in matched:
            score.misses.append(f"{case.name}:{r.line}: {r.relation} at {case.text[r.start:r.end]}")
    for e in case.edits:
        text = case.text[: e.start] + e.replacement + case.text[e.end :]
        end = e.start + len(e.replacement)
        facts, checks = checker(text)
        by_id = {f.id: f for f in facts}
        bad = [c for c in checks if c.status == "inconsistent"]
        at = [c for c in bad if _touches(c, by_id, e.start, end)]
        score.alarms += len(bad)
        for c in bad:
            if c not in at:
                score.false_alarms += 1
                score.wrong_alarms.append(f"{case.name}:{e.line} (doctored): {c.relation} {_figures(c, by_id, text)}")
        score.caught_any += bool(at)
        if any(c.relation == e.relation for c in at):
            score.caught += 1
        else:
            got = ", ".join(c.relation for c in at) or "nothing"
            score.uncaught.append(f"{case.name}:{e.line}: {e.relation} at {e.replacement!r}: got {got}")
    return score


def _figures(check: _CheckLike, facts: dict[str, _FactLike], text: str) -> str:
    return "/".join(text[f.start : f.end] for fid in check.facts if (f := facts.get(fid)) is not None)


def evaluate_folder(folder: str | Path, checker: Checker | None = None) -> RelationScore:
    if checker is None:
        from . import check_text

        checker = check_text
    total = RelationScore()
    for case in load_cases(folder):
        total.add(evaluate_case(case, checker))
    return total
