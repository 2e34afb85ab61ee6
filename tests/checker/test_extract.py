"""planwatch extract: a draft package that the package reader accepts, every row pointing at its sentence."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.checker.extract import draft_plan
from planwatch.cli import main
from planwatch.core.model import TargetKind
from planwatch.package import load, validate

from .conftest import DATA, SEED


def test_seed_draft_package_loads_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "draft"
    assert main(["extract", str(SEED), "--out", str(out)]) == 0
    assert "任务" in capsys.readouterr().out
    assert validate(out) == []
    plan = load(out)
    text = SEED.read_text(encoding="utf-8")
    assert plan.year == 2021 and plan.region.name == "朝阳区"
    gdp = plan.observation("gdp", "2021H1")
    assert gdp is not None
    assert (gdp.value, gdp.unit, gdp.yoy_pct, gdp.vs_base_pct, gdp.base_period) == (
        Decimal("3640.7"), "亿元", Decimal("13.5"), Decimal("7.9"), "2019H1")
    revenue = plan.observation("budget_revenue", "2021H1")
    assert revenue is not None and revenue.vs_base_pct == Decimal("-1")
    consumption = plan.observation("total_consumption", "2021H1")
    assert consumption is not None and consumption.value is None and consumption.avg_pct == Decimal("2.2")
    assert plan.indicator("unemployment_rate").unit == "%"
    demolition = next(t for t in plan.tasks if t.name == "拆违面积")
    assert (demolition.target_kind, demolition.target_value, demolition.unit) == (
        TargetKind.LEVEL_AT_LEAST, Decimal(210), "万平方米")
    assert demolition.source.quote in text and "不少于210万平方米" in demolition.source.quote
    for row in [*plan.tasks, *plan.observations]:
        assert row.source.quote and row.source.quote in text
    assert {t.area for t in plan.tasks} <= {a.code for a in plan.areas}


def test_targets_about_headline_indicators_become_targets() -> None:
    plan = draft_plan((DATA / "heldout_a.txt").read_text(encoding="utf-8"))
    (gdp_target,) = [t for t in plan.targets if t.indicator == "gdp"]
    assert (gdp_target.kind, gdp_target.value, gdp_target.period) == (TargetKind.GROWTH_AT_LEAST, Decimal(6), "2022")
    unemployment = next(t for t in plan.tasks if t.name == "城镇登记失业率")
    assert (unemployment.target_kind, unemployment.target_value) == (TargetKind.RATE_AT_MOST, Decimal("4.5"))
    housing = next(t for t in plan.tasks if t.name == "老旧小区综合整治")
    assert housing.deadline is not None and housing.deadline.isoformat() == "2022-12-31"


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    assert main(["extract", str(tmp_path / "none.txt"), "--out", str(tmp_path / "o")]) == 2


@pytest.mark.parametrize("name", ["heldout_a", "heldout_b", "heldout_c", "heldout_d", "crafted_report"])
def test_drafts_of_other_reports_validate(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    assert main(["extract", str(DATA / f"{name}.txt"), "--out", str(out)]) == 0
    assert validate(out) == []
    assert load(out).observations


def test_three_quarter_report_is_written_as_year_to_september() -> None:
    plan = draft_plan((DATA / "heldout_d.txt").read_text(encoding="utf-8"))
    gdp = plan.observation("gdp", "2021-09")
    assert gdp is not None and (gdp.vs_base_pct, gdp.base_period) == (Decimal("10.3"), "2019-09")


def test_annual_report_with_next_years_targets_drafts_next_years_plan() -> None:
    plan = draft_plan((DATA / "heldout_b.txt").read_text(encoding="utf-8"))
    assert plan.year == 2024
    assert {o.period for o in plan.observations} == {"2023"}
    gdp_target = next(t for t in plan.targets if t.indicator == "gdp")
    assert (gdp_target.period, gdp_target.kind, gdp_target.value) == ("2024", TargetKind.GROWTH_AT_LEAST, Decimal("5.5"))
    demolition = next(t for t in plan.tasks if t.name == "拆违面积")
    assert (demolition.target_value, demolition.unit) == (Decimal(200), "万平方米")
