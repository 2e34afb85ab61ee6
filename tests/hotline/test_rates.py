"""Each rate and the score against hand-computed figures, with every exclusion and a rule change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from planwatch.hotline.analysis import Analysis
from planwatch.hotline.errors import HotlineError
from planwatch.hotline.figures import rounded
from planwatch.hotline.rules import load_rules
from planwatch.hotline.source import TicketSource

from .factories import table, ticket


def analysis(rows, rules=None) -> Analysis:
    return Analysis(TicketSource("test", table=table(rows)), rules)


def test_rates_and_score_with_every_exclusion() -> None:
    rows = [
        ticket(),                                                        # contacted, solved, 满意
        ticket(solved=False, satisfaction="basic"),                      # contacted, 基本满意
        ticket(contacted=False, solved=False, satisfaction="unsatisfied"),
        ticket(unreasonable=True, contacted=False, solved=False, satisfaction="unsatisfied"),  # 不合理诉求
        ticket(appeal_approved=True, contacted=False, solved=False, satisfaction="unsatisfied"),  # 申诉核减
        ticket(assessed=False, solved=False, satisfaction="unsatisfied"),  # not 纳入考核
        ticket(visit_valid=False, contacted=None, solved=None, satisfaction=None),  # no valid return visit
        ticket(unit_role="assist", unit_code="chaoyang-housing", solved=False),  # a helper's row: not the ticket again
    ]
    with analysis(rows) as a:
        [row] = a.units("2021-01", "district")
    c = row.counts
    # 7 tickets (the helper row is not a ticket); 3 excluded; 4 counted; 3 with a valid visit.
    assert (c.tickets, c.counted, c.valid) == (7, 4, 3)
    assert (c.unreasonable, c.appeal_approved, c.not_assessed) == (1, 1, 1)
    assert c.response_rate == D(2) * 100 / 3
    assert c.resolution_rate == D(1) * 100 / 3
    assert c.satisfaction_rate == (D(1) + D("0.9")) * 100 / 3
    # 10% × 2 + 50% × 1 + 40% × 1.9 = 1.46 over 3 tickets
    assert c.score == D("1.46") * 100 / 3
    contract = row.as_contract()
    assert contract == {"unit": "chaoyang", "name": "朝阳区", "tickets": 7, "share_pct": 100.0,
                        "response_rate": 66.67, "resolution_rate": 33.33, "satisfaction_rate": 63.33,
                        "score": 48.67, "rank": 1}


def test_no_valid_visit_means_no_rates_and_no_rank() -> None:
    rows = [ticket(visit_valid=False, contacted=None, solved=None, satisfaction=None),
            ticket(district_code="haidian", district="海淀区")]
    with analysis(rows) as a:
        by = {r.code: r for r in a.units("2021-01", "district")}
    assert by["chaoyang"].counts.score is None and by["chaoyang"].rank is None
    assert by["chaoyang"].as_contract()["response_rate"] is None
    assert by["haidian"].rank == 1
    assert by["chaoyang"].share == 50


def test_half_up_rounding_at_write() -> None:
    assert rounded(D("12.345")) == D("12.35")
    assert rounded(D("12.344999")) == D("12.34")
    assert rounded(D("-0.005")) == D("-0.01")


RULES_WITH_CHANGE = """
rule_sets:
  - id: old
    applies_from: 2020-01-01
    weights: {response: "0.20", resolution: "0.40", satisfaction: "0.40"}
    basic_satisfied: "0.8"
    exclude: {unreasonable: true, appeal_approved: false, not_assessed: true}
  - id: new
    applies_from: 2021-04-01
    weights: {response: "0.10", resolution: "0.50", satisfaction: "0.40"}
    basic_satisfied: "0.9"
    exclude: {unreasonable: true, appeal_approved: true, not_assessed: true}
"""


def test_a_period_across_a_rule_change_uses_each_tickets_rules(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES_WITH_CHANGE, encoding="utf-8")
    rules = load_rules(path)
    march, april = dt.datetime(2021, 3, 31, 23, 59), dt.datetime(2021, 4, 1, 0, 0)
    rows = [
        ticket(accepted_at=march, solved=False, satisfaction="basic"),           # old: contacted, basic
        ticket(accepted_at=march, appeal_approved=True, solved=False, satisfaction="unsatisfied"),  # old keeps appeals
        ticket(accepted_at=april, satisfaction="basic"),                          # new: contacted, solved, basic
        ticket(accepted_at=april, appeal_approved=True, contacted=False, solved=False, satisfaction="unsatisfied"),
    ]
    with analysis(rows, rules) as a:
        [h1] = a.units("2021H1", "district")
        [q1] = a.units("2021Q1", "district")
        [q2] = a.units("2021Q2", "district")
    assert h1.counts.rule_sets == ["old", "new"]
    # Valid and counted: 2 in March (the appeal counts under the old rules), 1 in April (appeal excluded).
    assert h1.counts.valid == 3
    assert h1.counts.response_rate == D(3) * 100 / 3
    assert h1.counts.resolution_rate == D(1) * 100 / 3
    assert h1.counts.satisfaction_rate == (D("0.8") + D("0.9")) * 100 / 3
    old_points = D("0.20") * 2 + D("0.40") * 0 + D("0.40") * D("0.8")   # two March tickets
    new_points = D("0.10") * 1 + D("0.50") * 1 + D("0.40") * D("0.9")   # the April one
    assert h1.counts.score == (old_points + new_points) * 100 / 3
    assert q1.counts.rule_sets == ["old"] and q2.counts.rule_sets == ["new"]
    assert q1.counts.score == old_points * 100 / 2


def test_rule_files_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(RULES_WITH_CHANGE.replace('"0.20", resolution: "0.40"', '"0.30", resolution: "0.40"'), encoding="utf-8")
    with pytest.raises(HotlineError, match="add up to 1"):
        load_rules(bad)
    bad.write_text("rule_sets: []", encoding="utf-8")
    with pytest.raises(HotlineError, match="rule_sets"):
        load_rules(bad)
    rules = load_rules()
    with pytest.raises(HotlineError, match="no rule set applies"):
        rules.segments(dt.datetime(2018, 1, 1), dt.datetime(2018, 2, 1))


def test_shares_buckets_and_filters() -> None:
    rows = [ticket(accepted_at=dt.datetime(2021, 1, d)) for d in (4, 5, 11)]
    rows += [ticket(accepted_at=dt.datetime(2021, 2, 1), street_code="jinsong", street="劲松街道")]
    with analysis(rows) as a:
        weeks = a.units("2021-01", "street", "week")
        months = a.units("2021H1", "street", "month")
        only = a.units("2021H1", "street", None, {"street_code": "jinsong"})
    assert [(r.bucket, r.counts.tickets) for r in weeks] == [("2021-01-04", 2), ("2021-01-11", 1)]
    assert [(r.bucket, r.code, r.share) for r in months] == [("2021-01", "shuangjing", 100), ("2021-02", "jinsong", 100)]
    assert [r.code for r in only] == ["jinsong"]
