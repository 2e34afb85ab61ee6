"""The rates, the score, shares and ranks, from the engines' counts, in exact ``Decimal``.

With ``n`` tickets with a valid return visit (有效回访) that count in the assessment, and each ticket
weighed by the rule set in force on the day it was accepted::

    响应率 response     = contacted / n
    解决率 resolution   = solved / n
    满意率 satisfaction = (满意 + f × 基本满意) / n                     (f = 0.9 by default)
    综合成绩 score      = Σ (w_r × contacted + w_s × solved + w_m × (满意 + f × 基本满意)) / n

all × 100. Rates, shares and the score are rounded half up to ``DECIMALS`` (2) places only when written;
ranks compare the scores as written, so two units shown with the same score share a rank.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .rules import Segment

DECIMALS = 2
HUNDRED = Decimal(100)


def rounded(value: Decimal | None, places: int = DECIMALS) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass
class Counts:
    """What the engines count for one unit and bucket, summed over rule segments, with the weighted
    numerators of the satisfaction rate and the score."""

    tickets: int = 0
    counted: int = 0
    valid: int = 0
    contacted: int = 0
    solved: int = 0
    satisfied: int = 0
    basic: int = 0
    unreasonable: int = 0
    appeal_approved: int = 0
    not_assessed: int = 0
    satisfaction_points: Decimal = Decimal(0)
    score_points: Decimal = Decimal(0)
    rule_sets: list[str] = field(default_factory=list)

    def add(self, row: Sequence[int], segment: Segment) -> None:
        (tickets, counted, valid, contacted, solved, satisfied, basic, unreasonable, appealed, not_assessed) = (
            int(x or 0) for x in row)
        self.tickets += tickets
        self.counted += counted
        self.valid += valid
        self.contacted += contacted
        self.solved += solved
        self.satisfied += satisfied
        self.basic += basic
        self.unreasonable += unreasonable
        self.appeal_approved += appealed
        self.not_assessed += not_assessed
        r = segment.rules
        sat = satisfied + r.basic_satisfied * basic
        self.satisfaction_points += sat
        self.score_points += r.w_response * contacted + r.w_resolution * solved + r.w_satisfaction * sat
        if r.id not in self.rule_sets:
            self.rule_sets.append(r.id)

    def merge(self, other: Counts) -> None:
        for name in ("tickets", "counted", "valid", "contacted", "solved", "satisfied", "basic", "unreasonable",
                     "appeal_approved", "not_assessed", "satisfaction_points", "score_points"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rule_sets += [r for r in other.rule_sets if r not in self.rule_sets]

    def _pct(self, numerator: Decimal | int) -> Decimal | None:
        return Decimal(numerator) * HUNDRED / self.valid if self.valid else None

    @property
    def response_rate(self) -> Decimal | None:
        return self._pct(self.contacted)

    @property
    def resolution_rate(self) -> Decimal | None:
        return self._pct(self.solved)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return self._pct(self.satisfaction_points)

    @property
    def score(self) -> Decimal | None:
        return self._pct(self.score_points)


@dataclass
class UnitRow:
    """One unit in one bucket: its counts, its share of the bucket's tickets, its rank by score."""

    bucket: str
    code: str
    name: str
    counts: Counts
    share: Decimal | None = None  # exact, in percent
    rank: int | None = None

    def as_contract(self) -> dict[str, object]:
        """The JSON row of ``planwatch hotline compute --format json``."""
        c = self.counts
        return {
            "unit": self.code, "name": self.name, "tickets": c.tickets,
            "share_pct": _num(rounded(self.share)), "response_rate": _num(rounded(c.response_rate)),
            "resolution_rate": _num(rounded(c.resolution_rate)),
            "satisfaction_rate": _num(rounded(c.satisfaction_rate)), "score": _num(rounded(c.score)),
            "rank": self.rank,
        }

    def as_detail(self) -> dict[str, object]:
        c = self.counts
        return {**self.as_contract(), "period": self.bucket, "counted": c.counted, "valid_visits": c.valid,
                "contacted": c.contacted, "solved": c.solved, "satisfied": c.satisfied, "basic_satisfied": c.basic,
                "unreasonable": c.unreasonable, "appeal_approved": c.appeal_approved,
                "not_assessed": c.not_assessed, "rule_sets": list(c.rule_sets)}


def _num(value: Decimal | None) -> float | None:
    # A float prints its shortest round-trip form: float(Decimal("17.40")) prints 17.4, exactly that number.
    return None if value is None else float(value)


def collect(rows: Iterable[Sequence[object]], segments: Sequence[Segment]) -> dict[tuple[object, str], tuple[str, Counts]]:
    """Engine rows of ``queries.counts_sql`` → {(bucket, code): (name, Counts)}."""
    out: dict[tuple[object, str], tuple[str, Counts]] = {}
    for row in rows:
        code, name, bucket, seg, *numbers = row
        key = (bucket, "" if code is None else str(code))
        if key not in out:
            out[key] = ("" if name is None else str(name), Counts())
        out[key][1].add(numbers, segments[int(str(seg))])  # type: ignore[arg-type]
    return out


def rank(rows: list[UnitRow]) -> None:
    """Competition ranking (1, 2, 2, 4) by the written score, best first; no score, no rank."""
    scored = [r for r in rows if r.counts.score is not None]
    scored.sort(key=lambda r: (-rounded(r.counts.score), r.code))  # type: ignore[operator]
    previous, place = None, 0
    for i, r in enumerate(scored, start=1):
        shown = rounded(r.counts.score)
        if shown != previous:
            place, previous = i, shown
        r.rank = place


def unit_rows(collected: dict[tuple[object, str], tuple[str, Counts]], labels: dict[object, str]) -> list[UnitRow]:
    """Rows with shares of their bucket's tickets and ranks within the bucket, best first."""
    by_bucket: dict[object, list[UnitRow]] = defaultdict(list)
    for (bucket, code), (name, counts) in collected.items():
        by_bucket[bucket].append(UnitRow(labels[bucket], code, name, counts))
    out: list[UnitRow] = []
    for bucket in sorted(by_bucket, key=str):
        rows = by_bucket[bucket]
        total = sum(r.counts.tickets for r in rows)
        for r in rows:
            r.share = Decimal(r.counts.tickets) * HUNDRED / total if total else None
        rank(rows)
        rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.code))
        out += rows
    return out


def change(now: Decimal | None, then: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(points, percent) from ``then`` to ``now``: 97.8 against 88.0 is +9.8 points and +11.1 %."""
    if now is None or then is None:
        return None, None
    return now - then, ((now - then) * HUNDRED / then if then else None)
