"""The permission matrix: every write endpoint of the API and every page, tried by every role of two plans
(and by nobody), against the objects of plan 1.

Each attempt is declared with the roles that may do it; every other role must be refused (a 4xx, or the
login page for nobody) and must change nothing (no new change-log entry). The test counts the must-deny
attempts and requires 0 of them to succeed, and also that the allowed ones do succeed (a matrix where
everything is refused would prove nothing). State changes carry the right current version, so a refusal is
the permission's, not a missing version's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from planwatch.web.plans import services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.models import Membership, ObjectChange, ProjectUpdate, Submission
from planwatch.web.plans.services.accounts import SESSION_FLAG

PLAN1 = ("planoffice", "viewer", "head_a", "reporter_a", "reporter_b")
PLAN2 = ("office2", "reporter2", "viewer2")
EVERYONE = (*PLAN1, *PLAN2, "anonymous")


@dataclass
class Attempt:
    name: str
    method: str
    url: Callable[[dict[str, Any]], str]
    body: Callable[[dict[str, Any]], dict[str, Any]]
    allowed: tuple[str, ...]
    api: bool = True
    done: Callable[[Any, dict[str, Any]], bool] | None = None  # did it take effect (beyond the status code)?
    before: Callable[[dict[str, Any]], None] | None = None  # puts the object back before each role's try


def _on_plan1(response: Any, objects: dict[str, Any]) -> bool:
    """A page answered about plan 1 (a member of plan 2 asking ?plan=<plan 1> sees its own plan instead)."""
    ctx = getattr(response, "context", None)
    if ctx is not None and "ws" in ctx:
        return ctx["ws"].plan.pk == objects["plan"].pk
    return objects["plan"].region.code in response.get("Content-Disposition", "testdistrict")


def _version(model: Any, pk: int) -> int:
    return model.objects.filter(pk=pk).values_list("version", flat=True).get()


def _objects(plan, users, task, other) -> dict[str, Any]:
    reporter = Actor.for_user(users["reporter_a"])
    sub = services.report(reporter, task, value="95", as_of="2021-07-31")
    draft = services.create_draft(reporter, task, value="96", as_of="2021-08-31")
    rnd = services.open_round(Actor.for_user(users["planoffice"]), plan, label="7月", period="2021-07",
                              opens="2021-07-25", deadline="2021-08-05")
    return {"plan": plan, "task": task, "sub": sub, "draft": draft, "round": rnd,
            "project": plan.projects.get(code="p_a"), "dept": plan.departments.get(code="dept_b"),
            "member": Membership.objects.get(user=users["reporter_b"], plan=plan)}


def _attempts() -> list[Attempt]:
    from planwatch.web.plans.models import Department, Plan, Project, ReportingRound

    sub = lambda o: {"version": _version(Submission, o["sub"].pk)}  # noqa: E731
    return [
        Attempt("report on a task", "post", lambda o: f"/api/tasks/{o['task'].pk}/submissions/",
                lambda o: {"value": "97", "as_of": "2021-07-30"}, ("planoffice", "head_a", "reporter_a")),
        Attempt("create a draft", "post", lambda o: "/api/submissions/",
                lambda o: {"task": o["task"].pk, "value": "97", "as_of": "2021-07-29"},
                ("planoffice", "head_a", "reporter_a")),
        Attempt("edit a draft", "patch", lambda o: f"/api/submissions/{o['draft'].pk}/",
                lambda o: {"value": "98", "version": _version(Submission, o["draft"].pk)},
                ("planoffice", "head_a", "reporter_a")),
        Attempt("approve", "post", lambda o: f"/api/submissions/{o['sub'].pk}/approve/", sub, ("planoffice",)),
        Attempt("return", "post", lambda o: f"/api/submissions/{o['sub'].pk}/return/",
                lambda o: {**sub(o), "comment": "请核实"}, ("planoffice",)),
        Attempt("bulk approve", "post", lambda o: "/api/submissions/bulk-approve/",
                lambda o: {"submissions": [{"id": o["sub"].pk, **sub(o)}]}, ("planoffice",),
                done=lambda r, o: bool(r.json().get("approved"))),
        Attempt("project update", "post", lambda o: f"/api/projects/{o['project'].pk}/updates/",
                lambda o: {"phase": "under_construction", "investment_done": "6000", "as_of": "2021-07-31",
                           "actual_start": "2021-03-05", "version": _version(Project, o["project"].pk)},
                ("planoffice", "head_a", "reporter_a"),
                # one update awaits review at a time: each role's try starts with none waiting
                before=lambda o: ProjectUpdate.objects.filter(project=o["project"]).delete()),
        Attempt("open a round", "post", lambda o: "/api/rounds/",
                lambda o: {"plan": o["plan"].pk, "label": "8月", "period": "2021-08", "opens": "2021-08-25",
                           "deadline": "2021-09-05"}, ("planoffice",)),
        Attempt("close a round", "post", lambda o: f"/api/rounds/{o['round'].pk}/close/",
                lambda o: {"version": _version(ReportingRound, o["round"].pk)}, ("planoffice",)),
        Attempt("plan settings", "patch", lambda o: f"/api/plans/{o['plan'].pk}/",
                lambda o: {"four_eyes": False, "version": _version(Plan, o["plan"].pk)}, ("planoffice",)),
        Attempt("add a person", "post", lambda o: "/api/people/",
                lambda o: {"plan": o["plan"].pk, "username": "newcomer", "role": "viewer"}, ("planoffice",)),
        Attempt("change a role", "patch", lambda o: f"/api/people/{o['member'].pk}/",
                lambda o: {"role": "viewer", "version": _version(Membership, o["member"].pk)}, ("planoffice",)),
        Attempt("reset a password", "post", lambda o: f"/api/people/{o['member'].pk}/password/",
                lambda o: {"version": _version(Membership, o["member"].pk)}, ("planoffice",)),
        Attempt("add a department", "post", lambda o: "/api/departments/",
                lambda o: {"plan": o["plan"].pk, "code": "dept_z", "name": "区丙局"}, ("planoffice",)),
        Attempt("rename a department", "patch", lambda o: f"/api/departments/{o['dept'].pk}/",
                lambda o: {"name": "区乙局二", "version": _version(Department, o["dept"].pk)}, ("planoffice",)),
        Attempt("export the plan", "get", lambda o: f"/api/plans/{o['plan'].pk}/export/?format=xlsx",
                lambda o: {}, ("planoffice", "viewer")),
        Attempt("the plan's change log", "get", lambda o: f"/api/plans/{o['plan'].pk}/changes/",
                lambda o: {}, PLAN1),
        Attempt("all changes of a submission", "get", lambda o: f"/api/submissions/{o['sub'].pk}/changes/",
                lambda o: {}, ("planoffice", "head_a", "reporter_a")),
        Attempt("a person", "get", lambda o: f"/api/people/{o['member'].pk}/", lambda o: {}, ("planoffice",)),
        # the pages: reading a page of plan 1 (a 404 or the login page is a refusal)
        *[Attempt(f"page {path}", "get", lambda o, p=path: p + (f"?plan={o['plan'].pk}"), lambda o: {}, who,
                  api=False, done=_on_plan1)
          for path, who in (
              ("/", PLAN1), ("/tasks/", PLAN1), ("/indicators/", PLAN1), ("/warnings/", PLAN1),
              ("/projects/", PLAN1), ("/report/", ("planoffice", "head_a", "reporter_a", "reporter_b")),
              ("/approvals/", ("planoffice",)), ("/rounds/", ("planoffice",)), ("/people/", ("planoffice",)),
              ("/package/", ("planoffice",)), ("/reports/", ("planoffice", "viewer")),
              ("/package/export.xlsx", ("planoffice",)))],
        Attempt("page: a submission's task", "get", lambda o: f"/tasks/{o['task'].pk}/", lambda o: {},
                ("planoffice", "viewer", "head_a", "reporter_a"), api=False),
        Attempt("page: approve", "post", lambda o: "/approvals/",
                lambda o: {"approve": o["sub"].pk, f"version-{o['sub'].pk}": _version(Submission, o["sub"].pk)},
                ("planoffice",), api=False),
        Attempt("page: close a round", "post", lambda o: "/rounds/",
                lambda o: {"close": o["round"].pk,
                           f"version-{o['round'].pk}": _version(ReportingRound, o["round"].pk)},
                ("planoffice",), api=False, done=_on_plan1),
        Attempt("page: reset a password", "post", lambda o: "/people/",
                lambda o: {"form": "member", "member": o["member"].pk, "do": "reset",
                           "version": _version(Membership, o["member"].pk)}, ("planoffice",), api=False),
    ]


def _client(name: str, people: dict[str, Any], api: bool) -> Any:
    client = APIClient() if api else Client()
    if name != "anonymous":
        user = get_user_model().objects.get(pk=people[name].pk)  # as it is now (a password reset changed it)
        if api:
            client.force_authenticate(user)
        else:
            client.force_login(user)
            session = client.session  # a password the office reset is taken as changed since: the pages open
            session.pop(SESSION_FLAG, None)
            session.save()
    return client


def _succeeded(response: Any, api: bool) -> bool:
    if response.status_code >= 400:
        return False
    return not (response.status_code == 302 and "/accounts/login/" in response.get("Location", ""))


@pytest.mark.django_db
def test_no_forbidden_attempt_succeeds(plan, users, task, other) -> None:
    people = {**users, **{k: other[k] for k in PLAN2}}
    objects = _objects(plan, users, task, other)
    denied_ok: list[str] = []
    must_deny = 0
    allowed_failed: list[str] = []
    for attempt in _attempts():
        for who in EVERYONE:
            client = _client(who, people, attempt.api)
            if attempt.before is not None:
                attempt.before(objects)
            before = ObjectChange.objects.count()
            kwargs = {"format": "json"} if attempt.api else {}
            response = getattr(client, attempt.method)(attempt.url(objects), attempt.body(objects), **kwargs)
            ok = _succeeded(response, attempt.api) and (attempt.done is None or attempt.done(response, objects))
            if who in attempt.allowed:
                if not ok:
                    allowed_failed.append(f"{attempt.name} by {who}: {response.status_code}")
                continue
            must_deny += 1
            changed = ObjectChange.objects.count() != before
            if ok or changed:
                denied_ok.append(f"{attempt.name} by {who}: {response.status_code}, logged a change: {changed}")
        # allowed writes changed the objects: refresh what the next attempts aim at
        objects.update(_fresh(objects, users, plan, task))
    assert must_deny > 200
    assert denied_ok == [], f"{len(denied_ok)} of {must_deny} forbidden attempts succeeded:\n" + "\n".join(denied_ok)
    assert allowed_failed == [], "\n".join(allowed_failed)


def _fresh(objects: dict[str, Any], users: dict[str, Any], plan: Any, task: Any) -> dict[str, Any]:
    """Waiting submission and draft again (an approval or return used them up), and an open round."""
    reporter = Actor.for_user(users["reporter_a"])
    out: dict[str, Any] = {}
    Submission.objects.filter(task=task, status__in=["submitted", "draft", "returned"]).exclude(
        pk__in=[objects["sub"].pk, objects["draft"].pk]).delete()
    if Submission.objects.get(pk=objects["sub"].pk).status != "submitted":
        out["sub"] = services.report(reporter, task, value="95", as_of="2021-07-31")
    if Submission.objects.get(pk=objects["draft"].pk).status != "draft":
        out["draft"] = services.create_draft(reporter, task, value="96", as_of="2021-08-31")
    rnd = objects["round"]
    rnd.refresh_from_db()
    if rnd.status != "open":
        rnd.status = "open"
        rnd.save(update_fields=["status"])
    member = Membership.objects.get(pk=objects["member"].pk)
    if member.role != "reporter":
        member.role = "reporter"
        member.save(update_fields=["role"])
    get_user_model().objects.filter(username="newcomer").delete()
    plan.departments.filter(code="dept_z").delete()
    return out
