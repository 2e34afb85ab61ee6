"""Measuring drafts against packages expected by hand (``tests/data/extract/``, format in its README).

Each labelled text gives the indicators, observations (one item per field: the level, yoy, growth against
a base period, average growth, change in points), targets, tasks, notes and conflicts a plan office would
draft. A drafted item is correct when the label has it: an indicator by catalogue code (or, for one the
catalogue does not know, by one of the names the label accepts), an observation field by indicator,
period and value (a level with a unit of the same kind and the same amount: 2.52万亿元 = 25200亿元), a target
by indicator, period, kind and value, a task by kind, value, unit and deadline (no deadline and 31 December
of the plan year are the same), a note by indicator and status, a conflict by indicator, period and field.
Precision is correct / drafted, recall correct / labelled, per kind of item, summed over the texts.

    python -m planwatch.checker.extract.evaluate tests/data/extract/dev   # a table of the figures
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from planwatch.catalogue import squeeze
from planwatch.core.errors import PlanwatchError
from planwatch.core.model import Task
from planwatch.core.units import UnitError, convert

from . import Draft, draft

KINDS = ("indicators", "observations", "targets", "tasks", "notes", "conflicts")
_NUMBER_UNIT = re.compile(r"^(-?\d+(?:\.\d+)?)(.*)$")


class LabelError(PlanwatchError):
    """A labels file that cannot be read (file, line, why)."""


@dataclass(slots=True)
class Labels:
    period: str = ""
    plan_year: int = 0
    items: dict[str, list[tuple[str, ...]]] = field(default_factory=lambda: {k: [] for k in KINDS})


@dataclass(slots=True)
class Count:
    labelled: int = 0
    drafted: int = 0
    correct: int = 0
    wrong_flagged: int = 0  # wrong drafted items the review lists (conflict or low confidence)
    right_flagged: int = 0  # correct drafted items the review lists

    def add(self, other: Count) -> None:
        self.labelled += other.labelled
        self.drafted += other.drafted
        self.correct += other.correct
        self.wrong_flagged += other.wrong_flagged
        self.right_flagged += other.right_flagged

    @property
    def precision(self) -> float:
        return self.correct / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0


@dataclass(slots=True)
class TextScore:
    name: str
    counts: dict[str, Count]
    misses: dict[str, list[tuple[str, ...]]]
    extras: dict[str, list[tuple[str, ...]]]


def read_labels(path: Path) -> Labels:
    labels = Labels()
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        head, *rest = line.split()
        try:
            if head == "@period":
                labels.period = rest[0]
            elif head == "@plan_year":
                labels.plan_year = int(rest[0])
            elif head == "@indicator":
                labels.items["indicators"].append((rest[0],))
            elif head == "@obs":
                key, period, *fields = rest
                for f in fields:
                    name, _, value = f.partition("=")
                    labels.items["observations"].append((key, period, name, value))
            elif head == "@target":
                labels.items["targets"].append((rest[0], rest[1], rest[2], rest[3] if len(rest) > 3 else "-"))
            elif head == "@task":
                due = next((r[4:] for r in rest[3:] if r.startswith("due=")), "-")
                labels.items["tasks"].append((rest[0], rest[1], rest[2], due))
            elif head == "@note":
                labels.items["notes"].append((rest[0], rest[1]))
            elif head == "@conflict":
                labels.items["conflicts"].append((rest[0], rest[1], rest[2]))
            else:
                raise LabelError(f"{path}:{n}: unknown line {head}")
        except (IndexError, ValueError) as exc:
            raise LabelError(f"{path}:{n}: cannot read {raw.strip()!r} ({exc})") from exc
    return labels


def flagged_items(d: Draft) -> set[tuple[str, ...]]:
    """The drafted items (in the labels' form) whose row the review lists first."""
    listed = {(r.sheet, r.key) for r in d.to_review()}
    items = drafted_items(d)
    plan = d.plan
    keys = _keys(d)
    code_of = {v: k for k, v in keys.items()}
    out: set[tuple[str, ...]] = set()
    for item in items["indicators"]:
        if ("indicators", code_of.get(item[0], item[0])) in listed:
            out.add(("indicators", *item))
    for kind, sheet in (("observations", "observations"), ("targets", "targets")):
        for item in items[kind]:
            code = code_of.get(item[0], item[0])
            if (sheet, f"{code} {item[1]}") in listed or (kind == "observations" and ("indicators", code) in listed):
                out.add((kind, *item))  # a figure of an indicator listed for review is looked at with it
    for task, item in zip(sorted(plan.tasks, key=lambda t: t.code), _task_items(plan.tasks), strict=True):
        if ("tasks", task.code) in listed:
            out.add(("tasks", *item))
    return out


def _keys(d: Draft) -> dict[str, str]:
    return {i.code: (i.code if not re.fullmatch(r"ind\d+", i.code) else f"~{i.name}") for i in d.plan.indicators}


def _task_items(tasks: list[Task]) -> list[tuple[str, ...]]:
    return [(k.target_kind.value if k.target_kind else "-", "-" if k.target_value is None else str(k.target_value),
             k.unit or "-", k.deadline.isoformat() if k.deadline else "-") for k in sorted(tasks, key=lambda t: t.code)]


def drafted_items(d: Draft) -> dict[str, list[tuple[str, ...]]]:
    """The draft's items in the labels' form (indicator keys: code, or ~name for a code of our own)."""
    plan = d.plan
    keys = _keys(d)
    out: dict[str, list[tuple[str, ...]]] = {k: [] for k in KINDS}
    out["indicators"] = [(keys[i.code],) for i in plan.indicators]
    for o in plan.observations:
        key = keys[o.indicator]
        if o.value is not None:
            out["observations"].append((key, o.period, "value", f"{o.value}{o.unit}"))
        for name, value in (("yoy", o.yoy_pct), ("avg", o.avg_pct), ("pp", o.yoy_pp)):
            if value is not None:
                out["observations"].append((key, o.period, name, str(value)))
        if o.vs_base_pct is not None:
            out["observations"].append((key, o.period, "vs", f"{o.vs_base_pct}@{o.base_period}"))
    for t in plan.targets:
        out["targets"].append((keys[t.indicator], t.period, t.kind.value, "-" if t.value is None else str(t.value)))
    out["tasks"] = _task_items(plan.tasks)
    for n in d.notes:
        if n.indicator == "*" or n.indicator in keys:
            out["notes"].append((keys.get(n.indicator, n.indicator), n.status))
    for c in d.conflicts:
        field_ = {"value": "value", "yoy": "yoy", "vs_base": "vs", "avg": "avg", "pp": "pp"}.get(c.field, c.field)
        period = plan.observations[0].period if c.sheet == "observations" and plan.observations else str(plan.year)
        out["conflicts"].append((keys.get(c.key, c.key), period, field_))
    out["notes"] = sorted(set(out["notes"]))
    out["conflicts"] = sorted(set(out["conflicts"]))
    return out


def _number(text: str) -> tuple[Decimal, str] | None:
    m = _NUMBER_UNIT.match(text)
    if not m:
        return None
    try:
        return Decimal(m.group(1)), m.group(2)
    except InvalidOperation:
        return None


def _same_amount(a: str, b: str) -> bool:
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return a == b
    if x[1] == y[1] or not x[1] or not y[1]:
        return x[0] == y[0] and (x[1] == y[1] or "%" not in (x[1] + y[1]))
    try:
        return convert(x[0], x[1], y[1]) == y[0]
    except UnitError:
        return False


def _key_matches(label: str, key: str) -> bool:
    if not label.startswith("~"):
        return label == key
    return key.startswith("~") and squeeze(key[1:]) in {squeeze(n) for n in label[1:].split("|")}


def _matches(kind: str, label: tuple[str, ...], got: tuple[str, ...], plan_year: int) -> bool:
    if kind in ("indicators", "notes"):
        return (label[0] == "*" == got[0] or _key_matches(label[0], got[0])) and label[1:] == got[1:]
    if kind == "observations":
        if not (_key_matches(label[0], got[0]) and label[1] == got[1] and label[2] == got[2]):
            return False
        if label[2] == "vs":
            lv, _, lb = label[3].partition("@")
            gv, _, gb = got[3].partition("@")
            return Decimal(lv) == Decimal(gv) and lb == gb
        if label[2] == "value":
            return _same_amount(label[3], got[3])
        return Decimal(label[3]) == Decimal(got[3])
    if kind == "targets":
        same_value = label[3] == got[3] or (label[3] != "-" and got[3] != "-" and Decimal(label[3]) == Decimal(got[3]))
        return _key_matches(label[0], got[0]) and label[1:3] == got[1:3] and same_value
    if kind == "tasks":
        year_end = dt.date(plan_year, 12, 31).isoformat() if plan_year else ""
        due_l, due_g = (year_end if d == "-" else d for d in (label[3], got[3]))
        if label[0] != got[0] or due_l != due_g:
            return False
        if label[1] == "-":
            return got[1] == "-"
        return got[1] != "-" and _same_amount(label[1] + label[2], got[1] + got[2])
    return _key_matches(label[0], got[0]) and label[1:] == got[1:]


def score_text(name: str, labels: Labels, d: Draft) -> TextScore:
    got = drafted_items(d)
    flagged = flagged_items(d)
    counts: dict[str, Count] = {}
    misses: dict[str, list[tuple[str, ...]]] = {}
    extras: dict[str, list[tuple[str, ...]]] = {}
    for kind in KINDS:
        wanted = list(labels.items[kind])
        found = list(got[kind])
        unmatched = list(found)
        missed = []
        for label in wanted:
            hit = next((g for g in unmatched if _matches(kind, label, g, labels.plan_year)), None)
            if hit is None:
                missed.append(label)
            else:
                unmatched.remove(hit)
        wrong = sum((kind, *e) in flagged for e in unmatched)
        right = sum((kind, *g) in flagged for g in found) - wrong
        counts[kind] = Count(len(wanted), len(found), len(wanted) - len(missed), wrong, right)
        misses[kind], extras[kind] = missed, unmatched
    return TextScore(name, counts, misses, extras)


def evaluate_folder(folder: Path) -> tuple[dict[str, Count], list[TextScore]]:
    totals = {k: Count() for k in KINDS}
    scores = []
    for txt in sorted(folder.glob("*.txt")):
        labels = read_labels(txt.with_suffix(".labels"))
        s = score_text(txt.stem, labels, draft(txt.read_text(encoding="utf-8"), txt.name))
        scores.append(s)
        for k in KINDS:
            totals[k].add(s.counts[k])
    return totals, scores


def plan_checks(folder: Path) -> Counter[str]:
    """How many texts' drafts have the labelled period and plan year (a sanity figure for the table)."""
    c: Counter[str] = Counter()
    for txt in sorted(folder.glob("*.txt")):
        labels = read_labels(txt.with_suffix(".labels"))
        plan = draft(txt.read_text(encoding="utf-8")).plan
        c["plan_year"] += plan.year == labels.plan_year
        c["period"] += all(o.period == labels.period for o in plan.observations)
        c["texts"] += 1
    return c


def table(totals: dict[str, Count]) -> str:
    rows = ["| items | labelled | drafted | correct | precision | recall | wrong ones in --review | right ones in --review |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for k in KINDS:
        c = totals[k]
        wrong = c.drafted - c.correct
        rows.append(f"| {k} | {c.labelled} | {c.drafted} | {c.correct} | {c.precision:.3f} | {c.recall:.3f} | "
                    f"{c.wrong_flagged}/{wrong} | {c.right_flagged}/{c.correct} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    totals, scores = evaluate_folder(folder)
    verbose = "-v" in argv
    for s in scores:
        if verbose:
            for k in KINDS:
                for m in s.misses[k]:
                    print(f"{s.name}: missed {k} {' '.join(m)}")
                for e in s.extras[k]:
                    print(f"{s.name}: extra  {k} {' '.join(e)}")
    print(table(totals))
    checks = plan_checks(folder)
    print(f"plan year right in {checks['plan_year']}/{checks['texts']}, period right in {checks['period']}/{checks['texts']}")
    return 0


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    sys.exit(main(sys.argv[1:]))
