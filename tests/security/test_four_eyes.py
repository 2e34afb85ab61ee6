"""Four eyes: nobody approves a figure they submitted — as plan office or as head — unless the plan turns it
off (a small office where one person does both); the admin shows memberships read-only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import PermissionDenied
from planwatch.web.plans.models import Membership

pytestmark = pytest.mark.django_db


def _second_office(plan):
    user = get_user_model().objects.create_user("office_b", password="x")
    Membership.objects.create(user=user, plan=plan, role="planoffice")
    return Actor.for_user(user)


def test_the_plan_office_cannot_approve_its_own_figure(plan, users, task) -> None:
    office = Actor.for_user(users["planoffice"])
    sub = services.report(office, task, value="100", as_of="2021-07-31")
    with pytest.raises(PermissionDenied, match=r"双人复核"):
        services.approve(office, sub, version=sub.version)
    assert services.approve(_second_office(plan), sub, version=sub.version).status == "approved"


def test_a_head_cannot_head_approve_their_own_figure(plan, users, task) -> None:
    plan = services.update_plan_settings(Actor.for_user(users["planoffice"]), plan, version=plan.version,
                                         require_head_approval=True)
    head = Actor.for_user(users["head_a"])
    sub = services.report(head, task, value="100", as_of="2021-07-31")
    with pytest.raises(PermissionDenied):
        services.approve(head, sub, version=sub.version)


def test_a_small_office_turns_four_eyes_off(plan, users, task, api) -> None:
    office = Actor.for_user(users["planoffice"])
    response = api("planoffice").patch(f"/api/plans/{plan.pk}/", {"four_eyes": False, "version": plan.version},
                                       format="json")
    assert response.status_code == 200 and response.json()["four_eyes"] is False
    sub = services.report(office, task, value="100", as_of="2021-07-31")
    assert services.approve(office, sub, version=sub.version).status == "approved"


def test_the_api_answers_403_to_one_s_own_approval(users, task, api) -> None:
    sub = api("planoffice").post(f"/api/tasks/{task.pk}/submissions/", {"value": "100", "as_of": "2021-07-31"},
                                 format="json").json()
    response = api("planoffice").post(f"/api/submissions/{sub['id']}/approve/", {"version": sub["version"]},
                                      format="json")
    assert response.status_code == 403


def test_the_admin_shows_memberships_read_only(plan, users, client) -> None:
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    member = Membership.objects.get(user=users["reporter_a"])
    page = client.get(f"/admin/plans/membership/{member.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.get("/admin/plans/membership/add/").status_code == 403
    assert client.post(f"/admin/plans/membership/{member.pk}/change/", {"role": "planoffice"}).status_code == 403
    assert Membership.objects.get(pk=member.pk).role == "reporter"
