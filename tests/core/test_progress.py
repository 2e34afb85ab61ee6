"""Time progress: expected-progress curves, statuses against the seed's tasks, forecasts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.core.model import ProgressRow, TargetKind, Task
from planwatch.core.progress import (
    CurveError,
    SettingsError,
    Status,
    Thresholds,
    convention_from_settings,
    expected_share,
    forecast_year_end,
    seasonal_profile,
    summarize,
    task_progress,
)
from planwatch.core.units import UnitError

from .factories import H1_END, TASKS

D = Decimal


def _task(code: str = "t", target: str | None = "100", unit: str = "个", kind: TargetKind | None = TargetKind.LEVEL_AT_LEAST,
          **kw: object) -> Task:
    return Task(code=code, name=f"任务{code}", area="area", lead="lead", target_kind=kind, target_value=D(target) if target else None,
                unit=unit, **kw)  # type: ignore[arg-type]


def _row(value: str | None, on: dt.date = H1_END, unit: str = "个", code: str = "t") -> ProgressRow:
    return ProgressRow(task=code, as_of=on, value=D(value) if value is not None else None, unit=unit)


# --- the seed's four pairs -----------------------------------------------------------------------

SEED = {code: (target, done, unit) for code, _, target, done, unit in TASKS}


@pytest.mark.parametrize(
    ("code", "share", "days_status", "months_status"),
    [
        ("demolition", "43.5", Status.ON_TRACK, Status.ON_TRACK),
        ("land_cleared", "49.9", Status.AHEAD, Status.ON_TRACK),  # ahead of 49.6% by days, behind 50% by months
        ("greening", "5.5", Status.SERIOUSLY_LAGGING, Status.SERIOUSLY_LAGGING),
        ("elderly_beds", "69.5", Status.AHEAD, Status.AHEAD),
    ],
)
def test_seed_tasks(code: str, share: str, days_status: Status, months_status: Status) -> None:
    target, done, unit = SEED[code]
    task = _task(code, target, unit)
    row = _row(done, unit=unit, code=code)
    by_days = task_progress(task, row, H1_END, convention="days")
    by_months = task_progress(task, row, H1_END, convention="months")
    assert by_days.done_share is not None and by_days.done_share.rounded == D(share)
    assert by_days.expected_share.rounded == D("49.6")
    assert by_months.expected_share.rounded == D("50.0")
    assert (by_days.status, by_months.status) == (days_status, months_status)


def test_greening_gap_is_44_1_points_with_provenance() -> None:
    p = task_progress(_task("greening", "500", "公顷"), _row("27.5", unit="公顷", code="greening"), H1_END)
    assert p.gap_pp is not None and p.gap_pp.rounded == D("-44.1")
    assert p.gap_pp.unit == "pp" and p.gap_pp.origin == "computation"
    assert p.done_share is not None
    assert [f.origin for f in p.done_share.inputs] == ["progress", "target"]
    prov = p.done_share.provenance()
    assert prov["formula"] == "27.5 / 500 × 100"
    assert p.forecast is not None and p.forecast.rounded == D("55.5")  # 27.5 / (181/365)
    assert p.forecast_met is False


# --- thresholds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gap", "status"),
    [("0", Status.AHEAD), ("0.1", Status.AHEAD), ("-0.1", Status.ON_TRACK), ("-9.9", Status.ON_TRACK),
     ("-10", Status.LAGGING), ("-30", Status.LAGGING), ("-30.1", Status.SERIOUSLY_LAGGING)],
)
def test_threshold_boundaries_in_points(gap: str, status: Status) -> None:
    assert Thresholds().classify(D(gap), D(50)) is status


def test_relative_thresholds_measure_against_time_progress() -> None:
    rel = Thresholds(mode="relative")
    # 8 points below 50% is 16% of time progress: lagging relatively, on track in points
    assert rel.classify(D(-8), D(50)) is Status.LAGGING
    assert Thresholds().classify(D(-8), D(50)) is Status.ON_TRACK
    assert rel.classify(D(-16), D(50)) is Status.SERIOUSLY_LAGGING


def test_thresholds_from_settings_and_errors() -> None:
    th = Thresholds.from_settings({"thresholds": {"mode": "relative", "lagging": 5, "serious": "20"}})
    assert th == Thresholds("relative", D(5), D(20))
    assert Thresholds.from_settings({}) == Thresholds()
    with pytest.raises(SettingsError, match="mode"):
        Thresholds.from_settings({"thresholds": {"mode": "percent"}})
    with pytest.raises(SettingsError, match="lagging"):
        Thresholds(lagging=D(40), serious=D(30))
    assert convention_from_settings({"progress_convention": "months"}) == "months"
    with pytest.raises(SettingsError, match="progress_convention"):
        convention_from_settings({"progress_convention": "weeks"})


def test_status_uses_the_published_gap() -> None:
    # 49.55 done by 30 June (expected 49.589…) is 0.04 below: published as 0.0, so not "behind"
    p = task_progress(_task(target="100"), _row("49.55"), H1_END)
    assert p.gap_pp is not None and p.gap_pp.value < 0
    assert p.status is Status.AHEAD


# --- curves --------------------------------------------------------------------------------------


def test_linear_curve_is_clipped_to_the_deadline() -> None:
    task = _task(deadline=dt.date(2021, 9, 30))
    assert expected_share(task, dt.date(2021, 9, 30), "days") == D(1)
    assert expected_share(task, dt.date(2021, 11, 1), "days") == D(1)
    assert expected_share(task, H1_END, "days") == D(181) / D(273)
    assert expected_share(task, H1_END, "months") == D("6") / D("9")
    assert expected_share(_task(deadline=dt.date(2021, 12, 31)), dt.date(2020, 12, 31), "days") == D(0)


def test_milestone_curve_interpolates() -> None:
    task = _task(curve="milestones:2021-06-30=40;2021-09-30=80")
    assert expected_share(task, H1_END, "months") == D("0.4")
    assert expected_share(task, dt.date(2021, 9, 30), "months") == D("0.8")
    # halfway between 30 Sept (80%) and 31 Dec (100%) by months: 15 Nov
    assert expected_share(task, dt.date(2021, 11, 15), "months") == D("0.9")
    # before the first milestone, from 0 on 1 January
    assert expected_share(task, dt.date(2021, 3, 31), "months") == D("0.2")


def test_seasonal_curve() -> None:
    task = _task(curve="seasonal:2,5,10,18,26,35,44,54,65,76,88,100")
    assert expected_share(task, H1_END, "days") == D("0.35")
    assert expected_share(task, dt.date(2021, 7, 31), "days") == D("0.44")
    assert expected_share(task, dt.date(2021, 1, 31), "days") == D("0.02")
    p = task_progress(task, _row("30"), H1_END)
    assert p.status is Status.ON_TRACK  # 30 against 35 on its own curve; on a linear one it would lag more
    assert p.forecast is not None and p.forecast.value == D("30") / D("0.35")


@pytest.mark.parametrize(
    "curve",
    ["milestones:", "milestones:2021-06-30", "milestones:2021-13-01=40", "milestones:2021-06-30=120",
     "milestones:2021-06-30=60;2021-09-30=40", "seasonal:1,2,3", "seasonal:" + ",".join(["50"] * 11 + ["40"]),
     "seasonal:a,b,c,d,e,f,g,h,i,j,k,l", "weekly"],
)
def test_bad_curves_name_the_task(curve: str) -> None:
    with pytest.raises(CurveError, match="task t"):
        expected_share(_task(curve=curve), H1_END, "days")


def test_seasonal_profile_from_history() -> None:
    history = {
        2019: [D(v) for v in (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 200)],
        2020: [D(v) for v in (0, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100)],
    }
    curve = seasonal_profile(history)
    values = [D(v) for v in curve.removeprefix("seasonal:").split(",")]
    assert values[0] == D("2.5")  # (5% + 0%) / 2
    assert values[5] == D("35.0")  # (30% + 40%) / 2
    assert values[-1] == D("100.0")
    assert values == sorted(values)
    assert expected_share(_task(curve=curve), dt.date(2021, 6, 30), "days") == D("0.35")
    with pytest.raises(CurveError):
        seasonal_profile({})
    with pytest.raises(CurveError, match="2019"):
        seasonal_profile({2019: [D(1)] * 11})


# --- statuses ------------------------------------------------------------------------------------


def test_done_not_started_overdue_no_target() -> None:
    assert task_progress(_task(), _row("100"), H1_END).status is Status.DONE
    assert task_progress(_task(), _row("120"), H1_END).forecast_met is True
    assert task_progress(_task(), None, H1_END).status is Status.NOT_STARTED
    assert task_progress(_task(), _row(None), H1_END).status is Status.NOT_STARTED
    late = _task(deadline=dt.date(2021, 5, 31))
    assert task_progress(late, _row("80"), H1_END).status is Status.OVERDUE
    assert task_progress(late, None, H1_END).status is Status.OVERDUE
    assert task_progress(_task(kind=None), _row("5"), H1_END).status is Status.NO_TARGET
    assert task_progress(_task(target=None), None, H1_END).status is Status.NO_TARGET


def test_less_is_better() -> None:
    cap = _task(target="100", kind=TargetKind.LEVEL_AT_MOST)
    p = task_progress(cap, _row("30"), H1_END)
    assert p.status is Status.AHEAD  # used 30% of the allowance at half time
    assert p.gap_pp is not None and p.gap_pp.value > 0
    assert p.forecast_met is True
    assert task_progress(cap, _row("75"), H1_END).status is Status.LAGGING  # 25 points over time progress
    assert task_progress(cap, _row("101"), H1_END).status is Status.SERIOUSLY_LAGGING
    assert task_progress(cap, _row("99"), dt.date(2021, 12, 31)).status is Status.DONE


def test_milestone_tasks() -> None:
    due = dt.date(2021, 9, 30)
    ms = _task(target=None, unit="%", kind=TargetKind.MILESTONE, deadline=due)
    assert task_progress(ms, None, H1_END).status is Status.NOT_STARTED
    done = task_progress(ms, _row("100", dt.date(2021, 9, 1), unit="%"), H1_END)
    assert done.status is Status.DONE and done.forecast_met is True and done.done_by == dt.date(2021, 9, 1)
    late = task_progress(ms, _row("100", dt.date(2021, 10, 8), unit="%"), dt.date(2021, 10, 10))
    assert late.status is Status.DONE and late.forecast_met is False
    assert task_progress(ms, _row("60", unit="%"), dt.date(2021, 10, 1)).status is Status.OVERDUE
    assert task_progress(ms, None, dt.date(2021, 10, 1)).status is Status.OVERDUE
    partial = task_progress(ms, _row("70", unit="%"), H1_END)  # expected 181/273 = 66.3%
    assert partial.status is Status.AHEAD
    assert task_progress(ms, _row("50", unit="%"), H1_END).status is Status.LAGGING  # 16.3 below
    assert task_progress(ms, _row("30", unit="%"), H1_END).status is Status.SERIOUSLY_LAGGING


def test_progress_in_another_scale_is_converted() -> None:
    p = task_progress(_task(target="210", unit="万平方米"), _row("914000", unit="平方米"), H1_END)
    assert p.done is not None and p.done.value == D("91.4")
    assert p.done_share is not None and p.done_share.rounded == D("43.5")
    with pytest.raises(UnitError, match="task t"):
        task_progress(_task(target="210", unit="万平方米"), _row("9", unit="亿元"), H1_END)


def test_rate_targets_are_judged_directly() -> None:
    rate = _task(target="90", unit="%", kind=TargetKind.RATE_AT_LEAST)
    assert task_progress(rate, _row("92", unit="%"), H1_END).status is Status.AHEAD
    assert task_progress(rate, _row("85", unit="%"), H1_END).status is Status.LAGGING
    assert task_progress(rate, _row("92", dt.date(2021, 12, 31), unit="%"), dt.date(2021, 12, 31)).status is Status.DONE


def test_a_row_of_another_task_is_refused() -> None:
    with pytest.raises(ValueError, match="task 'other'"):
        task_progress(_task(), _row("5", code="other"), H1_END)


def test_forecast_year_end() -> None:
    assert forecast_year_end(D(40), D("0.5"), D("0.4")) == D(100)
    assert forecast_year_end(D(40), D("0.5"), D(0)) == D(80)
    with pytest.raises(ValueError):
        forecast_year_end(D(1), D(0), D(0))


def test_summarize_counts_every_status() -> None:
    progresses = [task_progress(_task(c, t, u), _row(d, unit=u, code=c), H1_END) for c, _, t, d, u in TASKS]
    counts = summarize(progresses)
    assert set(counts) == set(Status)
    assert counts[Status.AHEAD] == 2 and counts[Status.ON_TRACK] == 1 and counts[Status.SERIOUSLY_LAGGING] == 1
    assert sum(counts.values()) == 4
    assert Status.SERIOUSLY_LAGGING.label_zh == "严重滞后" and Status.SERIOUSLY_LAGGING.label_en == "seriously lagging"
