"""Rounds, projects, plan settings, decimal fields and the API views speak through gettext: English msgids,
Chinese by default, English when the client asks; the field-level structure of the errors is unchanged."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation
from rest_framework.test import APIClient

import planwatch.web as web_pkg
from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import PermissionDenied, StateError, ValidationError
from planwatch.web.plans.models import Project

from .factories import current

pytestmark = pytest.mark.django_db
SOURCES = ["plans/services/rounds.py", "plans/services/plans.py", "plans/services/projects.py", "plans/fields.py",
           *sorted(str(p.relative_to(Path(web_pkg.__file__).parent))
                   for p in (Path(web_pkg.__file__).parent / "api" / "views").glob("*.py"))]


def _msgids(path: Path) -> list[str]:
    """The literal first arguments of ``_(…)`` in a module."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                and node.args and isinstance(node.args[0], ast.Constant)):
            out.append(node.args[0].value)
    return out


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("source", SOURCES)
def test_every_message_is_english_with_a_chinese_translation(source) -> None:
    for msgid in _msgids(Path(web_pkg.__file__).parent / source):
        assert not _has_han(msgid), f"msgid not in English: {msgid}"
        with translation.override("zh-hans"):
            zh = translation.gettext(msgid)
        with translation.override("en"):
            en = translation.gettext(msgid)
        assert zh != msgid and _has_han(zh), f"no Chinese for {msgid!r}"
        assert en == msgid


def test_the_modules_of_this_change_have_messages() -> None:
    root = Path(web_pkg.__file__).parent
    for source in ["plans/services/rounds.py", "plans/services/plans.py", "plans/services/projects.py",
                   "plans/fields.py", "api/views/auth.py", "api/views/plans.py", "api/views/tasks.py"]:
        assert _msgids(root / source), source


def _english(client: APIClient) -> APIClient:
    client.cookies["django_language"] = "en"
    return client


def test_round_errors_per_field_in_both_languages(api, plan, users) -> None:
    body = {"plan": plan.pk, "label": "x", "period": "2020-07", "opens": "2021-07-25", "deadline": "2021-07-01"}
    r = api("planoffice").post("/api/rounds/", body, format="json")
    assert r.status_code == 400
    assert r.json() == {"period": ["时期应在计划年度 2021 年内"], "deadline": ["截止日期早于开始日期"]}
    r = _english(api("planoffice")).post("/api/rounds/", body, format="json")
    assert r.json() == {"period": ["The period must fall within the plan year 2021"],
                        "deadline": ["The deadline is before the opening"]}
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:  # the serializer refuses a blank label before the service
        services.open_round(Actor.for_user(users["planoffice"]), plan, label=" ", period="2021-07",
                            opens="2021-07-25", deadline="2021-08-05")
    assert exc.value.message_dict == {"label": ["请填写名称"]}
    with translation.override("en"), pytest.raises(StateError) as closed:
        rnd = services.open_round(Actor.for_user(users["planoffice"]), plan, label="2021年8月", period="2021-08",
                                  opens="2021-08-25", deadline="2021-09-05")
        current(services.close_round)(Actor.for_user(users["planoffice"]), rnd)
        current(services.close_round)(Actor.for_user(users["planoffice"]), rnd)
    assert str(closed.value) == "The reporting round is closed already"
    ok = {"plan": plan.pk, "label": "2021年7月", "period": "2021-07", "opens": "2021-07-25", "deadline": "2021-08-05"}
    assert api("planoffice").post("/api/rounds/", ok, format="json").status_code == 201
    again = api("planoffice").post("/api/rounds/", ok, format="json")
    assert again.status_code == 400 and again.json() == {"period": ["2021-07 已有填报轮次"]}
    refused = _english(api("reporter_a")).post("/api/rounds/", ok, format="json")
    assert refused.status_code == 403 and refused.json()["detail"] == "Only the plan office opens a reporting round"


def test_project_update_errors_in_both_languages(api, plan, users) -> None:
    project = api("planoffice").get("/api/projects/?department=dept_a").json()["results"][0]
    url = f"/api/projects/{project['id']}/updates/"
    bad = {"phase": "completed", "investment_done": "-3", "as_of": "2020-07-31", "version": project["version"]}
    r = api("reporter_a").post(url, bad, format="json")
    assert r.status_code == 400
    assert r.json() == {"investment_done": ["完成投资不能为负数"], "as_of": ["截至日期应在计划年度 2021 年内"]}
    r = _english(api("reporter_a")).post(url, {**bad, "investment_done": "4000"}, format="json")
    assert r.json() == {"investment_done": ["The investment done cannot go below the 5000 already reported"],
                        "as_of": ["The date must fall within the plan year 2021"]}
    # the API's serializer checks the phase and the dates first; the pages reach the service's own checks
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        current(services.add_project_update)(Actor.for_user(users["reporter_a"]), Project.objects.get(pk=project["id"]),
                            phase="flying", investment_done="约5000", as_of="2021-07-31", actual_start="2021/03/01")
    assert exc.value.message_dict == {"phase": ["阶段无效"], "investment_done": ["不是数字：约5000"],
                                      "actual_start": ["日期格式应为 YYYY-MM-DD"]}
    with translation.override("en"), pytest.raises(PermissionDenied) as refused:
        current(services.add_project_update)(Actor.for_user(users["reporter_b"]), Project.objects.get(pk=project["id"]),
                            phase="completed", investment_done="6000", as_of="2021-07-31")
    assert str(refused.value) == "You may not report on this project"


def test_api_view_messages_in_both_languages(api, plan, users) -> None:
    client = APIClient()
    bad = {"username": "reporter_a", "password": "wrong"}
    assert client.post("/api/auth/token/", bad, format="json").json() == \
        {"non_field_errors": ["用户名或密码不正确"]}
    assert _english(APIClient()).post("/api/auth/token/", bad, format="json").json() == \
        {"non_field_errors": ["Wrong user name or password"]}
    r = api("planoffice").get(f"/api/plans/{plan.pk}/export/?format=pdf")
    assert r.status_code == 400 and r.json() == {"format": ["格式应为 zip 或 xlsx"]}
    r = _english(api("planoffice")).get(f"/api/plans/{plan.pk}/export/?format=pdf")
    assert r.json() == {"format": ["The format must be zip or xlsx"]}
