"""The bundled example's hotline figures come back from the generated city (the seed report's)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.hotline.analysis import Analysis
from planwatch.hotline.figures import rounded

pytestmark = pytest.mark.slow


def test_chaoyang_2021h1_reproduces_the_seed(city_h1: Path) -> None:
    with Analysis(str(city_h1)) as a:
        h1 = {r.code: r for r in a.units("2021H1", "district")}
        may = {r.code: r for r in a.units("2021-05", "district")}
        june = {r.code: r for r in a.units("2021-06", "district")}
        trend = [t for t in a.trend(2021, 6, "district") if t.row.code == "chaoyang"]
    assert len(h1) == 16
    cy = h1["chaoyang"]
    # 受理市民热线诉求约36.4万件, 占全市接诉总量的17.4%
    assert rounded(Decimal(cy.counts.tickets) / 10000, 1) == Decimal("36.4")
    assert rounded(cy.share, 1) == Decimal("17.4")
    # 6月份全市排名第11名 (and the example's May rank, 9)
    assert june["chaoyang"].rank == 11 and may["chaoyang"].rank == 9
    # 响应率、解决率、满意率分别较年初提高11.1%、10.9%、9.8% (relative change January → June)
    last = trend[-1]
    assert last.row.bucket == "2021-06"
    assert [rounded(last.vs_start[m][1], 1) for m in ("response_rate", "resolution_rate", "satisfaction_rate")] == [
        Decimal("11.1"), Decimal("10.9"), Decimal("9.8")]
    # 综合考评成绩4-6月逐月提升
    scores = {t.row.bucket: t.row.counts.score for t in trend}
    assert scores["2021-04"] < scores["2021-05"] < scores["2021-06"]
    # and the rates rise every month from January
    for m in ("response_rate", "resolution_rate", "satisfaction_rate"):
        series = [getattr(t.row.counts, m) for t in trend]
        assert series == sorted(series)
