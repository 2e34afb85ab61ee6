"""The monthly ranking: ties share a place; 先进/进步/整改/治理 by rank and by change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwatch.hotline.analysis import Analysis
from planwatch.hotline.excel import ranking_workbook
from planwatch.hotline.ranking import monthly_ranking
from planwatch.hotline.rules import load_rules
from planwatch.hotline.source import TicketSource

from .factories import table, ticket

GOOD = {"contacted": True, "solved": True, "satisfaction": "satisfied"}  # score 100
MID = {"contacted": True, "solved": False, "satisfaction": "unsatisfied"}  # score 10
BAD = {"contacted": False, "solved": False, "satisfaction": "unsatisfied"}  # score 0

MONTHS = {
    4: {"A": GOOD, "B": MID, "C": BAD, "D": MID},
    5: {"A": GOOD, "B": BAD, "C": MID, "D": MID},
    6: {"A": MID, "B": MID, "C": BAD, "D": GOOD},
}
RULES = """
rule_sets:
  - id: small
    applies_from: 2021-01-01
    weights: {response: "0.10", resolution: "0.50", satisfaction: "0.40"}
    basic_satisfied: "0.9"
    classes: {advanced: 1, progress: 1, rectify: 1, governance_bottom: 1, governance_times: 2, governance_months: 3}
"""


def rows() -> list[dict]:
    out = []
    for month, streets in MONTHS.items():
        for street, outcome in streets.items():
            out.append(ticket(accepted_at=dt.datetime(2021, month, 15), street_code=street, street=f"{street}街道",
                              unit_code=street, unit=f"{street}街道", **outcome))
    return out


def test_ties_and_classes(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(RULES, encoding="utf-8")
    with Analysis(TicketSource("t", table=table(rows())), load_rules(tmp_path / "r.yaml")) as a:
        april = {r.row.code: r.row.rank for r in monthly_ranking(a, 2021, 4, "street")}
        june = monthly_ranking(a, 2021, 6, "street")
    assert april == {"A": 1, "B": 2, "D": 2, "C": 4}  # competition ranking: 1, 2, 2, 4
    by = {r.row.code: r for r in june}
    assert [(r.row.code, r.row.rank) for r in june] == [("D", 1), ("A", 2), ("B", 2), ("C", 4)]
    assert {c: by[c].rank_change for c in by} == {"D": 1, "A": -1, "B": 2, "C": -2}
    assert by["D"].classes == ["advanced"]
    assert by["B"].classes == ["progress"]  # rose most (4th → 2nd)
    assert by["C"].classes == ["rectify", "governance"]  # last now, and last in April: 2 of the last 3 months
    assert by["A"].classes == []
    assert by["C"].as_dict()["classes_zh"] == ["整改", "治理"]


def test_ranking_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    with Analysis(TicketSource("t", table=table(rows()))) as a:
        ranking = monthly_ranking(a, 2021, 6, "street")
    path = tmp_path / "r.xlsx"
    path.write_bytes(ranking_workbook(ranking, "2021-06"))
    ws = load_workbook(path).active
    assert ws["A2"].value == "排名" and ws["D3"].value == "D街道" and ws["J3"].value == 100
    assert [ws.cell(row=r, column=1).value for r in range(3, 7)] == [1, 2, 2, 4]
