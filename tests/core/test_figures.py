"""Figures keep the unrounded value and their provenance; rounding happens when published."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.core.figures import Figure, published

D = Decimal


def test_published_keeps_written_decimals_and_ref() -> None:
    f = published(D("3640.7"), "亿元", "observation", label="GDP", file="observations.csv", row="2")
    assert (f.decimals, f.rounded, f.ref["row"]) == (1, D("3640.7"), "2")
    assert published(D("298"), "亿元", "observation").decimals == 0


def test_rounding_is_half_up_only_when_published() -> None:
    f = Figure(D("3.85"), "%", 1, "computation")
    assert f.value == D("3.85") and f.rounded == D("3.9")  # round() would give 3.8 (half to even)
    assert Figure(D("-6.25"), "%", 1, "computation").rounded == D("-6.3")


def test_provenance_nests_inputs() -> None:
    vs = published(D("7.9"), "%", "observation", label="GDP比2019年上半年增长", column="vs_base_pct")
    avg = Figure(D("3.875"), "%", 1, "computation", formula="((1 + 7.9%) ^ (1/2) − 1) × 100", inputs=(vs,),
                 label="GDP两年平均增长")
    prov = avg.provenance()
    assert prov["published"] == "3.9" and prov["value"] == "3.875"
    assert prov["inputs"][0]["ref"] == {"column": "vs_base_pct"}
    assert prov["inputs"][0]["origin"] == "observation"


def test_unknown_origin_is_refused() -> None:
    with pytest.raises(ValueError, match="origin"):
        Figure(D(1), "", 0, "guess")
