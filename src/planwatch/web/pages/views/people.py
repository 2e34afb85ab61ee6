"""Users and departments of the plan, for its plan office: add a person, change a role or department,
deactivate or reactivate an account, reset a password (shown once); add and rename departments. Every
change goes through ``plans.services.people``, as the API's and ``planwatch admin createuser``'s do."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import Department, Membership, Role
from planwatch.web.plans.models.org import DepartmentKind
from planwatch.web.plans.services import people

from ..context import Workspace, workspace
from .reporting import field_errors

PERSON_FIELDS = ("username", "full_name", "role", "department", "password")
DEPARTMENT_FIELDS = ("code", "name", "name_en", "kind")


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return field_errors(exc)
    return {"form": [str(m) for m in exc.messages]}


def _handle(request: HttpRequest, ws: Workspace, members: Any, departments: Any) -> dict[str, Any]:
    """Carry out one posted form; answer what the page shows (field errors, a new password once)."""
    actor = Actor.from_request(request)
    form = request.POST.get("form", "")
    out: dict[str, Any] = {}
    try:
        if form == "add_person":
            posted = {f: request.POST.get(f, "").strip() for f in PERSON_FIELDS}
            posted["password"] = request.POST.get("password", "")
            out["person_posted"] = posted
            added = people.add_person(actor, ws.plan, username=posted["username"], role=posted["role"],
                                      department=posted["department"] or None,
                                      password=posted["password"] or None, full_name=posted["full_name"])
            out["person_posted"] = {}
            out["new_password"] = {"username": added.membership.user.username, "password": added.password}
            messages.success(request, _("Added: %(name)s") % {"name": added.membership.user.username})
        elif form in ("member", "add_department", "department"):
            return _handle_row(request, ws, actor, form, members, departments)
    except ValidationError as exc:
        out["person_errors"] = _errors(exc)
    except (Conflict, PermissionDenied) as exc:
        messages.error(request, str(exc))
    return out


def _handle_row(request: HttpRequest, ws: Workspace, actor: Actor, form: str, members: Any,
                departments: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    version = request.POST.get("version", "") or None
    try:
        if form == "member":
            pk = request.POST.get("member", "")
            member = members.filter(pk=int(pk)).first() if pk.isascii() and pk.isdigit() and len(pk) < 19 else None
            if member is None:
                raise Http404("no such member")
            out["member_id"] = member.pk
            what = request.POST.get("do", "save")
            name = member.user.username
            if what == "deactivate":
                people.set_active(actor, member, False, version=version)
                messages.success(request, _("Deactivated: %(name)s") % {"name": name})
            elif what == "activate":
                people.set_active(actor, member, True, version=version)
                messages.success(request, _("Reactivated: %(name)s") % {"name": name})
            elif what == "reset":
                out["new_password"] = {"username": name, "password": people.reset_password(actor, member,
                                                                                            version=version)}
                messages.success(request, _("Password reset: %(name)s") % {"name": name})
            else:
                people.change_role(actor, member, role=request.POST.get("role", ""),
                                   department=request.POST.get("department", "").strip(), version=version)
                messages.success(request, _("Saved: %(name)s") % {"name": name})
        elif form == "add_department":
            posted = {f: request.POST.get(f, "").strip() for f in DEPARTMENT_FIELDS}
            out["department_posted"] = posted
            dept = people.create_department(actor, ws.plan, code=posted["code"], name=posted["name"],
                                            name_en=posted["name_en"], kind=posted["kind"] or "department")
            out["department_posted"] = {}
            messages.success(request, _("Added: %(name)s") % {"name": dept.name})
        else:
            pk = request.POST.get("department_id", "")
            found = departments.filter(pk=int(pk)).first() if pk.isascii() and pk.isdigit() and len(pk) < 19 else None
            if found is None:
                raise Http404("no such department")
            out["department_id"] = found.pk
            people.update_department(actor, found, name=request.POST.get("name", ""),
                                     name_en=request.POST.get("name_en", ""),
                                     code=request.POST.get("code") or None, version=version)
            messages.success(request, _("Saved: %(name)s") % {"name": request.POST.get("name", "").strip()})
    except ValidationError as exc:
        key = "member_errors" if form == "member" else "department_errors"
        out[key] = _errors(exc)
    except (Conflict, PermissionDenied) as exc:
        messages.error(request, str(exc))
    return out


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not ws.is_planoffice:
        raise Http404("the plan office's page")
    departments = (Department.objects.visible_to(request.user).filter(plan=ws.plan)
                   .annotate(n_tasks=Count("led_tasks", distinct=True), n_projects=Count("projects", distinct=True),
                             n_members=Count("memberships", distinct=True))
                   .order_by("seq", "id"))
    members = (Membership.objects.filter(plan=ws.plan).select_related("user", "department")
               .order_by("role", "department__seq", "user__username"))
    shown: dict[str, Any] = {}
    if request.method == "POST":
        shown = _handle(request, ws, members, departments)
        has_errors = any(k.endswith("_errors") for k in shown)
        if not has_errors and "new_password" not in shown:
            return redirect(request.path)  # post, redirect, get: a reload sends nothing twice
    member_rows = list(members)
    dept_rows = list(departments)
    for d in dept_rows:
        d.in_use = bool(d.n_tasks or d.n_projects or d.n_members) or people.department_in_use(d)
    return render(request, "pages/people/index.html", {
        "ws": ws, "departments": dept_rows, "members": member_rows, "roles": Role.choices,
        "department_roles": sorted(people.DEPARTMENT_ROLES), "kinds": DepartmentKind.choices,
        "person_posted": shown.get("person_posted", {}), "person_errors": shown.get("person_errors", {}),
        "member_id": shown.get("member_id"), "member_errors": shown.get("member_errors", {}),
        "department_posted": shown.get("department_posted", {}),
        "department_id": shown.get("department_id"), "department_errors": shown.get("department_errors", {}),
        "new_password": shown.get("new_password"),
    })
