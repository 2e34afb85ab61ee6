"""The dashboard's figures and the ledger's rows are rendered once per data version and kept (pages/
fragments.py): never shown to a viewer of another scope or language, never older than the data."""

from __future__ import annotations

import pytest

from planwatch.web.pages import fragments

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The partial templates rendered, in order."""
    made: list[str] = []
    render = fragments.render_to_string

    def counting(template, context):
        made.append(template)
        return render(template, context)

    monkeypatch.setattr(fragments, "render_to_string", counting)
    return made


def _ledger_codes(html: str) -> set[str]:
    import re

    return set(re.findall(r'data-task="([^"]+)"', html))


def test_rendered_once_then_read_until_the_data_change(as_user, world, renders) -> None:
    c = as_user("planoffice")
    first = c.get("/tasks/").content.decode()
    again = c.get("/tasks/").content.decode()
    assert renders.count("pages/tasks/_ledger.html") == 1
    assert "拆除违法建设" in first and again.count("拆除违法建设") == first.count("拆除违法建设")
    task = world.tasks["T01"]
    task.name = "拆除违法建设并实现场清地净"
    task.save()  # outside the services too: the model's signal moves the plan's data version
    after = c.get("/tasks/").content.decode()
    assert renders.count("pages/tasks/_ledger.html") == 2
    assert "拆除违法建设并实现场清地净" in after


def test_each_scope_and_language_gets_its_own(as_user, world, renders) -> None:
    office = as_user("planoffice").get("/tasks/").content.decode()
    assert _ledger_codes(office) == {"T01", "T02", "T03", "T04", "T05"}
    reporter = as_user("reporter-cgj").get("/tasks/").content.decode()
    assert _ledger_codes(reporter) == {"T01", "T02", "T03"}  # the office's rows are not the reporter's
    c = as_user("planoffice")
    zh = c.get("/").content.decode()
    c.cookies["django_language"] = "en"
    en = c.get("/").content.decode()
    assert "序时进度" in zh.split('id="time-progress"')[1][:400]
    assert "Tasks against time progress" in en and "序时进度" not in en.split('id="time-progress"')[1][:400]
    assert renders.count("pages/dashboard/_figures.html") == 2


def test_filters_and_pages_are_kept_apart(as_user, world) -> None:
    c = as_user("planoffice")
    assert _ledger_codes(c.get("/tasks/?department=jw").content.decode()) == {"T04"}
    assert _ledger_codes(c.get("/tasks/?department=fgw").content.decode()) == {"T05"}
    assert _ledger_codes(c.get("/tasks/?area=A4").content.decode()) == {"T01", "T02", "T03"}
    assert _ledger_codes(c.get("/tasks/").content.decode()) == {"T01", "T02", "T03", "T04", "T05"}
