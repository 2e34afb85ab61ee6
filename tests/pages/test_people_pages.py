"""The people page: the plan office adds users, changes roles and departments, deactivates, resets passwords
(shown once) and adds and renames departments, with field-level errors; nobody else reaches the page."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planwatch.web.plans.models import Department, Membership, ObjectChange

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def _member(world, name: str) -> Membership:
    return Membership.objects.get(user=world.users[name], plan=world.plan)


def _version(html: str, form_id: str) -> str:
    block = html[html.index(f'id="{form_id}"'):]
    return re.search(r'name="version" value="([0-9]+)"', block).group(1)


@pytest.mark.parametrize("name", ["viewer", "reporter-cgj", "head-cgj"])
def test_nobody_but_the_plan_office_posts_to_the_page(as_user, world, name) -> None:
    c = as_user(name)
    r = c.post("/people/", {"form": "add_person", "username": "intruder", "role": "planoffice"})
    assert r.status_code == 404
    r = c.post("/people/", {"form": "member", "member": _member(world, "reporter-jw").pk, "do": "deactivate"})
    assert r.status_code == 404
    assert not get_user_model().objects.filter(username="intruder").exists()
    assert get_user_model().objects.get(username="reporter-jw").is_active


def test_add_a_reporter_shows_the_password_once(as_user, world) -> None:
    c = as_user("planoffice")
    r = c.post("/people/", {"form": "add_person", "username": "zhou", "full_name": "周 敏", "role": "reporter",
                            "department": "cgj", "password": ""})
    assert r.status_code == 200
    shown = r.context["new_password"]
    assert shown["username"] == "zhou"
    assert shown["password"] in r.content.decode()
    assert Client().login(username="zhou", password=shown["password"])
    m = Membership.objects.get(user__username="zhou")
    assert (m.role, m.department.code) == ("reporter", "cgj")
    again = c.get("/people/")
    assert shown["password"] not in again.content.decode()  # once


def test_add_with_errors_keeps_what_was_typed_and_names_the_fields(as_user, world) -> None:
    c = as_user("planoffice")
    r = c.post("/people/", {"form": "add_person", "username": "wu", "role": "head", "department": "",
                            "password": "short"})
    assert r.status_code == 200
    errors = r.context["person_errors"]
    assert set(errors) == {"department", "password"}
    html = r.content.decode()
    assert 'value="wu"' in html and 'aria-invalid="true"' in html
    assert not get_user_model().objects.filter(username="wu").exists()
    r = c.post("/people/", {"form": "add_person", "username": "reporter-cgj", "role": "viewer"})
    assert "username" in r.context["person_errors"]


def test_change_role_and_department_with_a_row_error(as_user, world) -> None:
    c = as_user("planoffice")
    m = _member(world, "reporter-jw")
    stamp = _version(c.get("/people/").content.decode(), f"member-{m.pk}")
    r = c.post("/people/", {"form": "member", "member": m.pk, "version": stamp, "role": "head", "department": ""})
    assert r.status_code == 200 and r.context["member_id"] == m.pk
    assert "department" in r.context["member_errors"]
    assert 'data-field="department"' in r.content.decode()
    r = c.post("/people/", {"form": "member", "member": m.pk, "version": stamp, "role": "head",
                            "department": "fgw"})
    assert r.status_code == 302
    m.refresh_from_db()
    assert (m.role, m.department.code) == ("head", "fgw")
    change = ObjectChange.objects.get(object_type="plans.membership", object_id=str(m.pk))
    assert change.user_name == "planoffice" and change.before["role"] == "reporter"
    # the same old form again: someone (here: we) changed the row since
    r = c.post("/people/", {"form": "member", "member": m.pk, "version": stamp, "role": "viewer"}, follow=True)
    assert any("planoffice" in str(msg) for msg in r.context["messages"])
    m.refresh_from_db()
    assert m.role == "head"


def test_deactivate_then_login_fails_and_reset_password(as_user, world) -> None:
    c = as_user("planoffice")
    m = _member(world, "reporter-jw")
    logged_in = Client()
    logged_in.force_login(world.users["reporter-jw"])
    assert logged_in.get("/report/").status_code == 200
    assert c.post("/people/", {"form": "member", "member": m.pk, "do": "deactivate",
                               "version": m.version}).status_code == 302
    r = logged_in.get("/report/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]  # the open session ends too
    assert not Client().login(username="reporter-jw", password=PASSWORD)
    assert 'value="activate"' in c.get("/people/").content.decode()
    m.refresh_from_db()
    c.post("/people/", {"form": "member", "member": m.pk, "do": "activate", "version": m.version})
    m.refresh_from_db()
    r = c.post("/people/", {"form": "member", "member": m.pk, "do": "reset", "version": m.version})
    new = r.context["new_password"]["password"]
    assert new in r.content.decode()
    assert Client().login(username="reporter-jw", password=new)
    assert not Client().login(username="reporter-jw", password=PASSWORD)


def test_the_plan_office_cannot_deactivate_itself(as_user, world) -> None:
    c = as_user("planoffice")
    r = c.post("/people/", {"form": "member", "member": _member(world, "planoffice").pk, "do": "deactivate"},
               follow=True)
    assert r.status_code == 200 and list(r.context["messages"])
    assert get_user_model().objects.get(username="planoffice").is_active


def test_member_of_another_plan_is_404(as_user, world) -> None:
    from .factories import user

    other_plan = type(world.plan).objects.create(region=world.plan.region, year=2022, title="2022",
                                                 base_year=2020)
    stranger = user("stranger", other_plan, "reporter")
    m = Membership.objects.get(user=stranger)
    r = as_user("planoffice").post("/people/", {"form": "member", "member": m.pk, "do": "reset"})
    assert r.status_code == 404
    for junk in ("²", "9" * 30, ""):
        assert as_user("planoffice").post("/people/", {"form": "member", "member": junk}).status_code == 404
        assert as_user("planoffice").post("/people/", {"form": "department", "department_id": junk,
                                                       "name": "x"}).status_code == 404
    assert stranger.check_password(PASSWORD)


def test_departments_added_and_renamed_code_fixed_once_used(as_user, world) -> None:
    c = as_user("planoffice")
    r = c.post("/people/", {"form": "add_department", "code": "cgj", "name": "", "kind": "department"})
    assert set(r.context["department_errors"]) == {"code", "name"}
    assert 'value="cgj"' in r.content.decode()
    r = c.post("/people/", {"form": "add_department", "code": "zjw", "name": "区住建委", "name_en": "Housing",
                            "kind": "department"})
    assert r.status_code == 302
    new = Department.objects.get(plan=world.plan, code="zjw")
    html = c.get("/people/").content.decode()
    row = html[html.index(f'id="department-{new.pk}"'):]
    assert 'name="code"' in row[:row.index("</form>")]  # unused: the code is still editable
    used = world.departments["cgj"]
    row = html[html.index(f'id="department-{used.pk}"'):]
    assert 'name="code"' not in row[:row.index("</form>")]
    r = c.post("/people/", {"form": "department", "department_id": used.pk, "name": "区城市管理委员会",
                            "name_en": "", "code": "cgj2", "version": used.version})
    assert "code" in r.context["department_errors"]
    r = c.post("/people/", {"form": "department", "department_id": used.pk, "name": "区城市管理委员会",
                            "name_en": "City Management", "version": used.version})
    assert r.status_code == 302
    used.refresh_from_db()
    assert (used.code, used.name) == ("cgj", "区城市管理委员会")
    change = ObjectChange.objects.get(object_type="plans.department", object_id=str(used.pk))
    assert change.before["name"] == "区城管委" and change.after["name_en"] == "City Management"


def test_the_page_speaks_english_when_chosen(as_user, world) -> None:
    c = as_user("planoffice")
    assert "添加用户" in c.get("/people/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/people/"})
    r = c.post("/people/", {"form": "add_person", "username": "wu", "role": "reporter"})
    html = r.content.decode()
    assert "Add a user" in html
    assert "A department head or reporter needs a department" in html
