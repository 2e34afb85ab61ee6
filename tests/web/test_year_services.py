"""The services of the plan year: rounds on schedule, closed rounds refusing, reminders, notifications,
project review checks, target adjustments, plan settings, next year (services, no pages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, StateError, ValidationError
from planwatch.web.plans.models import (
    Membership,
    Notification,
    ObjectChange,
    ReminderLog,
    ReportingRound,
    Submission,
)
from planwatch.web.plans.services import projects, reminders, rounds, schedule, years

from .factories import current

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def actors(users):
    return {name: Actor.for_user(u) for name, u in users.items()}


def _monthly(plan, **kw):
    plan.settings = {**plan.settings, "reporting": {"frequency": "monthly", "opens_day": 25, "deadline_day": 5,
                                                    "remind_days_before": 2, **kw}}
    plan.save()
    return plan


# --- rounds -------------------------------------------------------------------------------------------


def test_the_schedule_gives_the_year_its_rounds() -> None:
    monthly = schedule.slots(schedule.of({"reporting": {"frequency": "monthly", "opens_day": 31,
                                                        "deadline_day": 5}}), 2021)
    assert [s.period for s in monthly][:2] == ["2021-01", "2021-02"]
    assert (monthly[1].opens, monthly[1].deadline) == (dt.date(2021, 2, 28), dt.date(2021, 3, 5))  # day 31 → 28
    assert monthly[-1].deadline == dt.date(2022, 1, 5)
    quarterly = schedule.slots(schedule.of({"reporting": {"frequency": "quarterly"}}), 2021)
    assert [(s.period, s.opens) for s in quarterly][1] == ("2021Q2", dt.date(2021, 6, 25))
    assert schedule.slots(schedule.of({}), 2021) == []
    assert schedule.of({"reporting": {"frequency": "weekly", "opens_day": "x"}}) == schedule.Schedule()


def test_rounds_open_on_schedule_once_and_tell_the_departments(actors, plan, users) -> None:
    _monthly(plan)
    assert rounds.open_due_rounds(actors["planoffice"], plan, dt.date(2021, 6, 24)) == []
    opened = rounds.open_due_rounds(actors["planoffice"], plan, dt.date(2021, 6, 25))
    assert [(r.period, r.label, r.deadline) for r in opened] == [("2021-06", "2021年6月", dt.date(2021, 7, 5))]
    assert rounds.open_due_rounds(actors["planoffice"], plan, dt.date(2021, 6, 26)) == []  # not twice
    told = Notification.objects.filter(kind="round_open")
    assert {n.user.username for n in told} == {"reporter_a", "reporter_b", "head_a"}
    with pytest.raises(PermissionDenied):
        rounds.open_due_rounds(actors["reporter_a"], plan, dt.date(2021, 7, 25))
    # the command line opens them too (planwatch admin remind)
    assert [r.period for r in rounds.open_due_rounds(Actor.cli(), plan, dt.date(2021, 7, 26))] == ["2021-07"]


def test_a_closed_round_refuses_figures_of_its_period(actors, plan, task) -> None:
    rnd = services.open_round(actors["planoffice"], plan, label="", period="2021-07", opens="2021-07-25",
                              deadline="2021-08-05")
    sub = services.report(actors["reporter_a"], task, value="100", as_of="2021-07-31")  # no round named
    assert sub.round == rnd  # the open round of its date
    current(services.close_round)(actors["planoffice"], rnd)
    with pytest.raises(ValidationError) as err:
        services.report(actors["reporter_a"], task, value="101", as_of="2021-07-31")
    assert "2021年7月" in err.value.message_dict["round"][0]
    assert Submission.objects.filter(task=task, value=D("101")).count() == 0  # nothing saved, with or without round
    # a returned figure of the closed round cannot be submitted again until the office reopens it
    returned = current(services.return_)(actors["planoffice"], sub, "请核实") if sub.status == "submitted" else sub
    with pytest.raises(ValidationError):
        current(services.submit)(actors["reporter_a"], returned)
    current(services.reopen_round)(actors["planoffice"], ReportingRound.objects.get(pk=rnd.pk))
    assert current(services.submit)(actors["reporter_a"], returned).status == "submitted"
    # dates no round covers still report freely (a plan without rounds)
    assert services.report(actors["reporter_a"], task, value="120", as_of="2021-09-30").round is None


def test_overview_reported_late_returned_awaiting(actors, plan, task, task_b) -> None:
    rnd = services.open_round(actors["planoffice"], plan, label="", period="2021-07", opens="2021-07-25",
                              deadline="2021-08-05")
    a = services.report(actors["reporter_a"], task, value="100", as_of="2021-07-31")
    current(services.return_)(actors["planoffice"], a, "口径")
    services.report(actors["reporter_b"], task_b, value="120", as_of="2021-07-31")
    lines = {line.department.code: line for line in rounds.overview(rnd, dt.date(2021, 8, 6))}
    assert (lines["dept_a"].tasks, lines["dept_a"].reported, lines["dept_a"].returned) == (2, 0, 1)
    assert (lines["dept_b"].reported, lines["dept_b"].awaiting, lines["dept_b"].missing) == (1, 1, 1)
    assert lines["dept_a"].late and lines["dept_b"].late
    assert not any(line.late for line in rounds.overview(rnd, dt.date(2021, 8, 5)))  # on the deadline: not late
    viewer = {line.department.code: line for line in rounds.overview(rnd, dt.date(2021, 8, 6), approved_only=True)}
    assert (viewer["dept_b"].reported, viewer["dept_b"].awaiting) == (0, 0)  # viewers: approved figures only


# --- reminders and notifications ---------------------------------------------------------------------------


def test_reminders_before_and_after_the_deadline_once_a_day(actors, plan, users, task,
                                                           django_capture_on_commit_callbacks) -> None:
    users["reporter_a"].email = "a@example.gov.cn"
    users["reporter_a"].save()
    _monthly(plan)
    [rnd] = rounds.open_due_rounds(actors["planoffice"], plan, dt.date(2021, 6, 25))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # e-mails go once the transaction commits
        run = reminders.run_schedule(Actor.cli(), plan, dt.date(2021, 7, 3))  # two days before the 5th
    assert {(r.department.code, r.kind) for r in run.reminded} == {("dept_a", "due_soon"), ("dept_b", "due_soon")}
    assert reminders.run_schedule(Actor.cli(), plan, dt.date(2021, 7, 3)).reminded == []  # once a day
    services.report(actors["reporter_b"], plan.tasks.get(code="greening"), value="1", as_of="2021-06-30")
    services.report(actors["reporter_b"], plan.tasks.get(code="plan_done"), value="", as_of="2021-06-30",
                    account="规划初稿已完成。")
    with django_capture_on_commit_callbacks(execute=True):
        late = reminders.remind(actors["planoffice"], rnd, dt.date(2021, 7, 6))  # the office's click, late
    assert [(r.department.code, r.kind) for r in late.sent] == [("dept_a", "overdue")]  # dept_b reported all
    assert ReminderLog.objects.filter(kind="overdue").count() == 1
    assert ObjectChange.objects.filter(action="remind").count() == 3
    note = Notification.objects.filter(user=users["reporter_a"], kind="overdue").get()
    from django.utils import translation

    from planwatch.web.plans.notices import text
    with translation.override("en"):
        assert text(note) == ("Overdue: Bureau A has not reported 2 tasks in June 2021; the deadline was "
                              "July 5, 2021.")
    with translation.override("zh-hans"):
        assert "区甲局" in text(note) and "2021年6月" in text(note)
    assert [m.to for m in mail.outbox] == [["a@example.gov.cn"]] * 2  # due soon, overdue
    assert "区甲局" in mail.outbox[-1].body and "Bureau A" in mail.outbox[-1].body  # Chinese, then English
    with pytest.raises(PermissionDenied):
        reminders.remind(actors["reporter_a"], rnd, dt.date(2021, 7, 6))


def test_returned_figure_tells_its_reporter_and_submissions_tell_the_approvers(actors, plan, users, task) -> None:
    sub = services.report(actors["reporter_a"], task, value="100", as_of="2021-07-31")
    assert Notification.objects.filter(user=users["planoffice"], kind="awaiting").get().params["count"] == 1
    services.report(actors["reporter_a"], task.children.first(), value="10", as_of="2021-07-31")
    awaiting = Notification.objects.filter(user=users["planoffice"], kind="awaiting")
    assert awaiting.count() == 1 and awaiting.get().params["count"] == 2  # one notification, counted
    current(services.return_)(actors["planoffice"], sub, "请按累计数填报")
    returned = Notification.objects.get(user=users["reporter_a"], kind="returned")
    assert (returned.params["comment"], returned.params["task"]["zh"], returned.url) == (
        "请按累计数填报", "拆除违法建设", "/report/")
    current(services.set_head_approval)(actors["planoffice"], plan, True)
    services.report(actors["reporter_a"], task, value="101", as_of="2021-08-31")
    assert Notification.objects.filter(user=users["head_a"], kind="awaiting").exists()


# --- project review ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("fields", "errors"), [
    ({"phase": "completed", "investment_done": "99999"}, {"actual_start", "finish"}),  # the 大羊坊路
    ({"phase": "under_construction", "actual_start": "2021-08-01"}, {"actual_start"}),  # start after as-of
    ({"phase": "completed", "actual_start": "2021-05-01", "finish": "2021-04-01"}, {"finish"}),
    ({"phase": "completed", "actual_start": "2021-05-01", "finish": "2021-08-01"}, {"finish"}),
    ({"phase": "preparing", "actual_start": "2021-05-01"}, {"phase"}),
    ({"phase": "under_construction", "actual_start": "2021-05-01", "finish": "2021-06-01"}, {"phase"}),
])
def test_project_update_checks(actors, plan, fields, errors) -> None:
    project = plan.projects.get(code="p_b")
    with pytest.raises(ValidationError) as err:
        current(projects.add_update)(actors["reporter_b"], project, **{"investment_done": "100", "as_of": "2021-07-31",
                                                              **fields})
    assert set(err.value.message_dict) == errors


def test_investment_above_plan_is_flagged_not_refused(actors, plan) -> None:
    project = plan.projects.get(code="p_b")  # 800.5 planned
    update = current(projects.add_update)(actors["reporter_b"], project, phase="under_construction", investment_done="900",
                                 as_of="2021-07-31", actual_start="2021-04-01")
    assert projects.flags(update) == ["above_plan"]


def test_head_step_and_return_of_a_project_update(actors, plan, users) -> None:
    current(services.set_head_approval)(actors["planoffice"], plan, True)
    project = plan.projects.get(code="p_a")
    update = current(projects.add_update)(actors["reporter_a"], project, phase="under_construction", investment_done="6000",
                                 as_of="2021-07-31", actual_start="2021-03-05")
    with pytest.raises(StateError):
        current(projects.approve_update)(actors["planoffice"], update)  # the head first
    update = current(projects.approve_update)(actors["head_a"], update)
    assert update.status == "head_approved"
    update = current(projects.return_update)(actors["planoffice"], update, "投资口径不对")
    assert update.status == "returned"
    assert Notification.objects.filter(user=users["reporter_a"], kind="returned").exists()
    project.refresh_from_db()
    assert project.investment_done == D("5000")


# --- targets, settings --------------------------------------------------------------------------------


def test_a_target_adjusted_mid_year_keeps_its_history(actors, plan, task, tmp_path) -> None:
    adj = services.adjust_target(actors["planoffice"], task, new_value="230", new_text="不少于230万平方米",
                                 reason="区政府常务会调整", effective="2021-07-15", expected_value="210")
    task.refresh_from_db()
    assert (task.target_value, task.target_text) == (D("230"), "不少于230万平方米")
    assert (adj.old_value, adj.new_value, adj.old_text) == (D("210"), D("230"), "不少于210万平方米")
    assert ObjectChange.objects.filter(action="adjust", object_id=str(task.pk)).count() == 1
    with pytest.raises(Conflict):  # someone saw 210 and adjusts again: refused, not overwritten
        services.adjust_target(actors["planoffice"], task, new_value="250", reason="x", effective="2021-08-01",
                               expected_value="210")
    with pytest.raises(ValidationError) as err:
        services.adjust_target(actors["planoffice"], task, new_value="-1", reason=" ", effective="2022-01-01")
    assert set(err.value.message_dict) == {"new_value", "reason", "effective"}
    with pytest.raises(PermissionDenied):
        services.adjust_target(actors["reporter_a"], task, new_value="1", reason="x", effective="2021-08-01")
    from planwatch.web.plans.importexport import export_plan

    exported = export_plan(plan)
    assert exported.task("demolish").target_value == D("230")  # the report reads the adjusted target
    assert exported.extra["adjustments"] == [{"task": "demolish", "effective": "2021-07-15", "old_value": "210",
                                              "new_value": "230", "old_text": "不少于210万平方米",
                                              "new_text": "不少于230万平方米", "reason": "区政府常务会调整"}]
    from planwatch.package import load, write_folder

    write_folder(exported, tmp_path / "pkg")  # the history travels with the package and reads back
    assert load(tmp_path / "pkg").extra["adjustments"][0]["new_value"] == "230"


def test_plan_settings(actors, plan) -> None:
    settings = {"thresholds": {"mode": "pp", "lagging": "5", "serious": "20"},
                "reporting": {"frequency": "monthly", "opens_day": "26", "deadline_day": "6",
                              "remind_days_before": "2", "close_days_after_deadline": ""},
                "review": {"jump_factor": "4"}}
    plan = current(services.update_settings)(actors["planoffice"], plan, require_head_approval=True, four_eyes=True,
                                    **settings)
    assert plan.require_head_approval and plan.four_eyes is True
    assert plan.settings["reporting"]["opens_day"] == 26 and plan.settings["reporting"]["close_days_after_deadline"] is None
    assert schedule.of(plan.settings).deadline_day == 6
    with pytest.raises(ValidationError) as err:
        current(services.update_settings)(actors["planoffice"], plan, require_head_approval=False, four_eyes=False,
                                 thresholds={"mode": "x", "lagging": "40", "serious": "20"},
                                 reporting={"frequency": "weekly", "opens_day": "0"}, review={"jump_factor": "1"})
    assert set(err.value.message_dict) == {"mode", "serious", "frequency", "opens_day", "jump_factor"}
    with pytest.raises(PermissionDenied):
        current(services.update_settings)(actors["reporter_a"], plan, require_head_approval=False, four_eyes=False,
                                 **settings)


# --- next year ---------------------------------------------------------------------------------------


def test_next_year_is_drafted_and_imported_with_last_years_people(actors, plan, users) -> None:
    draft = years.draft_next_year(actors["planoffice"], plan)
    assert draft.year == 2022 and draft.title == "测试区2022年国民经济和社会发展计划"
    first = draft.tasks[0]
    assert (first.code, first.target_value, first.target_text) == ("demolish", None, "")
    assert draft.progress == [] and draft.targets == [] and "as_of" not in draft.settings
    plan.departments.create(code="dept_old", name="区旧局", seq=9)  # last year's department, gone from the package
    Membership.objects.filter(user=users["reporter_b"]).update(department=plan.departments.get(code="dept_old"))
    new, carried = years.import_with_people(actors["planoffice"], draft)
    assert {d.code for d in carried.departments} == {"dept_old"}
    roles = {(m.user.username, m.role, m.department.code if m.department else None)
             for m in Membership.objects.filter(plan=new)}
    assert roles == {("planoffice", "planoffice", None), ("viewer", "viewer", None), ("head_a", "head", "dept_a"),
                     ("reporter_a", "reporter", "dept_a"), ("reporter_b", "reporter", "dept_old")}
    with pytest.raises(PermissionDenied):
        years.draft_next_year(actors["reporter_a"], plan)
