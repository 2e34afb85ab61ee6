"""DuckDB and Spark (local mode, one JVM for the module) give identical results on the same tickets.

Spark tests are few and marked: a JVM start takes 10-20 s on a busy 2-core machine. They still run in
scripts/test.sh."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from planwatch.hotline.analysis import Analysis
from planwatch.hotline.complaints import overdue_by, overdue_list, repeats_by
from planwatch.hotline.ranking import monthly_ranking
from planwatch.hotline.rules import load_rules
from planwatch.hotline.source import TicketSource
from planwatch.hotline.span import parse_span
from planwatch.hotline.topics import surges, topics

from .factories import table, ticket
from .test_rates import RULES_WITH_CHANGE

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def everything(a: Analysis) -> dict[str, Any]:
    cy = {"district_code": "chaoyang"}
    june = parse_span("2021-06")
    out: dict[str, Any] = {}
    for level in ("city", "district", "street", "community", "unit", "category3"):
        out[f"units/{level}"] = [r.as_detail() for r in a.units("2021-05YTD", level)]
    for every in ("day", "week", "month", "quarter", "half", "year"):
        out[f"street/{every}"] = [r.as_detail() for r in a.units("2021-06YTD", "street", every, cy)]
    out["trend"] = [(t.row.as_detail(), t.vs_start, t.vs_previous) for t in a.trend(2021, 6, "street")]
    out["rank/street"] = [r.as_dict() for r in monthly_ranking(a, 2021, 6, "street", cy)]
    out["rank/departments"] = [r.as_dict() for r in monthly_ranking(a, 2021, 6, "unit", {"unit_kind": "department"})]
    out["topics"] = [t.as_dict() for t in topics(a, 2021, 6)]
    out["surges"] = [s.as_dict() for s in surges(a, dt.date(2021, 6, 21))]
    out["overdue"] = overdue_list(a, june, limit=None)
    out["overdue_by"] = [u.as_dict() for u in overdue_by(a, june, "unit")]
    out["repeats_by"] = [u.as_dict() for u in repeats_by(a, june, "street")]
    return out


def test_duckdb_and_spark_agree_on_every_computation(chaoyang_small: Path, tmp_path: Path) -> None:
    with Analysis(str(chaoyang_small), engine="duckdb") as duck:
        expected = everything(duck)
    with Analysis(str(chaoyang_small), engine="spark", master="local[2]") as spark:
        got = everything(spark)
    assert expected["units/street"] and expected["rank/street"] and expected["overdue"] and expected["topics"]
    for key in expected:
        assert got[key] == expected[key], key

    # A ticket table in memory (a CSV) and a period across a rule change.
    (tmp_path / "r.yaml").write_text(RULES_WITH_CHANGE, encoding="utf-8")
    rules = load_rules(tmp_path / "r.yaml")
    rows = [ticket(accepted_at=dt.datetime(2021, 3, 31, 23), satisfaction="basic", solved=False),
            ticket(accepted_at=dt.datetime(2021, 4, 1), appeal_approved=True, contacted=False),
            ticket(accepted_at=dt.datetime(2021, 4, 2), street_code="jinsong", street="劲松街道")]
    source = TicketSource("t", table=table(rows))
    with Analysis(source, rules, engine="duckdb") as duck, Analysis(source, rules, engine="spark", master="local[2]") as spark:
        for level in ("district", "street"):
            assert [r.as_detail() for r in duck.units("2021H1", level, "month")] == \
                   [r.as_detail() for r in spark.units("2021H1", level, "month")]
