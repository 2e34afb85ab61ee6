"""The people and departments of a plan, managed by its plan office: the pages, the API and the CLI call these.

A person's place in a plan is a ``Membership`` (role, and for heads and reporters their department) of a
Django user. Only the plan office of the plan (a superuser counts as the plan office of every plan; the
command line acts as the administrator) adds people, changes a role or department, deactivates and
reactivates an account and resets a password; it creates departments and renames them (a department's code
cannot change once anything refers to it). Accounts are never deleted: the change log keeps the names.

Every change is written to the change log with before and after (a user's password never: only that it was
set). Memberships and departments carry a ``version`` (the one locking scheme, ``locking``); a membership's
version also moves when its account changes (active, password), on every plan the account belongs to. An
account is shared by the plans it belongs to: it is managed (and added to another plan) only by someone who
is plan office of every plan it belongs to (or a superuser), and a superuser's account only by a superuser.
A plan office learns nothing of accounts beyond its plans: a user name taken elsewhere is just "not
available".
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied, StateError, ValidationError
from ..models import Department, Membership, Plan, Role
from ..models.changes import Action
from ..models.org import DepartmentKind
from .locking import check_version, lock, service, write

DEPARTMENT_ROLES = frozenset({scoping.HEAD, scoping.REPORTER})
ROLES = frozenset(Role.values)
USERNAME = re.compile(r"^[\w.@+-]{1,150}$")
CODE = re.compile(r"^[A-Za-z0-9_.-]{1,60}$")
USER_FIELDS = ("id", "username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")


@dataclass(frozen=True)
class Added:
    """What ``add_person`` did: the membership, whether the account is new, and its one-time password."""

    membership: Membership
    created: bool
    password: str | None  # shown once when generated (or given) for a new account; None for an existing one


def generate_password() -> str:
    """A one-time password for a new account or a reset: 16 characters, URL-safe."""
    return secrets.token_urlsafe(12)


def is_cli(actor: Actor) -> bool:
    """The command line (``Actor.cli()`` without a user) acts as the administrator."""
    return actor.user is None and actor.name.startswith("cli:")


def user_snapshot(user: Any) -> dict[str, Any]:
    """A user as the change log keeps it: never the password hash."""
    return {f: getattr(user, f) for f in USER_FIELDS}


def _require_office(actor: Actor, plan_id: int) -> None:
    if is_cli(actor):
        return
    if not scoping.is_planoffice(actor.user, plan_id):
        raise PermissionDenied(_("Only the plan office manages people and departments"))


def covers_account(actor: Actor, user: Any) -> bool:
    """Is the actor plan office of every plan the account belongs to (the command line and superusers are)?"""
    if is_cli(actor) or scoping.is_superuser(actor.user):
        return True
    if user.is_superuser:
        return False
    return all(scoping.is_planoffice(actor.user, plan_id)
               for plan_id in Membership.objects.filter(user=user).values_list("plan_id", flat=True))


def _require_account(actor: Actor, user: Any) -> None:
    """May the actor change this account itself (active, password)? Not beyond the actor's own plans."""
    if covers_account(actor, user):
        return
    if user.is_superuser:
        raise PermissionDenied(_("Only an administrator manages an administrator's account"))
    raise PermissionDenied(_("This account also belongs to another plan; its plan office or an "
                             "administrator manages it"))


def _account_changed(actor: Actor, user: Any) -> None:
    """The account stands in every membership's form: their versions move on (logged like any change)."""
    for member in Membership.objects.select_for_update().filter(user=user).select_related("plan").order_by("pk"):
        write(actor, member, {}, Action.UPDATE, plan=member.plan)


def _department(plan: Plan, role: str, department: Any, errors: dict[str, list[str]]) -> Department | None:
    """The department a role needs (heads and reporters), looked up in the plan by object, id or code."""
    if role not in DEPARTMENT_ROLES:
        if department not in (None, ""):
            errors["department"] = [_("The plan office and viewers belong to no department")]
        return None
    if department in (None, ""):
        errors["department"] = [_("A department head or reporter needs a department")]
        return None
    if isinstance(department, Department):
        found = department if department.plan_id == plan.pk else None
    elif isinstance(department, int):
        found = Department.objects.filter(plan=plan, pk=department).first()
    else:
        found = Department.objects.filter(plan=plan, code=str(department).strip()).first()
    if found is None:
        errors["department"] = [_("No such department in this plan: %(code)s") % {"code": str(department)[:60]}]
    return found


def _role(role: Any, errors: dict[str, list[str]]) -> str:
    text = "" if role is None else str(role).strip()
    if text not in ROLES:
        errors["role"] = [_("The role must be one of: %(roles)s") % {"roles": ", ".join(Role.values)}]
    return text


def _password(password: str | None, user: Any, errors: dict[str, list[str]]) -> str:
    if password in (None, ""):
        return generate_password()
    assert password is not None
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = [str(m) for m in exc.messages]
    return password


def _office_left(plan_id: int, without: Membership) -> bool:
    """Would the plan still have an active plan office without this membership's office role?"""
    return Membership.objects.filter(plan_id=plan_id, role=scoping.PLANOFFICE, user__is_active=True) \
        .exclude(pk=without.pk).exists()


def _log_member(actor: Actor, action: Any, member: Membership, before: dict[str, Any] | None) -> None:
    changelog.record(actor, action, member, before, changelog.snapshot(member), plan=member.plan)


@service
def add_person(actor: Actor, plan: Plan, *, username: str, role: str, department: Any = None,
               password: str | None = None, full_name: str = "", email: str = "") -> Added:
    """Give a person a role in the plan: a new account (its password given, or generated and returned
    once), or an existing account that is not yet a member of this plan (its password is left alone)."""
    _require_office(actor, plan.pk)
    errors: dict[str, list[str]] = {}
    name = (username or "").strip()
    if not USERNAME.match(name):
        errors["username"] = [_("A user name is 1 to 150 letters, digits or @ . + - _")]
    role = _role(role, errors)
    dept = _department(plan, role, department, errors) if "role" not in errors else None
    user_model = get_user_model()
    user = user_model.objects.filter(username=name).first() if "username" not in errors else None
    if user is not None and not covers_account(actor, user):
        errors["username"] = [_("This user name is not available; choose another")]
    elif user is not None and Membership.objects.filter(user=user, plan=plan).exists():
        errors["username"] = [_("%(name)s is already a member of this plan") % {"name": name}]
    new_password: str | None = None
    if user is None and "username" not in errors:
        new_password = _password(password, user_model(username=name, email=email), errors)
    if errors:
        raise ValidationError(errors)
    created = user is None
    if user is None:
        first, _sep, last = (full_name or "").strip().partition(" ")
        user = user_model.objects.create_user(name, email=(email or "").strip(), password=new_password,
                                              first_name=first[:150], last_name=last[:150])
        changelog.record(actor, Action.CREATE, user, None, user_snapshot(user), plan=plan)
    member = Membership.objects.create(user=user, plan=plan, role=role, department=dept)
    _log_member(actor, Action.CREATE, member, None)
    scoping.forget(user)
    return Added(membership=member, created=created, password=new_password)


def _locked(member: Membership) -> Membership:
    return lock(Membership.objects.select_related("user", "plan", "department"), member.pk)


def _log_account(actor: Actor, user: Any, before: dict[str, Any], after: dict[str, Any], plan: Any) -> None:
    changelog.record(actor, Action.UPDATE, user, before, after, plan=plan)


@service
def update_member(actor: Actor, member: Membership, *, version: Any = None, role: Any = None,
                  department: Any = None, is_active: bool | None = None) -> Membership:
    """One change of a person in the plan: role and/or department, and/or whether the account is active;
    all or nothing, against the version read."""
    _require_office(actor, member.plan_id)
    member = _locked(member)
    check_version(member, version)
    if role not in (None, "") or department is not None:
        member = _change_role(actor, member, role=role, department=department)
    if is_active is not None:
        member = _set_active(actor, member, bool(is_active))
    return member


def change_role(actor: Actor, member: Membership, *, role: Any = None, department: Any = None,
                version: Any = None) -> Membership:
    """Change a person's role and/or department in the plan (a head or reporter always has one)."""
    return update_member(actor, member, version=version, role=role, department=department)


def set_active(actor: Actor, member: Membership, active: bool, *, version: Any = None) -> Membership:
    """Deactivate an account (it can no longer log in or get a token; nothing is deleted) or reactivate it."""
    return update_member(actor, member, version=version, is_active=active)


def _change_role(actor: Actor, member: Membership, *, role: Any, department: Any) -> Membership:
    errors: dict[str, list[str]] = {}
    new_role = member.role if role in (None, "") else _role(role, errors)
    wanted = department if department is not None else (member.department if new_role in DEPARTMENT_ROLES
                                                        else None)
    dept = _department(member.plan, new_role, wanted, errors) if "role" not in errors else None
    if errors:
        raise ValidationError(errors)
    if member.role == scoping.PLANOFFICE and new_role != scoping.PLANOFFICE and not _office_left(member.plan_id,
                                                                                                   member):
        raise StateError(_("The plan would have no plan office left"))
    if (new_role, dept.pk if dept else None) == (member.role, member.department_id):
        return member
    member = write(actor, member, {"role": new_role, "department": dept}, Action.UPDATE, plan=member.plan)
    scoping.forget(member.user)
    return member


def _set_active(actor: Actor, member: Membership, active: bool) -> Membership:
    user = get_user_model().objects.select_for_update().get(pk=member.user_id)
    _require_account(actor, user)
    if user.is_active == active:
        return member
    if not active:
        if getattr(actor.user, "pk", None) == user.pk:
            raise StateError(_("You cannot deactivate your own account"))
        if member.role == scoping.PLANOFFICE and not _office_left(member.plan_id, member):
            raise StateError(_("The plan would have no plan office left"))
    before = user_snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        _drop_tokens(user)
    _log_account(actor, user, before, user_snapshot(user), member.plan)
    _account_changed(actor, user)
    member.refresh_from_db()
    return member


def _drop_tokens(user: Any) -> None:
    """API tokens and sessions die with a deactivation or a password reset."""
    from planwatch.web.access.tokens import revoke_all

    revoke_all(user)


@service
def reset_password(actor: Actor, member: Membership, password: str | None = None, *,
                   version: Any = None) -> str:
    """Set a new password (given, or generated) and return it to be shown once. Old tokens stop working."""
    _require_office(actor, member.plan_id)
    member = _locked(member)
    user = get_user_model().objects.select_for_update().get(pk=member.user_id)
    _require_account(actor, user)
    check_version(member, version)
    errors: dict[str, list[str]] = {}
    new = _password(password, user, errors)
    if errors:
        raise ValidationError(errors)
    user.set_password(new)
    user.save(update_fields=["password"])
    _drop_tokens(user)
    _log_account(actor, user, {"password": "(old)"}, {"password": "(reset)"}, member.plan)
    _account_changed(actor, user)
    return new


def _department_fields(name: Any, name_en: Any, kind: Any, errors: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    if name is not None:
        text = str(name).strip()
        if not text:
            errors["name"] = [_("A name is required")]
        elif len(text) > 200:
            errors["name"] = [_("At most %(n)s characters") % {"n": 200}]
        out["name"] = text
    if name_en is not None:
        text = str(name_en).strip()
        if len(text) > 200:
            errors["name_en"] = [_("At most %(n)s characters") % {"n": 200}]
        out["name_en"] = text
    if kind is not None:
        text = str(kind).strip() or "department"
        if text not in DepartmentKind.values:
            errors["kind"] = [_("The kind must be one of: %(kinds)s") % {"kinds": ", ".join(DepartmentKind.values)}]
        out["kind"] = text
    return out


def _code(code: Any, plan: Plan, errors: dict[str, list[str]], exclude: int | None = None) -> str:
    text = "" if code is None else str(code).strip()
    if not CODE.match(text):
        errors["code"] = [_("A code is 1 to 60 letters, digits or . - _")]
    elif Department.objects.filter(plan=plan, code=text).exclude(pk=exclude or 0).exists():
        errors["code"] = [_("This plan has a department %(code)s already") % {"code": text}]
    return text


def department_in_use(dept: Department) -> bool:
    """Does anything refer to the department by its code (tasks, projects, indicators, people, warnings)?"""
    return (dept.led_tasks.exists() or dept.co_links.exists() or dept.projects.exists()
            or dept.indicators.exists() or dept.memberships.exists() or dept.warnings.exists())


@service
def create_department(actor: Actor, plan: Plan, *, code: str, name: str, name_en: str = "",
                      kind: str = "department") -> Department:
    _require_office(actor, plan.pk)
    errors: dict[str, list[str]] = {}
    text = _code(code, plan, errors)
    fields = _department_fields(name, name_en or "", kind or "department", errors)
    if errors:
        raise ValidationError(errors)
    last = Department.objects.filter(plan=plan).order_by("-seq").values_list("seq", flat=True).first() or 0
    dept = Department.objects.create(plan=plan, code=text, seq=last + 1, **fields)
    changelog.record(actor, Action.CREATE, dept, None, changelog.snapshot(dept), plan=plan)
    return dept


@service
def update_department(actor: Actor, dept: Department, *, name: Any = None, name_en: Any = None, kind: Any = None,
                      code: Any = None, version: Any = None) -> Department:
    """Rename a department (name, English name, kind); its code only while nothing refers to it."""
    _require_office(actor, dept.plan_id)
    dept = lock(Department.objects.select_related("plan"), dept.pk)
    check_version(dept, version)
    errors: dict[str, list[str]] = {}
    fields = _department_fields(name, name_en, kind, errors)
    if code is not None and str(code).strip() != dept.code:
        if department_in_use(dept):
            errors["code"] = [_("The code of a department in use cannot change")]
        else:
            fields["code"] = _code(code, dept.plan, errors, exclude=dept.pk)
    if errors:
        raise ValidationError(errors)
    changed = {k: v for k, v in fields.items() if getattr(dept, k) != v}
    if not changed:
        return dept
    return write(actor, dept, changed, Action.UPDATE, plan=dept.plan)



@service
def make_superuser(actor: Actor, user: Any) -> Any:
    """An administrator (Django admin site, plan office of every plan): only from the command line or by one."""
    if not (is_cli(actor) or scoping.is_superuser(actor.user)):
        raise PermissionDenied(_("Only an administrator makes an administrator"))
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.is_superuser and user.is_staff:
        return user
    before = user_snapshot(user)
    user.is_superuser = user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    changelog.record(actor, Action.UPDATE, user, before, user_snapshot(user))
    return user
