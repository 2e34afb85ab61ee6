"""People and departments of a plan: the service (plans.services.people) and /api/people/, /api/departments/.

Only the plan office of the plan manages them; every change is in the change log with before and after; a
deactivated account can neither log in nor use or get a token; a stale form is refused (409).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from planwatch.web.access import tokens
from planwatch.web.access.models import ApiToken
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, StateError, ValidationError
from planwatch.web.plans.importexport import import_package
from planwatch.web.plans.models import Department, Membership, ObjectChange, Plan
from planwatch.web.plans.services import people

from .factories import current, small_plan

pytestmark = pytest.mark.django_db
NOT_OFFICE = ("viewer", "head_a", "reporter_a", "reporter_b")


def actor(users: dict[str, Any], name: str) -> Actor:
    return Actor.for_user(users[name])


def member(users: dict[str, Any], name: str) -> Membership:
    return Membership.objects.select_related("user", "plan").get(user=users[name])


@pytest.fixture
def other(plan: Plan, users: dict[str, Any]) -> dict[str, Any]:
    """A second plan (another district) with its own plan office and reporter."""
    second = import_package(small_plan(region="otherdistrict"), actor=Actor.cli())
    out: dict[str, Any] = {"plan": second}
    for name, role, dept in (("office2", "planoffice", None), ("reporter2", "reporter", "dept_a")):
        u = get_user_model().objects.create_user(name, password="pw-" + name)
        Membership.objects.create(user=u, plan=second, role=role,
                                  department=second.departments.get(code=dept) if dept else None)
        out[name] = u
    return out


# --- the service ------------------------------------------------------------------------------------------

def test_office_adds_a_reporter_with_a_one_time_password_and_the_log_has_no_hash(plan, users) -> None:
    added = people.add_person(actor(users, "planoffice"), plan, username="zhang", role="reporter",
                              department="dept_b", full_name="Zhang San")
    assert added.created and added.password and len(added.password) >= 12
    zhang = get_user_model().objects.get(username="zhang")
    assert zhang.check_password(added.password) and zhang.get_full_name() == "Zhang San"
    assert (added.membership.role, added.membership.department.code) == ("reporter", "dept_b")
    logged = ObjectChange.objects.filter(object_id__in=[str(zhang.pk), str(added.membership.pk)])
    kinds = {(c.object_type, c.action) for c in logged}
    assert kinds == {("auth.user", "create"), ("plans.membership", "create")}
    for c in logged:
        assert c.user_name == "planoffice" and c.before is None and c.plan_id == plan.pk
        assert "password" not in c.after and zhang.password not in str(c.after)
    m_change = logged.get(object_type="plans.membership")
    assert m_change.after["role"] == "reporter" and m_change.after["department_id"] == added.membership.department_id


def test_a_given_password_is_checked_and_kept(plan, users) -> None:
    with pytest.raises(ValidationError) as err:
        people.add_person(actor(users, "planoffice"), plan, username="li", role="viewer", password="short")
    assert set(err.value.message_dict) == {"password"}
    added = people.add_person(actor(users, "planoffice"), plan, username="li", role="viewer",
                              password="a-long-pass-2021")
    assert added.password == "a-long-pass-2021" and added.membership.department is None


@pytest.mark.parametrize(("role", "department", "field"), [
    ("reporter", None, "department"),       # a reporter needs a department
    ("head", "nope", "department"),         # not a department of the plan
    ("planoffice", "dept_a", "department"),  # the plan office has none
    ("boss", None, "role"),
])
def test_field_errors_on_adding(plan, users, role, department, field) -> None:
    with pytest.raises(ValidationError) as err:
        people.add_person(actor(users, "planoffice"), plan, username="wang", role=role, department=department)
    assert field in err.value.message_dict
    assert not get_user_model().objects.filter(username="wang").exists()


def test_bad_user_name_and_existing_member_are_refused(plan, users) -> None:
    office = actor(users, "planoffice")
    for bad in ("", "has space", "x" * 151):
        with pytest.raises(ValidationError) as err:
            people.add_person(office, plan, username=bad, role="viewer")
        assert "username" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        people.add_person(office, plan, username="reporter_b", role="viewer")
    assert "username" in err.value.message_dict


def test_an_account_of_another_plan_is_not_available_to_the_other_office(plan, users, other) -> None:
    """GIVEN reporter_b of plan 1 WHEN the office of plan 2 adds that user name THEN "not available" (nothing
    about the account is told) AND the administrator may add the account, its password unchanged."""
    with pytest.raises(ValidationError) as err:
        people.add_person(Actor.for_user(other["office2"]), other["plan"], username="reporter_b", role="viewer")
    assert err.value.message_dict == {"username": ["此用户名不可用，请另选一个"]}
    assert Membership.objects.filter(user=users["reporter_b"]).count() == 1
    added = people.add_person(Actor.cli(), other["plan"], username="reporter_b", role="viewer")
    assert not added.created and added.password is None
    assert users["reporter_b"].check_password("pw-reporter_b")
    assert Membership.objects.filter(user=users["reporter_b"]).count() == 2


@pytest.mark.parametrize("name", NOT_OFFICE)
def test_only_the_plan_office_manages_people(plan, users, name) -> None:
    who = actor(users, name)
    target = member(users, "reporter_b")
    dept = plan.departments.get(code="dept_a")
    calls = [
        lambda: people.add_person(who, plan, username="new1", role="viewer"),
        lambda: current(people.change_role)(who, target, role="viewer"),
        lambda: current(people.set_active)(who, target, False),
        lambda: current(people.reset_password)(who, target),
        lambda: people.create_department(who, plan, code="dept_new", name="新局"),
        lambda: current(people.update_department)(who, dept, name="改名"),
        lambda: people.make_superuser(who, users["reporter_b"]),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    target.refresh_from_db()
    users["reporter_b"].refresh_from_db()
    dept.refresh_from_db()
    assert target.role == "reporter" and users["reporter_b"].is_active and dept.name == "区甲局"
    assert not get_user_model().objects.filter(username="new1").exists()
    assert not ObjectChange.objects.filter(user=users[name]).exists()


def test_the_plan_office_of_another_plan_cannot(plan, users, other) -> None:
    who = Actor.for_user(other["office2"])
    target = member(users, "reporter_b")
    with pytest.raises(PermissionDenied):
        people.add_person(who, plan, username="new2", role="viewer")
    with pytest.raises(PermissionDenied):
        current(people.change_role)(who, target, role="viewer")
    with pytest.raises(PermissionDenied):
        current(people.reset_password)(who, target)
    with pytest.raises(PermissionDenied):
        current(people.update_department)(who, plan.departments.get(code="dept_a"), name="改名")


def test_an_account_in_two_plans_is_managed_only_by_the_office_of_both(plan, users, other) -> None:
    people.add_person(Actor.cli(), other["plan"], username="reporter_b", role="viewer")
    mine = Membership.objects.get(user=users["reporter_b"], plan=plan)
    with pytest.raises(PermissionDenied):
        current(people.reset_password)(actor(users, "planoffice"), mine)
    with pytest.raises(PermissionDenied):
        current(people.set_active)(actor(users, "planoffice"), mine, False)
    current(people.change_role)(actor(users, "planoffice"), mine, role="viewer")  # the role in its own plan: yes
    assert Membership.objects.get(pk=mine.pk).role == "viewer"


def test_a_superusers_account_is_not_the_plan_offices(plan, users) -> None:
    users["viewer"].is_superuser = True
    users["viewer"].save()
    with pytest.raises(PermissionDenied):
        current(people.reset_password)(actor(users, "planoffice"), member(users, "viewer"))
    with pytest.raises(PermissionDenied):
        people.make_superuser(actor(users, "planoffice"), users["reporter_a"])


def test_role_change_logs_before_and_after_and_needs_a_department(plan, users) -> None:
    office = actor(users, "planoffice")
    target = member(users, "reporter_b")
    with pytest.raises(ValidationError) as err:
        current(people.change_role)(office, target, role="head", department="nope")
    assert "department" in err.value.message_dict
    current(people.change_role)(office, target, role="head", department="dept_a")
    fresh = Membership.objects.get(pk=target.pk)
    assert (fresh.role, fresh.department.code) == ("head", "dept_a")
    change = ObjectChange.objects.filter(object_type="plans.membership", object_id=str(target.pk)).get()
    assert change.action == "update" and change.user_name == "planoffice"
    assert change.before["role"] == "reporter" and change.after["role"] == "head"
    assert change.before["department_id"] == plan.departments.get(code="dept_b").pk
    assert change.after["department_id"] == plan.departments.get(code="dept_a").pk
    current(people.change_role)(office, fresh, role="viewer")  # a viewer has no department
    assert Membership.objects.get(pk=target.pk).department is None


def test_the_last_plan_office_stays(plan, users) -> None:
    office = actor(users, "planoffice")
    mine = member(users, "planoffice")
    with pytest.raises(StateError):
        current(people.change_role)(office, mine, role="viewer")
    with pytest.raises(StateError):
        current(people.set_active)(office, mine, False)  # nor deactivate oneself
    second = people.add_person(office, plan, username="office_b", role="planoffice").membership
    current(people.change_role)(Actor.for_user(second.user), mine, role="viewer")
    assert Membership.objects.get(pk=mine.pk).role == "viewer"


def test_a_stale_version_is_refused_naming_who_changed_it(plan, users) -> None:
    target = member(users, "reporter_b")
    read = target.version
    second = people.add_person(actor(users, "planoffice"), plan, username="office_b", role="planoffice")
    people.change_role(Actor.for_user(second.membership.user), target, role="viewer", version=read)
    with pytest.raises(Conflict) as err:
        people.set_active(actor(users, "planoffice"), target, False, version=read)
    assert err.value.changed_by == "office_b" and err.value.current_version == read + 1
    assert get_user_model().objects.get(username="reporter_b").is_active
    dept = plan.departments.get(code="dept_b")
    people.update_department(actor(users, "planoffice"), dept, name="区乙局（新）", version=dept.version)
    with pytest.raises(Conflict):
        people.update_department(actor(users, "planoffice"), dept, name="别的名字", version=dept.version)
    assert Department.objects.get(pk=dept.pk).name == "区乙局（新）"
    from planwatch.web.plans.errors import VersionRequired

    with pytest.raises(VersionRequired):
        people.update_department(actor(users, "planoffice"), dept, name="别的名字")


def test_deactivated_account_cannot_log_in_nor_get_or_use_a_token(plan, users) -> None:
    key, _token = tokens.issue(users["reporter_b"])
    current(people.set_active)(actor(users, "planoffice"), member(users, "reporter_b"), False)
    assert not Client().login(username="reporter_b", password="pw-reporter_b")
    r = APIClient().post("/api/auth/token/", {"username": "reporter_b", "password": "pw-reporter_b"},
                         format="json")
    assert r.status_code == 400 and "token" not in r.json()
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert c.get("/api/tasks/").status_code == 401
    change = ObjectChange.objects.get(object_type="auth.user", object_id=str(users["reporter_b"].pk))
    assert change.before["is_active"] is True and change.after["is_active"] is False
    assert ObjectChange.objects.filter(object_type="auth.user").count() == 1
    current(people.set_active)(actor(users, "planoffice"), member(users, "reporter_b"), True)
    assert Client().login(username="reporter_b", password="pw-reporter_b")


def test_reset_password_answers_a_new_one_and_old_credentials_stop(plan, users) -> None:
    _key, token = tokens.issue(users["reporter_b"])
    new = current(people.reset_password)(actor(users, "planoffice"), member(users, "reporter_b"))
    u = get_user_model().objects.get(username="reporter_b")
    assert u.check_password(new) and not u.check_password("pw-reporter_b")
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    change = ObjectChange.objects.get(object_type="auth.user", object_id=str(u.pk))
    assert u.password not in str(change.before) + str(change.after)
    assert current(people.reset_password)(actor(users, "planoffice"), member(users, "reporter_b"),
                                 "chosen-pass-2021") == "chosen-pass-2021"


def test_departments_created_renamed_and_their_code_fixed_once_used(plan, users) -> None:
    office = actor(users, "planoffice")
    with pytest.raises(ValidationError) as err:
        people.create_department(office, plan, code="dept_a", name="重复")
    assert "code" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        people.create_department(office, plan, code="bad code", name="", kind="club")
    assert set(err.value.message_dict) == {"code", "name", "kind"}
    new = people.create_department(office, plan, code="dept_n", name="区新局", name_en="New Bureau",
                                   kind="subdistrict")
    assert new.seq > plan.departments.exclude(pk=new.pk).order_by("-seq").first().seq
    current(people.update_department)(office, new, code="dept_m")  # unused: the code may still change
    assert Department.objects.get(pk=new.pk).code == "dept_m"
    people.add_person(office, plan, username="zhao", role="reporter", department="dept_m")
    with pytest.raises(ValidationError) as err:
        current(people.update_department)(office, new, code="dept_k")
    assert "code" in err.value.message_dict
    current(people.update_department)(office, Department.objects.get(pk=new.pk), name="区新新局")
    changes = list(ObjectChange.objects.filter(object_type="plans.department", object_id=str(new.pk))
                   .order_by("id"))
    assert [c.action for c in changes] == ["create", "update", "update"]
    assert (changes[1].before["code"], changes[1].after["code"]) == ("dept_n", "dept_m")
    assert (changes[2].before["name"], changes[2].after["name"]) == ("区新局", "区新新局")
    with pytest.raises(ValidationError):
        current(people.update_department)(office, plan.departments.get(code="dept_a"), code="dept_z")  # has tasks


# --- the API ----------------------------------------------------------------------------------------------

def test_api_people_list_is_the_plan_offices(plan, users, api, other) -> None:
    r = api("planoffice").get("/api/people/")
    assert r.status_code == 200
    names = {p["username"] for p in r.json()["results"]}
    assert names == set(users) and "reporter2" not in names
    for name in NOT_OFFICE:
        assert api(name).get("/api/people/").json()["results"] == []
        assert api(name).get(f"/api/people/{member(users, 'reporter_b').pk}/").status_code == 404
    c = APIClient()
    c.force_authenticate(other["office2"])
    assert c.get(f"/api/people/{member(users, 'reporter_b').pk}/").status_code == 404


def test_api_create_person_answers_the_password_once(plan, users, api) -> None:
    r = api("planoffice").post("/api/people/", {"plan": plan.pk, "username": "sun", "role": "reporter",
                                                "department": "dept_a"}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["department"] == "dept_a" and body["is_active"] and body["password"]
    assert get_user_model().objects.get(username="sun").check_password(body["password"])
    again = api("planoffice").get(f"/api/people/{body['id']}/").json()
    assert "password" not in again and again["version"] == 1
    r = api("planoffice").post("/api/people/", {"plan": plan.pk, "username": "qian", "role": "head"},
                               format="json")
    assert r.status_code == 400 and "department" in r.json()


@pytest.mark.parametrize("name", NOT_OFFICE)
def test_api_writes_by_others_are_403(plan, users, api, name) -> None:
    c = api(name)
    target = member(users, "reporter_b").pk
    assert c.post("/api/people/", {"plan": plan.pk, "username": "x1", "role": "viewer"},
                  format="json").status_code == 403
    assert c.post("/api/departments/", {"plan": plan.pk, "code": "d9", "name": "局"},
                  format="json").status_code == 403
    dept = plan.departments.get(code="dept_b").pk
    assert c.patch(f"/api/departments/{dept}/", {"name": "改"}, format="json").status_code == 403
    assert c.patch(f"/api/people/{target}/", {"role": "viewer"}, format="json").status_code == 404
    assert c.post(f"/api/people/{target}/password/", {}, format="json").status_code == 404
    assert not get_user_model().objects.filter(username="x1").exists()


def test_api_writes_into_another_plan_are_404(plan, users, other) -> None:
    c = APIClient()
    c.force_authenticate(other["office2"])
    assert c.post("/api/people/", {"plan": plan.pk, "username": "x2", "role": "viewer"},
                  format="json").status_code == 404
    assert c.post("/api/departments/", {"plan": plan.pk, "code": "d9", "name": "局"},
                  format="json").status_code == 404
    dept = plan.departments.get(code="dept_b").pk
    assert c.patch(f"/api/departments/{dept}/", {"name": "改"}, format="json").status_code == 404


def test_api_patch_role_department_active_and_stale_version(plan, users, api) -> None:
    c = api("planoffice")
    target = member(users, "reporter_b").pk
    read = c.get(f"/api/people/{target}/").json()["version"]
    assert c.patch(f"/api/people/{target}/", {"role": "head", "department": "dept_a"},
                   format="json").status_code == 428
    r = c.patch(f"/api/people/{target}/", {"role": "head", "department": "dept_a", "version": read}, format="json")
    assert r.status_code == 200 and (r.json()["role"], r.json()["department"]) == ("head", "dept_a")
    r = c.patch(f"/api/people/{target}/", {"is_active": False, "version": read}, format="json")
    assert r.status_code == 409 and r.json()["changed_by"] == "planoffice"
    r = c.patch(f"/api/people/{target}/", {"is_active": False, "version": read + 1}, format="json")
    assert r.status_code == 200 and r.json()["is_active"] is False and r.json()["version"] == read + 2
    log = c.get(f"/api/people/{target}/changes/").json()
    assert [(e["object_type"], e["action"]) for e in log] == [  # the account, and the membership standing for it
        ("plans.membership", "update"), ("auth.user", "update"), ("plans.membership", "update")]
    own = member(users, "planoffice")
    assert c.patch(f"/api/people/{own.pk}/", {"role": "viewer", "version": own.version},
                   format="json").status_code == 409


def test_api_reset_password_and_new_token(plan, users, api) -> None:
    c = api("planoffice")
    target = member(users, "reporter_b").pk
    r = c.post(f"/api/people/{target}/password/", {"version": 1}, format="json")
    assert r.status_code == 200
    new = r.json()["password"]
    r = APIClient().post("/api/auth/token/", {"username": "reporter_b", "password": new}, format="json")
    assert r.status_code == 200 and r.json()["token"]
    assert c.post(f"/api/people/{target}/password/", {"password": "short", "version": 2},
                  format="json").status_code == 400


def test_api_departments_create_and_rename(plan, users, api) -> None:
    c = api("planoffice")
    r = c.post("/api/departments/", {"plan": plan.pk, "code": "dept_n", "name": "区新局", "kind": "subdistrict"},
               format="json")
    assert r.status_code == 201 and r.json()["in_use"] is False
    dept = r.json()["id"]
    assert api("reporter_a").get(f"/api/departments/{dept}/").status_code == 200  # members read departments
    r = c.patch(f"/api/departments/{dept}/", {"name": "区新新局", "name_en": "New Bureau", "version": 1},
                format="json")
    assert r.status_code == 200 and r.json()["name"] == "区新新局"
    used = plan.departments.get(code="dept_a").pk
    r = c.patch(f"/api/departments/{used}/", {"code": "dept_x", "version": 1}, format="json")
    assert r.status_code == 400 and "code" in r.json()
    assert c.post("/api/departments/", {"plan": plan.pk, "code": "dept_n", "name": "又一个"},
                  format="json").status_code == 400


def test_people_endpoints_are_in_the_schema(client) -> None:
    import json

    doc = json.loads(client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)
    paths = doc["paths"]
    assert {"get", "post"} <= set(paths["/api/people/"]) and "patch" in paths["/api/people/{id}/"]
    assert "post" in paths["/api/people/{id}/password/"]
    assert "post" in paths["/api/departments/"] and "patch" in paths["/api/departments/{id}/"]


def test_cli_createuser_goes_through_the_service(plan, users, capsys) -> None:
    from planwatch.cli import main

    assert main(["admin", "createuser", "reporter_b", "--role", "head", "--department", "dept_a"]) == 0
    m = member(users, "reporter_b")
    assert (m.role, m.department.code) == ("head", "dept_a")
    change = ObjectChange.objects.get(object_type="plans.membership", object_id=str(m.pk))
    assert change.user_name.startswith("cli:") and change.before["role"] == "reporter"
    assert users["reporter_b"].check_password("pw-reporter_b")  # no password given: unchanged
    with pytest.raises(SystemExit):
        main(["admin", "createuser", "planoffice", "--role", "viewer"])  # the plan's last plan office


@pytest.mark.django_db(transaction=True)
def test_two_offices_change_one_person_at_once_one_wins(plan, users) -> None:
    import threading

    from django.db import connection

    second = get_user_model().objects.create_user("planoffice2", password="x")
    Membership.objects.create(user=second, plan=plan, role="planoffice")
    target = member(users, "reporter_b")
    barrier = threading.Barrier(2)
    codes: dict[str, int] = {}

    def act(user: Any, role: str) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait(timeout=10)
            codes[role] = client.patch(f"/api/people/{target.pk}/", {"role": role, "version": target.version},
                                       format="json").status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(users["planoffice"], "viewer")),
               threading.Thread(target=act, args=(second, "planoffice"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(codes.values()) == [200, 409]
    winner = next(role for role, code in codes.items() if code == 200)
    assert Membership.objects.get(pk=target.pk).role == winner
    changes = ObjectChange.objects.filter(object_type="plans.membership", object_id=str(target.pk))
    assert changes.count() == 1 and changes.get().after["role"] == winner


def test_api_people_list_filters_by_plan_and_ignores_junk(plan, users, api, other) -> None:
    c = api("planoffice")
    assert c.get("/api/people/", {"plan": plan.pk}).json()["count"] == len(users)
    assert c.get("/api/people/", {"plan": other["plan"].pk}).json()["count"] == 0  # not its plan
    for junk in ("²", "9" * 30, "-1", "abc"):
        assert c.get("/api/people/", {"plan": junk}).status_code == 200


def test_api_patch_is_all_or_nothing(plan, users, api) -> None:
    own = member(users, "planoffice").pk
    second = people.add_person(actor(users, "planoffice"), plan, username="office_b", role="planoffice")
    r = api("planoffice").patch(f"/api/people/{own}/", {"role": "viewer", "is_active": False, "version": 1},
                                format="json")
    assert r.status_code == 409  # one's own account is not deactivated, so the role does not change either
    assert Membership.objects.get(pk=own).role == "planoffice"
    assert second.membership.role == "planoffice"
