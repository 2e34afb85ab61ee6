"""Workflow and people messages are gettext messages: English msgids, Chinese by default, English when the
user chose it; the field-level structure of the errors is unchanged."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

import planwatch.web.plans as plans_pkg

pytestmark = pytest.mark.django_db
SOURCES = ["validation.py", "limits.py", "services/submissions.py", "services/people.py", "services/locking.py",
           "services/uploads.py", "services/plans.py", "services/rounds.py", "services/projects.py"]


def _msgids(path: Path) -> list[str]:
    """The literal first arguments of ``_(…)`` in a module."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                and node.args and isinstance(node.args[0], ast.Constant)):
            out.append(node.args[0].value)
    return out


@pytest.mark.parametrize("source", SOURCES)
def test_every_message_is_english_with_a_chinese_translation(source) -> None:
    ids = _msgids(Path(plans_pkg.__file__).parent / source)
    assert ids, source
    for msgid in ids:
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in msgid), f"msgid not in English: {msgid}"
        with translation.override("zh-hans"):
            zh = translation.gettext(msgid)
        with translation.override("en"):
            en = translation.gettext(msgid)
        assert zh != msgid and any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"no Chinese for {msgid!r}"
        assert en == msgid


def test_api_field_errors_in_chinese_then_in_english(api, task) -> None:
    c = api("reporter_a")
    body = {"value": "约100", "as_of": "2021-07-31"}
    r = c.post(f"/api/tasks/{task.pk}/submissions/", body, format="json")
    assert r.status_code == 400 and r.json() == {"value": ["不是数字：约100"]}
    c.cookies["django_language"] = "en"
    r = c.post(f"/api/tasks/{task.pk}/submissions/", body, format="json")
    assert r.status_code == 400 and r.json() == {"value": ["Not a number: 约100"]}
    r = c.post(f"/api/tasks/{task.pk}/submissions/", {"value": "1", "as_of": "2020-07-31", "unit": "吨"},
               format="json")
    assert set(r.json()) == {"as_of", "unit"}
    assert r.json()["as_of"] == ["The date must fall within the plan year 2021"]


def test_a_refusal_of_the_people_service_in_both_languages(api, plan) -> None:
    body = {"plan": plan.pk, "username": "x", "role": "viewer"}
    r = api("reporter_a").post("/api/people/", body, format="json")
    assert r.status_code == 403 and r.json()["detail"] == "只有发改委可以管理用户和部门"
    c = api("reporter_a")
    c.cookies["django_language"] = "en"
    assert c.post("/api/people/", body, format="json").json()["detail"] == \
        "Only the plan office manages people and departments"
