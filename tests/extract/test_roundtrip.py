"""The draft goes the whole way: it validates, imports into the web app and comes back out unchanged, and
the report written from it restates the figures it was read from (read back through the checker)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from planwatch.checker import check_report
from planwatch.checker.extract import draft
from planwatch.package import load, validate, write_folder
from planwatch.report.runner import run_report
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import export_plan, import_package

from .conftest import SEED, dev_text

pytestmark = pytest.mark.django_db


def _round_trip(text: str, name: str, period: str, tmp_path: Path) -> tuple[str, object]:
    original = draft(text, name).plan
    folder = write_folder(original, tmp_path / "draft")
    assert validate(folder) == []
    loaded = load(folder)
    back = export_plan(import_package(loaded, actor=Actor.cli()))
    assert back == loaded  # review.csv and notes.csv come back with it
    assert back.extra["review"] and "notes" in back.extra
    exported = write_folder(back, tmp_path / "exported")
    assert run_report(exported, period, tmp_path / "report", "zh", ["md"], None, summary=False) == 0
    return (tmp_path / "report" / "report.md").read_text(encoding="utf-8"), original


def test_the_seeds_draft_imports_and_its_report_restates_its_figures(tmp_path: Path) -> None:
    report, original = _round_trip(SEED.read_text(encoding="utf-8"), SEED.name, "2021H1", tmp_path)
    result = check_report(report)
    assert [c for c in result.checks if c.status == "inconsistent"] == []
    assert sum(c.status == "consistent" for c in result.checks) >= 6  # the two-year averages among them
    again = draft(report).plan
    for obs in original.observations:  # type: ignore[attr-defined]
        if not original.indicator(obs.indicator).headline:  # type: ignore[attr-defined]
            continue
        restated = again.observation(obs.indicator, obs.period)
        assert restated is not None, obs.indicator
        assert (restated.value, restated.unit, restated.yoy_pct, restated.vs_base_pct, restated.base_period,
                restated.avg_pct) == (obs.value, obs.unit, obs.yoy_pct, obs.vs_base_pct, obs.base_period, obs.avg_pct)
    tasks = Counter((t.target_kind, t.target_value, t.unit, t.deadline) for t in original.tasks)  # type: ignore[attr-defined]
    assert tasks == Counter((t.target_kind, t.target_value, t.unit, t.deadline) for t in again.tasks)


def test_a_half_year_draft_with_targets_round_trips(tmp_path: Path) -> None:
    report, original = _round_trip(dev_text("d02"), "d02.txt", "2021H1", tmp_path)
    assert [c for c in check_report(report).checks if c.status == "inconsistent"] == []
    again = draft(report).plan
    for obs in original.observations:  # type: ignore[attr-defined]
        if not original.indicator(obs.indicator).headline:  # type: ignore[attr-defined]
            continue  # the report writes the catalogue's indicators in its headline paragraph
        restated = again.observation(obs.indicator, obs.period)
        assert restated is not None and (restated.value, restated.yoy_pct, restated.vs_base_pct) == (
            obs.value, obs.yoy_pct, obs.vs_base_pct), obs.indicator
