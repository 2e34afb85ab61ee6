"""``compute --into``: the hotline figures become observations of the plan package, with provenance."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.package import load

pytestmark = pytest.mark.slow


def test_the_example_package_gets_the_seeds_figures_from_tickets(city_h1: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    pkg = tmp_path / "pkg"
    assert main(["init", str(pkg)]) == 0
    assert main(["hotline", "compute", "--tickets", str(city_h1), "--period", "2021H1", "--into", str(pkg),
                 "--format", "json"]) == 0
    capsys.readouterr()
    plan = load(pkg)

    def obs(code: str, period: str):
        [o] = [o for o in plan.observations if o.indicator == code and str(o.period) == period]
        return o

    assert obs("hotline_requests", "2021H1").value == Decimal("36.4")
    assert obs("hotline_requests_city_share", "2021H1").value == Decimal("17.4")
    assert obs("hotline_rank", "2021-06").value == 11 and obs("hotline_rank", "2021-05").value == 9
    assert obs("hotline_response_rate", "2021-01").value == Decimal("88.00")
    assert obs("hotline_score", "2021-06").value > obs("hotline_score", "2021-05").value
    o = obs("hotline_score", "2021H1")
    text = o.source.quote
    assert o.source.illustrative and "工单集" in text and "364001 件" in text and "beijing-district-2021" in text
    assert {i.code for i in plan.indicators} >= {"hotline_response_rate", "hotline_resolution_rate",
                                                 "hotline_satisfaction_rate", "hotline_score"}
    # Running again replaces, never duplicates.
    before = len(plan.observations)
    assert main(["hotline", "compute", "--tickets", str(city_h1), "--period", "2021H1", "--into", str(pkg)]) == 0
    assert len(load(pkg).observations) == before
