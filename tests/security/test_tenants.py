"""Tenants: shared records (regions, accounts) change only by someone whose scope covers every plan using
them; an import never changes another plan's data; the people API tells nothing about accounts outside the
caller's plans; and every change that every service makes is in the change log."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from planwatch.core import model as core
from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import PackageImportError, import_package
from planwatch.web.plans.models import Membership, ObjectChange, Plan, Region
from planwatch.web.plans.services import people
from web.factories import small_plan

pytestmark = pytest.mark.django_db


def _renamed(year: int) -> core.Plan:
    plan = small_plan(year=year)  # region testdistrict, as plan 1's
    return dataclasses.replace(plan, region=core.Region("testdistrict", "改名区", "Renamed"))


def test_another_plan_s_office_cannot_rename_a_shared_region_through_an_import(plan, users, other) -> None:
    with pytest.raises(PackageImportError) as err:
        import_package(_renamed(2022), actor=Actor.for_user(other["office2"]))
    assert err.value.field == "region.name"
    assert Region.objects.get(code="testdistrict").name == "测试区"
    assert not Plan.objects.filter(year=2022).exists()  # nothing imported


def test_the_office_of_every_plan_of_the_region_renames_it_and_it_is_logged(plan, users) -> None:
    import_package(_renamed(2022), actor=Actor.for_user(users["planoffice"]))
    region = Region.objects.get(code="testdistrict")
    assert region.name == "改名区"
    change = ObjectChange.objects.get(object_type="plans.region", object_id=str(region.pk), action="update")
    assert (change.before["name"], change.after["name"], change.user_name) == ("测试区", "改名区", "planoffice")


def test_the_people_api_tells_nothing_of_accounts_beyond_the_caller_s_plans(plan, users, other) -> None:
    c = APIClient()
    c.force_authenticate(other["office2"])
    mine = Membership.objects.get(user=users["reporter_b"], plan=plan)
    assert c.get("/api/people/", {"plan": plan.pk}).json()["count"] == 0
    assert c.get(f"/api/people/{mine.pk}/").status_code == 404
    assert c.get(f"/api/people/{mine.pk}/changes/").status_code == 404
    get_user_model().objects.create_superuser("root", password="x")
    answers = [c.post("/api/people/", {"plan": other["plan"].pk, "username": name, "role": "viewer"},
                      format="json") for name in ("reporter_b", "root")]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json() == answers[1].json() == {"username": ["此用户名不可用，请另选一个"]}
    assert Membership.objects.filter(user=users["reporter_b"]).count() == 1


# --- every change is logged ----------------------------------------------------------------------------

SKIP = {"plans.objectchange", "plans.warningrecord"}  # the log itself; warnings are recomputed, not edited
VOLATILE = {"last_login", "updated_at", "data_version", "figures_version"}  # bookkeeping: when; the assessment cache


def _state() -> dict[tuple[str, Any], dict[str, Any]]:
    models = [*apps.get_app_config("plans").get_models(), get_user_model()]
    out: dict[tuple[str, Any], dict[str, Any]] = {}
    for model in models:
        label = model._meta.label_lower
        if label in SKIP:
            continue
        for row in model.objects.values():
            out[(label, row["id"])] = {k: v for k, v in row.items() if k not in VOLATILE}
    return out


def _unlogged(before: dict, after: dict, since: int) -> list[tuple[str, Any]]:
    logged = set(ObjectChange.objects.filter(id__gt=since).values_list("object_type", "object_id"))
    changed = [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]
    return [key for key in changed if (key[0], str(key[1])) not in logged]


def test_every_service_logs_every_row_it_changes(plan, users, task, task_b) -> None:
    office, reporter, head = (Actor.for_user(users[n]) for n in ("planoffice", "reporter_a", "head_a"))
    second = people.add_person(office, plan, username="office_b", role="planoffice").membership.user
    office_b = Actor.for_user(second)
    member = Membership.objects.get(user=users["reporter_b"], plan=plan)
    dept = plan.departments.get(code="dept_b")
    project = plan.projects.get(code="p_a")

    def sub_version(s: Any) -> int:
        return type(s).objects.get(pk=s.pk).version

    steps = [
        lambda: services.report(reporter, task, value="100", as_of="2021-07-31"),
        lambda: services.create_draft(reporter, task, value="101", as_of="2021-08-31"),
        lambda: people.add_person(office, plan, username="newcomer", role="viewer"),
        lambda: people.change_role(office, member, role="head", department="dept_b", version=member.version),
        lambda: people.reset_password(office, member, version=sub_version(member)),
        lambda: people.set_active(office, member, False, version=sub_version(member)),
        lambda: people.create_department(office, plan, code="dept_n", name="新局"),
        lambda: people.update_department(office, dept, name="乙局", version=dept.version),
        lambda: services.add_project_update(reporter, project, phase="completed", investment_done="6000",
                                            as_of="2021-07-31", version=project.version),
        lambda: services.open_round(office, plan, label="8月", period="2021-08", opens="2021-08-01",
                                    deadline="2021-09-05"),
        lambda: services.update_plan_settings(office, plan, version=sub_version(plan), four_eyes=False,
                                              require_head_approval=True),
        lambda: people.make_superuser(Actor.cli(), second),
    ]
    made: list[Any] = []
    for step in steps:
        before, since = _state(), ObjectChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
        made.append(step())
        assert _unlogged(before, _state(), since) == [], step
    sub = made[0]
    decisions = [
        lambda: services.approve(head, sub, version=sub_version(sub)),  # the head step is on now
        lambda: services.return_(office_b, sub, "请核实", version=sub_version(sub)),
        lambda: services.submit(reporter, sub, version=sub_version(sub)),
        lambda: services.approve(head, sub, version=sub_version(sub)),
        lambda: services.approve(office, sub, version=sub_version(sub)),
        lambda: services.close_round(office, made[9], version=sub_version(made[9])),
    ]
    for step in decisions:
        before, since = _state(), ObjectChange.objects.order_by("-id").values_list("id", flat=True).first()
        step()
        assert _unlogged(before, _state(), since) == [], step
