"""The plan year on the pages: viewers see approved data only, unapproved project updates reach neither the
dashboard nor the report, a closed round refuses (form, Excel, API), evidence is checked and served only
to those who may see it, comments notify the departments they mention, passwords are changed (and must be
after a one-time password), search, the change log and the Excel exports keep to the user's scope."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core import mail
from openpyxl import load_workbook
from rest_framework.test import APIClient

from planwatch.report import build_document, write_report
from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import export_plan
from planwatch.web.plans.models import Attachment, Notification, Project, Submission, Task
from planwatch.web.plans.services import evidence, projects
from web.factories import current

from .factories import PASSWORD
from .year_world import PDF, build_year_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(settings, tmp_path):
    settings.PLANWATCH_ATTACHMENTS_DIR = tmp_path / "attachments"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test accounts
    return build_year_world()


def _as(client, year, name):
    client.force_login(year.users[name])
    return client


# --- leaders and viewers see approved figures only -----------------------------------------------------


def test_viewers_never_see_unapproved_data(client, year) -> None:
    """GIVEN T01 approved, T02 returned, T03 awaiting the office (5,000, with evidence and a comment on it),
    P01's update in review WHEN a viewer reads every page and the API THEN only approved figures show."""
    t1, t2, t3 = (year.tasks[c] for c in ("T01", "T02", "T03"))
    unapproved = Submission.objects.exclude(status="approved")
    sub3 = Submission.objects.get(task=t3)
    evidence.add_comment(Actor.for_user(year.users["planoffice"]), submission=sub3, body="5000个偏高")
    c = _as(client, year, "viewer")
    seen = "".join(c.get(url).content.decode() for url in (
        "/", "/tasks/", f"/tasks/{t1.pk}/", f"/tasks/{t2.pk}/", f"/tasks/{t3.pk}/", "/warnings/", "/projects/",
        f"/projects/{Project.objects.get(code='P01').pk}/", "/search/?q=T0"))
    assert "109.7" not in seen and "5000个" not in seen and "2000个" not in seen  # returned, awaiting
    assert "6000" not in seen and "主体结构封顶" not in seen  # P01's update in review
    assert "停车位验收.pdf" not in seen and "5000个偏高" not in seen  # evidence and talk of unapproved figures
    assert "请补充验收材料" in seen  # the task's own thread is read by leaders
    for s in unapproved:
        assert c.get(f"/api/submissions/{s.pk}/").status_code == 404
    api = APIClient()
    api.force_authenticate(year.users["viewer"])
    approved = Submission.objects.get(task=t1, status="approved")
    actions = {x["action"] for x in api.get(f"/api/submissions/{approved.pk}/changes/").json()}
    assert actions == {"approve"}  # no draft, submit or head approval in the leaders' history
    project = api.get(f"/api/projects/{Project.objects.get(code='P01').pk}/").json()
    assert project["updates"] == [] and project["investment_done"] == "5000"
    assert api.get("/api/project-updates/").json()["results"] == []
    rnd = api.get(f"/api/rounds/{year.round.pk}/").json()
    assert rnd["reported"] == ["cgj"] and "jw" in rnd["missing"]  # approved figures only: jw's 2000 waits
    a = Attachment.objects.get()
    assert c.get(f"/attachments/{a.pk}/").status_code == 404
    assert c.get("/approvals/").status_code == 404 and c.get("/report/").status_code == 404


# --- project updates reach the dashboard and the report only once approved --------------------------------


def _approve_update(year, update) -> None:
    """The head step is on in the year's plan: the head, then the plan office."""
    update = current(projects.approve_update)(Actor.for_user(year.users["head-cgj"]), update)
    current(projects.approve_update)(Actor.for_user(year.users["planoffice"]), update)


def _report_text(plan) -> str:
    doc = build_document(export_plan(plan), "2021H1", lang="zh")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as out:
        return write_report(doc, Path(out), formats=["md"])["md"].read_text(encoding="utf-8")


def test_unapproved_project_updates_never_reach_the_dashboard_or_the_report(client, year) -> None:
    """The issue's 大羊坊路: 竣工 with 99,999万元 against a 45,000 plan, submitted: nothing shows until approved."""
    project = Project.objects.get(code="P01")
    update = project.updates.get()  # 6000 (of 7500), started 1 March: in review
    assert update.status == "submitted"
    before = export_plan(year.plan).projects[0]
    assert (before.phase, before.investment_done) == ("under_construction", 5000)
    c = _as(client, year, "planoffice")
    assert "6000" not in c.get("/projects/").content.decode()
    assert "6000" not in _report_text(year.plan)
    _approve_update(year, update)
    after = export_plan(year.plan).projects[0]
    assert (after.investment_done, after.actual_start) == (6000, update.actual_start)
    assert "6000" in c.get("/projects/").content.decode()


def test_the_issues_completed_project_is_refused_on_the_page(client, year) -> None:
    project = Project.objects.get(code="P01")
    _approve_update(year, project.updates.get())
    c = _as(client, year, "reporter-cgj")
    project.refresh_from_db()
    r = c.post(f"/projects/{project.pk}/", {"phase": "completed", "investment_done": "99999", "as_of": "2021-06-30",
                                            "version": project.version})
    assert r.status_code == 200 and set(r.context["errors"]) == {"finish"}  # completed when?
    r = c.post(f"/projects/{project.pk}/", {"phase": "completed", "investment_done": "99999", "as_of": "2021-06-30",
                                            "actual_start": "2021-03-01", "finish": "2021-06-28",
                                            "version": project.version})
    assert r.status_code == 302
    office = _as(client, year, "head-cgj")
    r = office.get("/approvals/")
    [row] = r.context["update_rows"]
    assert row["flags"] == ["above_plan"]  # 99,999 against the 7,500 planned: flagged for the reviewer


# --- a closed round refuses --------------------------------------------------------------------------------


def test_a_closed_round_refuses_the_form_excel_and_the_api(client, year) -> None:
    current(services.close_round)(Actor.for_user(year.users["planoffice"]), year.round)
    t2 = year.tasks["T02"]  # returned: its reporter would correct it
    c = _as(client, year, "reporter-cgj")
    page = c.get("/report/")
    assert page.context["closed_round"] == year.round and b'id="submit-report"' not in page.content
    r = c.post("/report/", {"round": year.round.pk, f"value-{t2.pk}": "110"}, follow=True)
    assert "2021年6月填报轮次已截止" in r.content.decode()
    r = c.post("/report/upload/", {"file": io.BytesIO(b"x")}, follow=True)
    assert "2021年6月填报轮次已截止" in r.content.decode()
    api = APIClient()
    api.force_authenticate(year.users["reporter-cgj"])
    r = api.post(f"/api/tasks/{year.tasks['T01'].pk}/submissions/", {"value": "120", "as_of": "2021-06-30"},
                 format="json")
    assert r.status_code == 400 and "round" in r.json()
    assert Submission.objects.filter(value__in=["110", "120"]).count() == 0


# --- evidence ------------------------------------------------------------------------------------------------


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(("name", "data", "ok"), [
    ("验收.pdf", PDF, True),
    ("照片.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20, True),
    ("照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, True),
    ("说明.docx", _docx(), True),
    ("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 20, True),
    ("假的.pdf", b"MZ\x90\x00 an executable", False),  # the extension says PDF, the bytes do not
    ("改名.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20, False),  # a PNG named .pdf
    ("脚本.svg", b"<svg onload=alert(1)>", False),
    ("空.pdf", b"", False),
    ("宏.docm", _docx(), False),
])
def test_evidence_is_checked_by_its_bytes(year, name, data, ok) -> None:
    sub = Submission.objects.get(task=year.tasks["T02"])  # returned: still takes evidence
    actor = Actor.for_user(year.users["reporter-cgj"])
    if ok:
        a = evidence.attach(actor, sub, name, data)
        assert evidence.path_of(a).read_bytes() == data and a.size == len(data)
        assert oct(evidence.path_of(a).stat().st_mode & 0o777) == "0o600"
    else:
        with pytest.raises(services.ValidationError) as err:
            evidence.attach(actor, sub, name, data)
        assert "file" in err.value.message_dict


def test_evidence_size_cap_and_rights(year, settings) -> None:
    settings.PLANWATCH_ATTACHMENT_MAX_BYTES = 100
    sub = Submission.objects.get(task=year.tasks["T02"])
    with pytest.raises(services.ValidationError):
        evidence.attach(Actor.for_user(year.users["reporter-cgj"]), sub, "大.pdf", PDF + b"0" * 200)
    with pytest.raises(services.PermissionDenied):
        evidence.attach(Actor.for_user(year.users["reporter-jw"]), sub, "a.pdf", PDF)
    approved = Submission.objects.get(task=year.tasks["T01"])
    with pytest.raises(services.StateError):  # an approved figure's evidence is what the reviewer saw
        evidence.attach(Actor.for_user(year.users["reporter-cgj"]), approved, "a.pdf", PDF)


def test_evidence_is_served_to_those_who_may_see_the_task(client, year) -> None:
    a = Attachment.objects.get()
    url = f"/attachments/{a.pk}/"
    r = _as(client, year, "reporter-cgj").get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert r["Content-Type"] == "application/pdf" and r["X-Content-Type-Options"] == "nosniff"
    assert _as(client, year, "planoffice").get(url).status_code == 200
    assert _as(client, year, "reporter-jw").get(url).status_code == 404  # another department's
    client.logout()
    assert client.get(url).status_code == 302  # to the login


def test_the_reporting_form_attaches_evidence_all_or_nothing(client, year, tmp_path) -> None:
    t2, t4 = year.tasks["T02"], year.tasks["T04"]
    c = _as(client, year, "reporter-cgj")
    pdf = io.BytesIO(PDF)
    pdf.name = "腾退验收.pdf"
    bad = io.BytesIO(b"not a pdf")
    bad.name = "假.pdf"
    version = Submission.objects.get(task=t2).version  # T02 was returned: its correction carries the version read
    r = c.post("/report/", {"round": year.round.pk, f"value-{t2.pk}": "110", f"version-{t2.pk}": version,
                            f"files-{t2.pk}": [pdf, bad]})
    assert r.status_code == 200 and "file" in next(x for x in r.context["lines"] if x["row"].task.pk == t2.pk)["errors"]
    assert Attachment.objects.count() == 1  # the good file of the refused form was not kept either
    assert len(list((tmp_path / "attachments").rglob("*.pdf"))) == 1
    pdf.seek(0)
    r = c.post("/report/", {"round": year.round.pk, f"value-{t2.pk}": "110", f"version-{t2.pk}": version,
                            f"files-{t2.pk}": [pdf]})
    assert r.status_code == 302
    assert Attachment.objects.filter(submission__task=t2, name="腾退验收.pdf").exists()
    del t4


# --- discussion ----------------------------------------------------------------------------------------------


def test_a_comment_mentioning_a_department_notifies_its_members(client, year) -> None:
    t3 = year.tasks["T03"]
    c = _as(client, year, "planoffice")
    r = c.post(f"/comments/task/{t3.pk}/", {"body": "@区教委 请配合提供学位数据；@cgj 请补充"}, follow=True)
    assert r.status_code == 200
    told = {n.user.username for n in Notification.objects.filter(kind="mention")}
    assert {"reporter-jw", "reporter-cgj", "head-cgj"} <= told and "planoffice" not in told
    sub = Submission.objects.get(task=t3)
    c.post(f"/comments/task/{t3.pk}/", {"body": "5000个请核实", "submission": sub.pk})
    assert sub.comments.get().body == "5000个请核实"  # a comment on the figure, in the task's thread
    assert "5000个请核实" in c.get(f"/tasks/{t3.pk}/").content.decode()
    assert _as(client, year, "reporter-jw").post(f"/comments/task/{t3.pk}/", {"body": "x"}).status_code == 404
    assert _as(client, year, "viewer").post(f"/comments/task/{t3.pk}/", {"body": "x"}, follow=True) \
        .context["messages"]  # refused with a message: viewers read, they do not write


# --- accounts ------------------------------------------------------------------------------------------------


def test_change_ones_password(client, year) -> None:
    user = year.users["reporter-cgj"]
    c = _as(client, year, "reporter-cgj")
    r = c.post("/accounts/password/", {"old_password": "wrong", "new_password1": "x", "new_password2": "x"})
    assert r.status_code == 200 and r.context["form"].errors
    r = c.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "新的一年密码-2021",
                                       "new_password2": "新的一年密码-2021"})
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.check_password("新的一年密码-2021")
    assert c.get("/").status_code == 200  # still logged in


def test_a_one_time_password_must_be_changed_first(client, year) -> None:
    from planwatch.web.plans.models import Membership
    from planwatch.web.plans.services import people

    member = Membership.objects.get(user=year.users["reporter-jw"])
    one_time = people.reset_password(Actor.for_user(year.users["planoffice"]), member, version=member.version)
    assert client.login(username="reporter-jw", password=one_time)
    r = client.get("/tasks/")
    assert r.status_code == 302 and r["Location"] == "/accounts/password/"
    assert "由发改委设置" in client.get("/accounts/password/").content.decode()
    r = client.post("/accounts/password/", {"old_password": one_time, "new_password1": "我自己的新密码-99",
                                            "new_password2": "我自己的新密码-99"})
    assert r.status_code == 302
    assert client.get("/tasks/").status_code == 200
    client.logout()
    assert client.login(username="reporter-jw", password="我自己的新密码-99")
    assert client.get("/tasks/").status_code == 200  # no second forced change


# --- search, the change log, exports --------------------------------------------------------------------


def test_search_keeps_to_the_users_scope(client, year) -> None:
    r = _as(client, year, "reporter-cgj").get("/search/", {"q": "新增"})
    assert {t.code for t in r.context["tasks"]} == {"T03"}  # 新增学位 is 区教委's
    r = _as(client, year, "planoffice").get("/search/", {"q": "新增"})
    assert {t.code for t in r.context["tasks"]} == {"T03", "T04"}
    assert [d.code for d in _as(client, year, "planoffice").get("/search/", {"q": "城管"}).context["departments"]] \
        == ["cgj"]
    assert [i.code for i in r.context["indicators"]] == []
    viewer = _as(client, year, "viewer")
    assert [i.code for i in viewer.get("/search/", {"q": "Gross domestic"}).context["indicators"]] == ["gdp"]
    assert [i.code for i in viewer.get("/search/", {"q": "生产总值"}).context["indicators"]] == ["gdp"]


def test_the_change_log_filters_for_the_plan_office_only(client, year) -> None:
    c = _as(client, year, "planoffice")
    r = c.get("/audit/", {"user": "head-cgj"})
    assert r.context["page"].paginator.count >= 3 and {x.user_name for x in r.context["page"]} == {"head-cgj"}
    r = c.get("/audit/", {"action": "adjust"})
    assert [x.object_type for x in r.context["page"]] == ["plans.task"]
    assert c.get("/audit/", {"since": "2099-01-01"}).context["page"].paginator.count == 0
    for name in ("viewer", "head-cgj", "reporter-cgj"):
        assert _as(client, year, name).get("/audit/").status_code == 404


def test_exports_keep_to_the_scope_and_never_write_a_formula(client, year) -> None:
    Task.objects.filter(code="T03").update(target_text="=HYPERLINK(\"http://x\")")
    r = _as(client, year, "reporter-cgj").get("/tasks/export.xlsx")
    sheet = load_workbook(io.BytesIO(r.content)).active
    codes = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert codes == ["T01", "T02", "T03"]
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "'=HYPERLINK(\"http://x\")" in cells and not any(v.startswith("=") for v in cells)
    r = _as(client, year, "planoffice").get("/warnings/export.xlsx")
    assert r.status_code == 200 and load_workbook(io.BytesIO(r.content)).active.max_row >= 2
    r = _as(client, year, "planoffice").get(f"/rounds/{year.round.pk}/status.xlsx")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "部门" and {row[0] for row in rows[1:]} == {"区城管委", "区教委", "区发展改革委"}
    assert _as(client, year, "reporter-cgj").get(f"/rounds/{year.round.pk}/status.xlsx").status_code == 404
    assert not mail.outbox or all("@" in m.to[0] for m in mail.outbox)
