"""A figure with its provenance: every number a report prints is one of these.

A ``Figure`` keeps the unrounded value, how many decimals to publish it with, and where it came from:
a cell of the package (``origin`` observation / target / progress / count) or a computation with its
formula and input figures. The report writer rounds only when it prints, and writes ``provenance()``
of every printed figure into ``report.provenance.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .intervals import round_half_up

ORIGINS = ("observation", "target", "progress", "project", "count", "computation", "setting")


@dataclass(frozen=True, slots=True)
class Figure:
    value: Decimal  # unrounded
    unit: str  # "%", "亿元", "pp", "公顷", "" …
    decimals: int  # decimals to publish with
    origin: str  # one of ORIGINS
    ref: dict[str, str] = field(default_factory=dict)  # file, row, column, indicator, period, task …
    formula: str = ""  # for computations, readable: "((1 + 7.9%) ^ (1/2) − 1)"
    inputs: tuple[Figure, ...] = ()
    label: str = ""  # what it is: "GDP 两年平均增长"

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise ValueError(f"unknown figure origin {self.origin!r}")

    @property
    def rounded(self) -> Decimal:
        return round_half_up(self.value, self.decimals)

    def provenance(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "value": str(self.value),
            "published": str(self.rounded),
            "unit": self.unit,
            "origin": self.origin,
        }
        if self.ref:
            out["ref"] = dict(self.ref)
        if self.formula:
            out["formula"] = self.formula
        if self.inputs:
            out["inputs"] = [f.provenance() for f in self.inputs]
        return out


def published(value: Decimal, unit: str, origin: str, label: str = "", **ref: str) -> Figure:
    """A figure read from the package: published with the decimals it was written with."""
    exp = value.as_tuple().exponent
    decimals = -exp if isinstance(exp, int) and exp < 0 else 0
    return Figure(value=value, unit=unit, decimals=decimals, origin=origin, ref=dict(ref), label=label)
