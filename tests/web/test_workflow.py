"""Every transition of a submission and every refusal, at the service level (pages, API, CLI share it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, StateError, ValidationError
from planwatch.web.plans.models import ReportingRound, Submission

from .factories import current, with_versions

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(users):
    return {name: Actor.for_user(u) for name, u in users.items()}


def _draft(actors, task, value="100", as_of="2021-07-31", **kw):
    return services.create_draft(actors["reporter_a"], task, value=value, as_of=as_of, **kw)


def test_draft_submit_approve(actors, task) -> None:
    sub = _draft(actors, task)
    assert (sub.status, sub.version, sub.value) == ("draft", 1, Decimal("100"))
    sub = current(services.submit)(actors["reporter_a"], sub)
    assert (sub.status, sub.version, sub.submitted_by.username) == ("submitted", 2, "reporter_a")
    sub = current(services.approve)(actors["planoffice"], sub)
    assert (sub.status, sub.version, sub.decided_by.username) == ("approved", 3, "planoffice")


def test_return_then_edit_and_resubmit(actors, task) -> None:
    sub = current(services.submit)(actors["reporter_a"], _draft(actors, task))
    sub = current(services.return_)(actors["planoffice"], sub, "口径不对，请按累计数填报")
    assert (sub.status, sub.comment) == ("returned", "口径不对，请按累计数填报")
    sub = current(services.update_draft)(actors["reporter_a"], sub, value="120.5")
    assert (sub.status, sub.value) == ("returned", Decimal("120.5"))
    sub = current(services.resubmit)(actors["reporter_a"], sub)
    assert (sub.status, sub.comment) == ("submitted", "")
    assert current(services.approve)(actors["planoffice"], sub).status == "approved"


def test_return_needs_a_comment(actors, task) -> None:
    sub = current(services.submit)(actors["reporter_a"], _draft(actors, task))
    with pytest.raises(ValidationError) as err:
        current(services.return_)(actors["planoffice"], sub, "  ")
    assert "comment" in err.value.message_dict


def test_approved_figures_never_change(actors, task) -> None:
    sub = current(services.approve)(actors["planoffice"], current(services.submit)(actors["reporter_a"], _draft(actors, task)))
    with pytest.raises(StateError):
        current(services.update_draft)(actors["reporter_a"], sub, value="999")
    with pytest.raises(StateError):
        current(services.submit)(actors["reporter_a"], sub)
    with pytest.raises(StateError):
        current(services.approve)(actors["planoffice"], sub)
    with pytest.raises(StateError):
        current(services.return_)(actors["planoffice"], sub, "no")
    sub.refresh_from_db()
    assert sub.value == Decimal("100")


def test_a_correction_of_the_same_date_may_be_lower(actors, task) -> None:
    """GIVEN 91.4 approved for 30 June WHEN the department corrects it to 90.0 THEN that is allowed and
    supersedes it; a figure for 31 March above the corrected 30 June one is refused."""
    fixed = current(services.approve)(actors["planoffice"], services.report(actors["reporter_a"], task, value="90.0",
                                                                   as_of="2021-06-30"))
    assert fixed.status == "approved"
    assert task.submissions.get(as_of=dt.date(2021, 6, 30), status="superseded").value == Decimal("91.4")
    with pytest.raises(ValidationError) as err:
        services.report(actors["reporter_a"], task, value="95", as_of="2021-03-31")
    assert "value" in err.value.message_dict


def test_a_newer_approval_supersedes_the_same_date(actors, task) -> None:
    first = current(services.approve)(actors["planoffice"], services.report(actors["reporter_a"], task, value="100",
                                                                   as_of="2021-07-31"))
    second = current(services.approve)(actors["planoffice"], services.report(actors["reporter_a"], task, value="105",
                                                                    as_of="2021-07-31"))
    first.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "approved")
    assert first.value == Decimal("100")  # superseded, not edited


@pytest.mark.parametrize(
    ("value", "unit", "as_of", "field"),
    [
        ("abc", "", "2021-07-31", "value"),
        ("NaN", "", "2021-07-31", "value"),
        ("-3", "", "2021-07-31", "value"),
        ("80", "", "2021-07-31", "value"),  # below the approved 91.4 of 2021-06-30: cumulative cannot fall
        ("100", "公顷", "2021-07-31", "unit"),
        ("100", "", "2022-01-15", "as_of"),
        ("100", "", "not a date", "as_of"),
        ("", "", "2021-07-31", "value"),  # a task with a numeric target needs a figure
    ],
)
def test_bad_figures_are_refused_with_field_errors(actors, task, value, unit, as_of, field) -> None:
    with pytest.raises(ValidationError) as err:
        _draft(actors, task, value=value, unit=unit, as_of=as_of)
    assert field in err.value.message_dict
    assert not Submission.objects.filter(task=task).exclude(status="approved").exists()


def test_several_errors_are_reported_together(actors, task) -> None:
    with pytest.raises(ValidationError) as err:
        _draft(actors, task, value="x", unit="个", as_of="2020-01-01")
    assert set(err.value.message_dict) == {"value", "unit", "as_of"}


def test_a_milestone_task_may_report_without_a_figure(actors, plan) -> None:
    milestone = plan.tasks.get(code="plan_done")
    sub = services.create_draft(actors["reporter_b"], milestone, value="", as_of="2021-06-30", note="初稿完成")
    assert sub.value is None


def test_dates_must_fall_in_the_round(actors, plan, task) -> None:
    rnd = services.open_round(actors["planoffice"], plan, label="2021年7月", period="2021-07",
                              opens="2021-07-25", deadline="2021-08-05")
    with pytest.raises(ValidationError) as err:
        _draft(actors, task, as_of="2021-06-30", round=rnd.pk)
    assert "as_of" in err.value.message_dict
    assert _draft(actors, task, as_of="2021-07-31", round=rnd.pk).round == rnd
    current(services.close_round)(actors["planoffice"], rnd)
    with pytest.raises(ValidationError) as err:
        _draft(actors, task, as_of="2021-07-31", round=rnd.pk)
    assert "round" in err.value.message_dict


def test_round_reporting_status(actors, plan, task) -> None:
    rnd = services.open_round(actors["planoffice"], plan, label="2021年7月", period="2021-07",
                              opens="2021-07-25", deadline="2021-08-05")
    _draft(actors, task, round=rnd.pk)  # a draft does not count as reported
    status = services.reporting_status(rnd)
    assert [d.code for d in status["missing"]] == ["dept_a", "dept_b"]
    services.report(actors["reporter_b"], plan.tasks.get(code="greening"), value="1", as_of="2021-07-31",
                    round=rnd.pk)
    status = services.reporting_status(ReportingRound.objects.get(pk=rnd.pk))
    assert ([d.code for d in status["reported"]], [d.code for d in status["missing"]]) == (["dept_b"], ["dept_a"])


def test_who_may_do_what(actors, task, task_b) -> None:
    with pytest.raises(PermissionDenied):
        services.create_draft(actors["reporter_b"], task, value="1", as_of="2021-07-31")
    with pytest.raises(PermissionDenied):
        services.create_draft(actors["viewer"], task, value="1", as_of="2021-07-31")
    sub = services.report(actors["reporter_a"], task, value="100", as_of="2021-07-31")
    for who in ("reporter_a", "reporter_b", "viewer", "head_a"):  # no head step: only the plan office
        with pytest.raises(PermissionDenied):
            current(services.approve)(actors[who], sub)
    with pytest.raises(PermissionDenied):
        current(services.return_)(actors["reporter_a"], sub, "x")
    assert current(services.approve)(actors["planoffice"], sub).status == "approved"
    superuser_actor = Actor.for_user(_superuser())
    assert services.report(superuser_actor, task_b, value="1", as_of="2021-07-31").status == "submitted"


def _superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", password="x")


def test_head_step_when_the_plan_turns_it_on(actors, plan, task) -> None:
    plan.require_head_approval = True
    plan.save()
    sub = services.report(actors["reporter_a"], task, value="100", as_of="2021-07-31")
    with pytest.raises(StateError):
        current(services.approve)(actors["planoffice"], sub)  # the head first
    with pytest.raises(PermissionDenied):
        current(services.approve)(actors["reporter_a"], sub)
    sub = current(services.approve)(actors["head_a"], sub)
    assert (sub.status, sub.head_decided_by.username) == ("head_approved", "head_a")
    with pytest.raises(PermissionDenied):
        current(services.approve)(actors["head_a"], sub)  # the final word is the plan office's
    assert current(services.approve)(actors["planoffice"], sub).status == "approved"


def test_head_may_return_and_office_may_return_after_head(actors, plan, task) -> None:
    plan.require_head_approval = True
    plan.save()
    sub = services.report(actors["reporter_a"], task, value="100", as_of="2021-07-31")
    assert current(services.return_)(actors["head_a"], sub, "请补充说明").status == "returned"
    sub = current(services.approve)(actors["head_a"], current(services.resubmit)(actors["reporter_a"], sub))
    with pytest.raises(StateError):
        current(services.return_)(actors["head_a"], sub, "again")
    assert current(services.return_)(actors["planoffice"], sub, "与统计局数据不一致").status == "returned"


def test_stale_version_is_a_conflict_naming_who(actors, task) -> None:
    sub = services.report(actors["reporter_a"], task, value="100", as_of="2021-07-31")
    read_version = sub.version
    current(services.return_)(actors["planoffice"], sub, "请核实")
    with pytest.raises(Conflict) as err:
        current(services.approve)(actors["planoffice"], sub, version=read_version)
    assert err.value.changed_by == "planoffice"
    assert err.value.current_version == read_version + 1


def test_bulk_approve_reports_what_it_could_not(actors, task, task_b) -> None:
    a = services.report(actors["reporter_a"], task, value="100", as_of="2021-07-31")
    b = services.report(actors["reporter_b"], task_b, value="30", as_of="2021-07-31")
    c = _draft(actors, task, value="101", as_of="2021-08-31")
    done, failed = services.bulk_approve(actors["planoffice"], with_versions([a, b, c]))
    assert sorted(s.pk for s in done) == sorted([a.pk, b.pk])
    assert list(failed) == [c.pk]


def test_approval_recomputes_warnings(actors, plan, task_b) -> None:
    from planwatch.web.plans.models import WarningRecord

    current(services.approve)(actors["planoffice"], services.report(actors["reporter_b"], task_b, value="10",
                                                           as_of="2021-06-30"))
    behind = WarningRecord.objects.filter(plan=plan, subject_code="greening")
    assert behind.exists()
    assert behind.first().department.code == "dept_b"
    # 10 of 500 hectares against 20% expected by 30 June on the task's milestone curve
    current(services.approve)(actors["planoffice"], services.report(actors["reporter_b"], task_b, value="200",
                                                           as_of="2021-06-30"))
    assert not WarningRecord.objects.filter(plan=plan, subject_code="greening", rule="task_behind_time").exists()


def test_project_update(actors, plan) -> None:
    project = plan.projects.get(code="p_a")
    update = current(services.add_project_update)(actors["reporter_a"], project, phase="under_construction",
                                         investment_done="6500", as_of="2021-07-31")
    project.refresh_from_db()
    assert (project.investment_done, project.as_of, project.version) == (Decimal("6500"), dt.date(2021, 7, 31), 2)
    assert update.created_by.username == "reporter_a"
    with pytest.raises(ValidationError) as err:
        current(services.add_project_update)(actors["reporter_a"], project, phase="flying", investment_done="10",
                                    as_of="2021-07-31")
    assert set(err.value.message_dict) == {"phase", "investment_done"}
    with pytest.raises(PermissionDenied):
        current(services.add_project_update)(actors["reporter_b"], project, phase="completed", investment_done="7000",
                                    as_of="2021-08-31")
    with pytest.raises(Conflict):
        current(services.add_project_update)(actors["planoffice"], project, phase="completed", investment_done="7000",
                                    as_of="2021-08-31", version=1)


def test_warning_rules_kept_in_the_database_override_the_defaults(plan) -> None:
    from planwatch.web.plans.models import WarningRecord, WarningRule
    from planwatch.web.plans.recompute import recompute_warnings

    recompute_warnings(plan)
    assert WarningRecord.objects.filter(plan=plan, rule="below_base", subject_code="revenue").exists()
    WarningRule.objects.create(plan=plan, code="below_base", enabled=False, definition={
        "type": "below_base", "level": "yellow", "message_zh": "{name}", "message_en": "{name_en}"})
    recompute_warnings(plan)
    assert not WarningRecord.objects.filter(plan=plan, rule="below_base").exists()


@pytest.mark.parametrize("bad_round", ["abc", 10**30, 999999])
def test_an_unknown_round_is_a_field_error(actors, task, bad_round) -> None:
    with pytest.raises(ValidationError) as err:
        _draft(actors, task, round=bad_round)
    assert "round" in err.value.message_dict


def test_turning_the_head_step_off_leaves_head_approved_figures_to_the_office(actors, plan, task) -> None:
    current(services.set_head_approval)(actors["planoffice"], plan, True)
    plan.refresh_from_db()
    sub = current(services.approve)(actors["head_a"], services.report(actors["reporter_a"], task, value="100",
                                                             as_of="2021-07-31"))
    assert services.awaiting_office(plan) == 1
    current(services.set_head_approval)(actors["planoffice"], plan, False)
    assert current(services.approve)(actors["planoffice"], sub).status == "approved"
    with pytest.raises(PermissionDenied):
        current(services.set_head_approval)(actors["head_a"], plan, True)


def test_import_reads_the_head_step_from_the_plan_settings() -> None:
    from planwatch.web.plans.importexport import import_package

    from .factories import small_plan

    core_plan = small_plan(year=2019)
    core_plan.settings["require_head_approval"] = True
    assert import_package(core_plan, actor=Actor.cli()).require_head_approval


def test_the_same_excel_row_uploaded_twice_makes_one_submission(actors, task) -> None:
    first = _draft(actors, task, source_row_hash="abc123", source_file="填报-2021-07.xlsx", source_row=5)
    again = _draft(actors, task, source_row_hash="abc123", source_file="填报-2021-07.xlsx", source_row=5)
    assert again.pk == first.pk
    assert (first.origin_file, first.origin_row) == ("填报-2021-07.xlsx", 5)
    assert task.submissions.filter(source_row_hash="abc123").count() == 1


def test_incremental_warnings_after_an_approval_equal_a_full_recompute(actors, plan, task_b, monkeypatch) -> None:
    from planwatch.web.plans import recompute as rc
    from planwatch.web.plans.models import WarningRecord
    from planwatch.web.plans.recompute import recompute_warnings

    calls = []
    real = rc.recompute_task_warnings
    monkeypatch.setattr(rc, "recompute_task_warnings", lambda *a: calls.append(a) or real(*a))

    def snapshot() -> list[tuple]:
        return sorted(WarningRecord.objects.filter(plan=plan).values_list(
            "rule", "level", "subject_type", "subject_code", "department_id", "message"))

    recompute_warnings(plan)
    for value in ("10", "60", "250"):
        current(services.approve)(actors["planoffice"], services.report(actors["reporter_b"], task_b, value=value,
                                                               as_of="2021-06-30"))
        incremental = snapshot()
        recompute_warnings(plan)
        assert incremental == snapshot()
    assert ("task_behind_time", "greening") not in {(r[0], r[3]) for r in snapshot()}
    assert len(calls) == 3  # the one-task path ran each time
