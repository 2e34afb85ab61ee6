"""Every permission boundary of the API: out of scope answers 404; in scope without the right, 403."""

from __future__ import annotations

import pytest

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def sub_a(users, task):
    """A submitted figure of department A's task."""
    return services.report(Actor.for_user(users["reporter_a"]), task, value="100", as_of="2021-07-31")


@pytest.fixture
def project_a(plan):
    return plan.projects.get(code="p_a")


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_task_lists_are_scoped(api) -> None:
    assert _codes(api("planoffice").get("/api/tasks/")) == ["demolish", "demolish_east", "greening", "plan_done"]
    assert _codes(api("viewer").get("/api/tasks/")) == ["demolish", "demolish_east", "greening", "plan_done"]
    assert _codes(api("reporter_a").get("/api/tasks/")) == ["demolish", "demolish_east"]
    assert _codes(api("head_a").get("/api/tasks/")) == ["demolish", "demolish_east"]
    assert _codes(api("reporter_b").get("/api/tasks/")) == ["greening", "plan_done"]


def test_a_filter_cannot_reach_outside_the_scope(api) -> None:
    assert _codes(api("reporter_b").get("/api/tasks/?department=dept_a")) == []


def test_reporter_of_another_department_gets_404_on_read(api, task, sub_a, project_a) -> None:
    b = api("reporter_b")
    assert b.get(f"/api/tasks/{task.pk}/").status_code == 404
    assert b.get(f"/api/submissions/{sub_a.pk}/").status_code == 404
    assert b.get(f"/api/projects/{project_a.pk}/").status_code == 404
    assert b.get(f"/api/tasks/{task.pk}/changes/").status_code == 404
    assert b.get(f"/api/submissions/{sub_a.pk}/changes/").status_code == 404
    assert b.get("/api/submissions/").json()["count"] == 0
    assert [p["code"] for p in b.get("/api/projects/").json()["results"]] == ["p_b"]


def test_reporter_of_another_department_gets_404_on_write(api, task, sub_a, project_a) -> None:
    b = api("reporter_b")
    assert b.post(f"/api/tasks/{task.pk}/submissions/", {"value": "1", "as_of": "2021-07-31"},
                  format="json").status_code == 404
    assert b.post("/api/submissions/", {"task": task.pk, "value": "1", "as_of": "2021-07-31"},
                  format="json").status_code == 404
    assert b.patch(f"/api/submissions/{sub_a.pk}/", {"value": "1"}, format="json").status_code == 404
    for verb in ("submit", "approve"):
        assert b.post(f"/api/submissions/{sub_a.pk}/{verb}/", {}, format="json").status_code == 404
    assert b.post(f"/api/submissions/{sub_a.pk}/return/", {"comment": "x"}, format="json").status_code == 404
    assert b.post(f"/api/projects/{project_a.pk}/updates/",
                  {"phase": "completed", "investment_done": "9000", "as_of": "2021-07-31"},
                  format="json").status_code == 404
    sub_a.refresh_from_db()
    assert sub_a.status == "submitted"


def test_viewer_reads_approved_data_only_and_writes_nothing(api, plan, task, sub_a, project_a) -> None:
    v = api("viewer")
    statuses = {row["status"] for row in v.get("/api/submissions/").json()["results"]}
    assert statuses == {"approved"}
    assert v.get(f"/api/submissions/{sub_a.pk}/").status_code == 404  # submitted, not approved yet
    assert v.post(f"/api/tasks/{task.pk}/submissions/", {"value": "1", "as_of": "2021-07-31"},
                  format="json").status_code == 403
    assert v.post("/api/submissions/", {"task": task.pk, "value": "1", "as_of": "2021-07-31"},
                  format="json").status_code == 403
    assert v.post(f"/api/projects/{project_a.pk}/updates/",
                  {"phase": "completed", "investment_done": "9000", "as_of": "2021-07-31"},
                  format="json").status_code == 403
    assert v.post("/api/rounds/", {"plan": plan.pk, "label": "7月", "period": "2021-07", "opens": "2021-07-25",
                                   "deadline": "2021-08-05"}, format="json").status_code == 403
    approved = plan.tasks.get(code="demolish").submissions.filter(status="approved").first()
    assert v.post(f"/api/submissions/{approved.pk}/approve/", {}, format="json").status_code == 403
    assert v.post(f"/api/submissions/{approved.pk}/return/", {"comment": "x"}, format="json").status_code == 403


def test_only_the_plan_office_approves_without_the_head_step(api, sub_a) -> None:
    for who in ("reporter_a", "head_a"):
        response = api(who).post(f"/api/submissions/{sub_a.pk}/approve/", {}, format="json")
        assert response.status_code == 403, who
        response = api(who).post(f"/api/submissions/{sub_a.pk}/return/", {"comment": "x"}, format="json")
        assert response.status_code == 403, who
    assert api("planoffice").post(f"/api/submissions/{sub_a.pk}/approve/", {}, format="json").status_code == 428
    response = api("planoffice").post(f"/api/submissions/{sub_a.pk}/approve/", {"version": sub_a.version},
                                      format="json")
    assert (response.status_code, response.json()["status"]) == (200, "approved")


def test_the_head_approves_first_where_the_plan_says_so(api, plan, sub_a) -> None:
    plan.require_head_approval = True
    plan.save()
    v = {"version": sub_a.version}
    assert api("planoffice").post(f"/api/submissions/{sub_a.pk}/approve/", v, format="json").status_code == 409
    assert api("reporter_a").post(f"/api/submissions/{sub_a.pk}/approve/", v, format="json").status_code == 403
    response = api("head_a").post(f"/api/submissions/{sub_a.pk}/approve/", v, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "head_approved")
    response = api("planoffice").post(f"/api/submissions/{sub_a.pk}/approve/", {"version": sub_a.version + 1},
                                      format="json")
    assert (response.status_code, response.json()["status"]) == (200, "approved")


def test_changes_of_the_plan_are_the_plan_office_s(api, sub_a) -> None:
    assert api("planoffice").get("/api/changes/").json()["count"] > 0
    for who in ("viewer", "reporter_a", "head_a"):
        assert api(who).get("/api/changes/").json()["count"] == 0, who
    assert api("reporter_a").get(f"/api/submissions/{sub_a.pk}/changes/").status_code == 200


def test_export_is_for_the_plan_office_and_viewers(api, plan) -> None:
    assert api("reporter_a").get(f"/api/plans/{plan.pk}/export/").status_code == 403
    assert api("viewer").get(f"/api/plans/{plan.pk}/export/?format=xlsx").status_code == 200


def test_a_user_without_membership_sees_nothing(db, plan, task) -> None:
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(get_user_model().objects.create_user("stranger", password="x"))
    assert client.get("/api/tasks/").json()["count"] == 0
    assert client.get("/api/plans/").json()["count"] == 0
    assert client.get(f"/api/tasks/{task.pk}/").status_code == 404
    assert client.post(f"/api/tasks/{task.pk}/submissions/", {"value": "1", "as_of": "2021-07-31"},
                       format="json").status_code == 404


def test_anonymous_requests_are_refused(db, plan, task) -> None:
    from rest_framework.test import APIClient

    assert APIClient().get("/api/tasks/").status_code in (401, 403)
    assert APIClient().post(f"/api/tasks/{task.pk}/submissions/", {"value": "1", "as_of": "2021-07-31"},
                            format="json").status_code in (401, 403)


def test_writable_by_is_the_department_for_reporters_and_nothing_for_viewers(users, plan) -> None:
    from planwatch.web.plans.models import Project, Task

    assert set(Task.objects.writable_by(users["reporter_a"]).values_list("code", flat=True)) == \
        {"demolish", "demolish_east"}
    assert not Task.objects.writable_by(users["viewer"]).exists()
    assert Task.objects.writable_by(users["planoffice"]).count() == 4
    assert list(Project.objects.writable_by(users["reporter_b"]).values_list("code", flat=True)) == ["p_b"]


def test_the_admin_site_shows_data_read_only(client, plan, task) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    assert client.get("/admin/plans/task/").status_code == 200
    page = client.get(f"/admin/plans/task/{task.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.get("/admin/plans/task/add/").status_code == 403


def test_only_the_plan_office_turns_on_the_head_step(api, plan) -> None:
    for who in ("viewer", "reporter_a", "head_a"):
        assert api(who).patch(f"/api/plans/{plan.pk}/", {"require_head_approval": True},
                              format="json").status_code == 403, who
    assert api("planoffice").patch(f"/api/plans/{plan.pk}/", {"require_head_approval": True},
                                   format="json").status_code == 428
    response = api("planoffice").patch(f"/api/plans/{plan.pk}/", {"require_head_approval": True, "version": 1},
                                       format="json")
    assert (response.status_code, response.json()["require_head_approval"]) == (200, True)
    log = api("planoffice").get(f"/api/plans/{plan.pk}/changes/").json()
    assert (log[0]["before"]["require_head_approval"], log[0]["after"]["require_head_approval"]) == (False, True)
    assert api("planoffice").patch(f"/api/plans/{plan.pk}/", {"require_head_approval": "x"},
                                   format="json").status_code == 400
