"""The pages answer, show the right figures and keep to the user's scope."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.web.plans.models import Submission

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_log_in(client, world) -> None:
    for url in ("/", "/tasks/", "/report/", "/approvals/", f"/tasks/{world.tasks['T01'].pk}/"):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url


def test_dashboard_shows_gdp_with_computed_two_year_average(as_user, world) -> None:
    r = as_user("planoffice").get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "地区生产总值" in html and "3640.7" in html and "13.5%" in html
    card = r.context["cards"][0]
    assert card.latest.two_year_avg == Decimal("3.9") and card.latest.two_year_avg_computed
    assert card.light == "met"  # 13.5% against 增长6%以上


def test_ledger_filters_by_department_and_status(as_user, world) -> None:
    c = as_user("planoffice")
    r = c.get("/tasks/", {"department": "cgj"})
    assert [row.task.code for row in r.context["page"]] == ["T01", "T02", "T03"]
    r = c.get("/tasks/", {"status": "not_started"})
    assert r.context["count"] == 5
    r = c.get("/tasks/", {"status": "ahead"})
    assert r.context["count"] == 0


def test_reporter_sees_only_own_tasks_and_gets_404_elsewhere(as_user, world) -> None:
    c = as_user("reporter-cgj")
    r = c.get("/tasks/")
    assert {row.task.code for row in r.context["page"]} == {"T01", "T02", "T03"}
    assert c.get(f"/tasks/{world.tasks['T04'].pk}/").status_code == 404
    assert c.get(f"/tasks/{world.tasks['T01'].pk}/").status_code == 200


def test_report_form_is_all_or_nothing_with_field_errors(as_user, world) -> None:
    c = as_user("reporter-cgj")
    t1, t2 = world.tasks["T01"], world.tasks["T02"]
    r = c.post("/report/", {f"value-{t1.pk}": "91.4", f"as_of-{t1.pk}": "2021-06-30",
                            f"value-{t2.pk}": "约100", f"as_of-{t2.pk}": "2021-06-30"})
    assert r.status_code == 200
    line = {ln["row"].task.code: ln for ln in r.context["lines"]}
    assert "value" in line["T02"]["errors"] and not line["T01"]["errors"]
    assert line["T01"]["posted"]["value"] == "91.4"  # what was typed is kept
    assert Submission.objects.count() == 0  # nothing saved
    r = c.post("/report/", {f"value-{t1.pk}": "91.4", f"as_of-{t1.pk}": "2021-06-30",
                            f"value-{t2.pk}": "109.7", f"as_of-{t2.pk}": "2021-06-30"})
    assert r.status_code == 302
    subs = Submission.objects.order_by("task__code")
    assert [(s.task.code, s.value, s.status, s.round_id) for s in subs] == [
        ("T01", Decimal("91.4"), "submitted", world.round.pk), ("T02", Decimal("109.7"), "submitted", world.round.pk)]


def test_report_refuses_a_date_outside_the_round(as_user, world) -> None:
    c = as_user("reporter-cgj")
    t1 = world.tasks["T01"]
    r = c.post("/report/", {f"value-{t1.pk}": "10", f"as_of-{t1.pk}": "2021-07-15"})
    line = {ln["row"].task.code: ln for ln in r.context["lines"]}
    assert "as_of" in line["T01"]["errors"]


def test_viewer_cannot_report_or_approve(as_user, world) -> None:
    c = as_user("viewer")
    assert c.get("/report/").status_code == 404
    assert c.get("/approvals/").status_code == 404
    assert c.get("/").status_code == 200


def test_approve_and_return_from_the_queue(as_user, client, world) -> None:
    rep = as_user("reporter-cgj")
    t1, t2 = world.tasks["T01"], world.tasks["T02"]
    rep.post("/report/", {f"value-{t1.pk}": "91.4", f"value-{t2.pk}": "109.7"})
    s1, s2 = Submission.objects.get(task=t1), Submission.objects.get(task=t2)
    office = as_user("planoffice")
    r = office.get("/approvals/")
    assert [s.pk for s in r.context["waiting"]] == [s1.pk, s2.pk]
    office.post("/approvals/", {"approve": s1.pk, f"version-{s1.pk}": s1.version})
    office.post("/approvals/", {"return": s2.pk, f"comment-{s2.pk}": "请核实口径", f"version-{s2.pk}": s2.version})
    s1.refresh_from_db()
    s2.refresh_from_db()
    assert (s1.status, s2.status, s2.comment) == ("approved", "returned", "请核实口径")
    # the ledger's progress bar now shows 91.4 / 210 = 43.5% against time progress 50.0% (by months)
    row = next(r for r in office.get("/tasks/").context["page"] if r.task.code == "T01")
    assert (row.done_pct, row.time_pct, row.status) == (Decimal("43.5"), Decimal("50.0"), "on_track")


def test_returning_without_a_comment_is_refused(as_user, world) -> None:
    t1 = world.tasks["T01"]
    as_user("reporter-cgj").post("/report/", {f"value-{t1.pk}": "91.4"})
    s1 = Submission.objects.get(task=t1)
    r = as_user("planoffice").post("/approvals/", {"return": s1.pk, f"version-{s1.pk}": s1.version}, follow=True)
    s1.refresh_from_db()
    assert s1.status == "submitted"
    assert any("理由" in str(m) or "why" in str(m) for m in r.context["messages"])


def test_bulk_approve(as_user, world) -> None:
    t1, t2 = world.tasks["T01"], world.tasks["T02"]
    as_user("reporter-cgj").post("/report/", {f"value-{t1.pk}": "91.4", f"value-{t2.pk}": "109.7"})
    ids = list(Submission.objects.values_list("pk", flat=True))
    as_user("planoffice").post("/approvals/", {"bulk_approve": "1", "ids": ids,
                                               **{f"version-{s.pk}": s.version for s in Submission.objects.all()}})
    assert set(Submission.objects.values_list("status", flat=True)) == {"approved"}


def test_head_approves_first_where_the_plan_has_the_head_step(as_user, world) -> None:
    t1 = world.tasks["T01"]
    assert as_user("head-cgj").get("/approvals/").status_code == 404  # no head step in this plan
    world.plan.require_head_approval = True
    world.plan.save()
    as_user("reporter-cgj").post("/report/", {f"value-{t1.pk}": "91.4"})
    s = Submission.objects.get(task=t1)
    head = as_user("head-cgj")
    r = head.get("/approvals/")
    assert [x.pk for x in r.context["waiting"]] == [s.pk]
    assert "审核" in r.content.decode()  # the nav shows the queue to the head now
    head.post("/approvals/", {"approve": s.pk, f"version-{s.pk}": s.version})
    s.refresh_from_db()
    assert s.status == "head_approved"
    as_user("planoffice").post("/approvals/", {"approve": s.pk, f"version-{s.pk}": s.version})
    s.refresh_from_db()
    assert s.status == "approved"


def test_warnings_link_to_their_task_and_keep_to_scope(as_user, world) -> None:
    from planwatch.web.plans.models import WarningRecord

    for code, dept in (("T01", "cgj"), ("T04", "jw")):
        WarningRecord.objects.create(plan=world.plan, rule="task_behind_time", level="red", subject_type="task",
                                     subject_code=code, department=world.departments[dept], message=f"{code}滞后")
    WarningRecord.objects.create(plan=world.plan, rule="below_base", level="yellow", subject_type="indicator",
                                 subject_code="gdp", message="GDP")
    rows = as_user("planoffice").get("/warnings/").context["rows"]
    assert [(w.subject_code, link) for w, link in rows] == [
        ("T01", f"/tasks/{world.tasks['T01'].pk}/"), ("T04", f"/tasks/{world.tasks['T04'].pk}/"),
        ("gdp", f"/indicators/{world.indicators['gdp'].pk}/")]
    rows = as_user("reporter-cgj").get("/warnings/").context["rows"]
    assert [w.subject_code for w, _ in rows] == ["T01"]  # another department's warnings do not exist for it


def test_english_interface_has_no_chinese_labels_of_the_workflow(as_user, world) -> None:
    t1 = world.tasks["T01"]
    as_user("reporter-cgj").post("/report/", {f"value-{t1.pk}": "91.4"})
    office = as_user("planoffice")
    s = Submission.objects.get(task=t1)
    office.post("/approvals/", {"approve": s.pk, f"version-{s.pk}": s.version})
    zh = office.get(f"/tasks/{t1.pk}/").content.decode()
    browser_says_en = office.get(f"/tasks/{t1.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    office.cookies["django_language"] = "en"  # what the language switch stores
    en = office.get(f"/tasks/{t1.pk}/").content.decode()
    assert "变更记录" in zh and "已审核" in zh
    assert "变更记录" in browser_says_en  # Chinese first: the browser's language alone does not switch
    assert "Change history" in en and ">Approved<" in en and "已审核" not in en


def test_two_approvers_at_once_one_wins_the_other_is_told(as_user, client, world, django_user_model) -> None:
    from planwatch.web.plans.models import Membership

    t2 = world.tasks["T02"]
    as_user("reporter-cgj").post("/report/", {f"value-{t2.pk}": "109.7"})
    s = Submission.objects.get(task=t2)
    other = django_user_model.objects.create_user("planoffice2")
    Membership.objects.create(user=other, plan=world.plan, role="planoffice")
    version_seen = s.version  # both pages were opened on this version
    as_user("planoffice").post("/approvals/", {"return": s.pk, f"comment-{s.pk}": "口径不对",
                                               f"version-{s.pk}": version_seen})
    client.force_login(other)
    r = client.post("/approvals/", {"approve": s.pk, f"version-{s.pk}": version_seen}, follow=True)
    s.refresh_from_db()
    assert s.status == "returned"  # the first decision stands
    assert any("退回" in str(m) or "returned" in str(m) for m in r.context["messages"])


def test_a_department_reports_its_key_project(as_user, world) -> None:
    from planwatch.web.plans.models import Project

    p = Project.objects.get(code="P01")
    url = f"/projects/{p.pk}/"
    assert as_user("reporter-jw").get(url).status_code == 404  # another department's project
    assert as_user("viewer").get(url).context["can_write"] is False
    c = as_user("reporter-cgj")
    r = c.post(url, {"phase": "under_construction", "investment_done": "4000", "as_of": "2021-06-30",
                     "version": p.version})
    assert "investment_done" in r.context["errors"]  # below the 5000 already completed
    r = c.post(url, {"phase": "completed", "investment_done": "7500", "as_of": "2021-06-30", "note": "竣工",
                     "version": p.version})
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.phase, p.investment_done, p.updates.count()) == ("completed", Decimal("7500"), 1)


def test_api_clients_get_the_language_they_ask_for(client) -> None:
    # The pages are Chinese first whatever the browser says; a program calling the API asks for its language.
    zh = client.post("/api/auth/token/", {"username": "nobody", "password": "x"})
    en = client.post("/api/auth/token/", {"username": "nobody", "password": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert zh.status_code == en.status_code == 400
    assert zh.content != en.content


def test_indicator_list_writes_growth_by_sign(as_user, world) -> None:
    obs = world.indicators["gdp"].observations.get(period="2021H1")
    obs.yoy_pct = Decimal("-1.0")
    obs.save()
    html = as_user("planoffice").get("/indicators/").content.decode()
    assert "下降1.0%" in html and "-1.0%" not in html
