"""The REST API end to end: token, tasks with progress, the workflow, figures, export, change log."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_token_authentication(users, task) -> None:
    client = APIClient()
    bad = client.post("/api/auth/token/", {"username": "reporter_a", "password": "wrong"}, format="json")
    assert bad.status_code == 400
    response = client.post("/api/auth/token/", {"username": "reporter_a", "password": "pw-reporter_a"},
                           format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/me/").json()["memberships"][0]["department"] == "dept_a"
    assert client.get(f"/api/tasks/{task.pk}/").status_code == 200


def test_task_list_carries_department_and_computed_progress(api) -> None:
    rows = api("planoffice").get("/api/tasks/?page_size=10").json()["results"]
    demolish = next(r for r in rows if r["code"] == "demolish")
    assert demolish["department"] == "dept_a"
    assert demolish["co"] == ["dept_b", "street_c"]
    progress = demolish["progress"]
    # 91.4 of 210 on 30 June: 43.5% done against 181/365 = 49.6% of the year
    assert (progress["done"], progress["done_share"], progress["expected_share"]) == ("91.4", "43.5", "49.6")
    assert progress["gap_pp"] == "-6.1"
    assert progress["status"] == "on_track"
    east = next(r for r in rows if r["code"] == "demolish_east")
    assert east["parent"] == "demolish"
    assert east["progress"]["status"] == "not_started"


def test_report_approve_and_return_through_the_api(api, task) -> None:
    response = api("reporter_a").post(f"/api/tasks/{task.pk}/submissions/",
                                      {"value": 120.5, "as_of": "2021-07-31", "note": "7月"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["value"], body["unit"], body["version"]) == ("submitted", "120.5", "万平方米", 2)
    response = api("planoffice").post(f"/api/submissions/{body['id']}/return/",
                                      {"comment": "请核实", "version": 2}, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "returned")
    response = api("reporter_a").patch(f"/api/submissions/{body['id']}/", {"value": "118", "version": 3},
                                       format="json")
    assert (response.status_code, response.json()["value"]) == (200, "118")
    response = api("reporter_a").post(f"/api/submissions/{body['id']}/submit/", {"version": 4}, format="json")
    assert response.json()["status"] == "submitted"
    response = api("planoffice").post(f"/api/submissions/{body['id']}/approve/", {"version": 5}, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "approved")
    progress = api("reporter_a").get(f"/api/tasks/{task.pk}/?on=2021-07-31").json()["progress"]
    assert (progress["as_of"], progress["done"]) == ("2021-07-31", "118")
    assert api("reporter_a").get(f"/api/tasks/{task.pk}/?on=2021-06-30").json()["progress"]["done"] == "91.4"
    assert api("reporter_a").get(f"/api/tasks/{task.pk}/?on=June").status_code == 400


def test_drafts_through_the_api(api, task) -> None:
    response = api("reporter_a").post("/api/submissions/", {"task": task.pk, "value": "95", "as_of": "2021-07-15"},
                                      format="json")
    assert (response.status_code, response.json()["status"]) == (201, "draft")


def test_stale_version_answers_409(api, task) -> None:
    sub = api("reporter_a").post(f"/api/tasks/{task.pk}/submissions/", {"value": "100", "as_of": "2021-07-31"},
                                 format="json").json()
    api("planoffice").post(f"/api/submissions/{sub['id']}/return/", {"comment": "x", "version": sub["version"]},
                           format="json")
    response = api("planoffice").post(f"/api/submissions/{sub['id']}/approve/", {"version": sub["version"]},
                                      format="json")
    assert response.status_code == 409
    assert response.json()["changed_by"] == "planoffice"


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"value": "abc", "as_of": "2021-07-31"}, {"value"}),
        ({"value": "50", "as_of": "2021-07-31"}, {"value"}),  # below the approved 91.4
        ({"value": "100", "as_of": "2021-07-31", "unit": "公顷"}, {"unit"}),
        ({"value": "100", "as_of": "2023-07-31"}, {"as_of"}),
        ({"value": "100"}, {"as_of"}),
        ({"value": "100", "as_of": "31/07/2021"}, {"as_of"}),
        ({"value": "x", "as_of": "2019-01-01", "unit": "个"}, {"value", "unit", "as_of"}),
        ({"value": "100", "as_of": "2021-07-31", "round": 999999}, {"round"}),
    ],
)
def test_bad_input_is_400_with_field_errors(api, task, payload, fields) -> None:
    response = api("reporter_a").post(f"/api/tasks/{task.pk}/submissions/", payload, format="json")
    assert response.status_code == 400
    assert set(response.json()) == fields


def test_indicators_with_observations_and_computed_growth(api) -> None:
    rows = api("reporter_b").get("/api/indicators/").json()["results"]
    gdp = next(r for r in rows if r["code"] == "gdp")
    assert gdp["observations"][0]["value"] == "3640.7"
    growth = gdp["growth"][0]
    assert (growth["period"], growth["yoy"]["value"], growth["vs_base"]["value"]) == ("2021H1", "13.5", "7.9")
    # two-year average from 7.9% over two years: sqrt(1.079) - 1 = 3.875…% → 3.9
    assert growth["avg_annual"]["value"] == "3.9"
    assert Decimal(growth["avg_annual"]["unrounded"]).quantize(Decimal("0.001")) == Decimal("3.875")
    assert growth["target"]["value"] == "6"


def test_warnings_projects_and_rounds(api, plan, task) -> None:
    from planwatch.web.plans.recompute import recompute_warnings

    recompute_warnings(plan)
    office = api("planoffice")
    warnings = office.get("/api/warnings/").json()["results"]
    assert any(w["rule"] == "below_base" and w["subject_code"] == "revenue" for w in warnings)
    b_warnings = api("reporter_b").get("/api/warnings/").json()["results"]
    assert {w["department"] for w in b_warnings} <= {"dept_b"}
    project = office.get("/api/projects/?department=dept_a").json()["results"][0]
    assert (project["code"], project["investment_done"]) == ("p_a", "5000")
    response = api("reporter_a").post(f"/api/projects/{project['id']}/updates/",
                                      {"phase": "completed", "investment_done": 12000, "as_of": "2021-07-31",
                                       "version": project["version"]}, format="json")
    assert response.status_code == 201, response.content
    assert office.get(f"/api/projects/{project['id']}/").json()["phase"] == "completed"
    response = office.post("/api/rounds/", {"plan": plan.pk, "label": "2021年7月", "period": "2021-07",
                                            "opens": "2021-07-25", "deadline": "2021-08-05"}, format="json")
    assert response.status_code == 201
    rnd = response.json()
    assert (rnd["reported"], rnd["missing"]) == ([], ["dept_a", "dept_b"])
    api("reporter_a").post(f"/api/tasks/{task.pk}/submissions/",
                           {"value": "100", "as_of": "2021-07-31", "round": rnd["id"]}, format="json")
    rnd = office.get(f"/api/rounds/{rnd['id']}/").json()
    assert (rnd["reported"], rnd["missing"]) == (["dept_a"], ["dept_b"])
    bad = office.post("/api/rounds/", {"plan": plan.pk, "label": "x", "period": "2021-13", "opens": "2021-07-25",
                                       "deadline": "2021-07-01"}, format="json")
    assert bad.status_code == 400 and "period" in bad.json()


def test_export_zip_round_trips(api, plan, task, tmp_path) -> None:
    from planwatch.package import load
    from planwatch.web.plans.importexport import export_plan

    sub = api("reporter_a").post(f"/api/tasks/{task.pk}/submissions/", {"value": "100", "as_of": "2021-07-31"},
                                 format="json").json()
    api("planoffice").post(f"/api/submissions/{sub['id']}/approve/", {"version": sub["version"]}, format="json")
    response = api("planoffice").get(f"/api/plans/{plan.pk}/export/?format=zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).extractall(tmp_path)
    loaded = load(tmp_path / "testdistrict-2021")
    expected = export_plan(plan)
    assert [(r.task, r.as_of, r.value) for r in loaded.progress] == \
        [(r.task, r.as_of, r.value) for r in expected.progress]
    assert (loaded.tasks, loaded.indicators, loaded.observations) == \
        (expected.tasks, expected.indicators, expected.observations)
    assert api("planoffice").get(f"/api/plans/{plan.pk}/export/?format=pdf").status_code == 400


def test_change_log_records_who_what_before_after_and_request(api, task) -> None:
    client = api("reporter_a")
    response = client.post(f"/api/tasks/{task.pk}/submissions/", {"value": "100", "as_of": "2021-07-31"},
                           format="json", HTTP_X_REQUEST_ID="req-123")
    assert response["X-Request-ID"] == "req-123"
    sub_id = response.json()["id"]
    api("planoffice").post(f"/api/submissions/{sub_id}/approve/", {"version": response.json()["version"]},
                           format="json", HTTP_X_REQUEST_ID="req-456")
    log = api("planoffice").get(f"/api/submissions/{sub_id}/changes/").json()
    assert [(c["action"], c["user_name"], c["request_id"]) for c in reversed(log)] == [
        ("create", "reporter_a", "req-123"), ("submit", "reporter_a", "req-123"),
        ("approve", "planoffice", "req-456")]
    approve = log[0]
    assert (approve["before"]["status"], approve["after"]["status"]) == ("submitted", "approved")
    assert (approve["before"]["version"], approve["after"]["version"]) == (2, 3)
    assert log[-1]["before"] is None and log[-1]["after"]["value"] == "100"
    by_request = api("planoffice").get("/api/changes/?request_id=req-456").json()["results"]
    assert {c["object_id"] for c in by_request} >= {str(sub_id)}


def test_token_requests_are_throttled(users, settings) -> None:
    client = APIClient()
    codes = [client.post("/api/auth/token/", {"username": "viewer", "password": "wrong"}, format="json").status_code
             for _ in range(settings.PLANWATCH_LOGIN_FAILURES + 1)]
    assert codes[:-2] == [400] * (len(codes) - 2) and codes[-2:] == [429, 429]
    right = client.post("/api/auth/token/", {"username": "viewer", "password": "pw-viewer"}, format="json")
    assert right.status_code == 429 and "分钟后再试" in right.json()["detail"]  # even the right password, for now
